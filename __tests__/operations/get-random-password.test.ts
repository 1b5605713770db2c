/**
 * GetRandomPassword (reference/aws-behaviour.md §3.13, aws-api-facts.md §5.14) through every way in.
 */
import { GetRandomPasswordCommand, InvalidParameterException, SecretsManagerServiceException } from "@aws-sdk/client-secrets-manager";
import { generatePassword, SecretsStore } from "secrets-manager-mock";
import { setup, WAYS_IN, type WayIn } from "../helpers/ways-in";
import { failure } from "../helpers/call-failure";

const UPPER = /[A-Z]/;
const LOWER = /[a-z]/;
const DIGIT = /[0-9]/;
const PUNCT = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;
const ALLOWED_DEFAULT = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]+$/;

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("GetRandomPassword via %s", (_name, way: WayIn) => {
  it("defaults to 32 characters with every type present", async () => {
    const { client } = setup(way, { seed: 1 });
    for (let i = 0; i < 50; i++) {
      const out = await client.send(new GetRandomPasswordCommand({}));
      expect(Object.keys(out).sort()).toEqual(["$metadata", "RandomPassword"]);
      const p = out.RandomPassword!;
      expect(p).toHaveLength(32);
      expect(p).toMatch(ALLOWED_DEFAULT);
      expect(p).not.toContain(" ");
      for (const re of [UPPER, LOWER, DIGIT, PUNCT]) expect(p).toMatch(re);
    }
  });

  it("honours length and ExcludeCharacters (AWS-validated case: 120, xyzDje@?!.)", async () => {
    const { client } = setup(way, { seed: 2 });
    const { RandomPassword } = await client.send(new GetRandomPasswordCommand({ PasswordLength: 120, ExcludeCharacters: "xyzDje@?!." }));
    expect(RandomPassword).toHaveLength(120);
    for (const c of "xyzDje@?!.") expect(RandomPassword).not.toContain(c);
  });

  it("uses all 32 punctuation characters and nothing else", async () => {
    const { client } = setup(way, { seed: 3 });
    const { RandomPassword } = await client.send(
      new GetRandomPasswordCommand({ PasswordLength: 4096, ExcludeUppercase: true, ExcludeLowercase: true, ExcludeNumbers: true }),
    );
    expect(RandomPassword).toHaveLength(4096);
    expect(new Set(RandomPassword).size).toBe(32);
    expect([...new Set(RandomPassword)].sort().join("")).toBe(Array.from("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").sort().join(""));
  });

  it("applies each Exclude switch and IncludeSpace", async () => {
    const { client } = setup(way, { seed: 4 });
    const only = async (input: object) =>
      (await client.send(new GetRandomPasswordCommand({ PasswordLength: 200, ...input }))).RandomPassword!;
    expect(await only({ ExcludePunctuation: true, ExcludeNumbers: true, ExcludeLowercase: true })).toMatch(/^[A-Z]+$/);
    expect(await only({ ExcludePunctuation: true, ExcludeNumbers: true, ExcludeUppercase: true })).toMatch(/^[a-z]+$/);
    expect(await only({ ExcludePunctuation: true, ExcludeUppercase: true, ExcludeLowercase: true })).toMatch(/^[0-9]+$/);
    const spaced = await only({ IncludeSpace: true, ExcludePunctuation: true });
    expect(spaced).toMatch(/^[A-Za-z0-9 ]+$/);
    expect(spaced).toContain(" ");
  });

  it("puts one character of each required type even in a minimal password", async () => {
    const { client } = setup(way, { seed: 5 });
    for (let i = 0; i < 30; i++) {
      const { RandomPassword } = await client.send(new GetRandomPasswordCommand({ PasswordLength: 4 }));
      expect(RandomPassword).toHaveLength(4);
      for (const re of [UPPER, LOWER, DIGIT, PUNCT]) expect(RandomPassword).toMatch(re);
    }
  });

  // The API reference's RequireEachIncludedType names four types: the space adds to the pool only.
  it("IncludeSpace adds the space to the pool without making it a required type", async () => {
    const { client } = setup(way, { seed: 5 });
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const { RandomPassword } = await client.send(new GetRandomPasswordCommand({ PasswordLength: 4, IncludeSpace: true }));
      expect(RandomPassword).toHaveLength(4);
      for (const re of [UPPER, LOWER, DIGIT, PUNCT]) expect(RandomPassword).toMatch(re);
      for (const c of RandomPassword!) seen.add(c);
    }
    expect(seen.has(" ")).toBe(false);
    const long = await client.send(new GetRandomPasswordCommand({ PasswordLength: 400, IncludeSpace: true }));
    expect(long.RandomPassword).toContain(" ");
  });

  it("does not require each type when RequireEachIncludedType is false", async () => {
    const { client } = setup(way, { seed: 6 });
    const { RandomPassword } = await client.send(new GetRandomPasswordCommand({ PasswordLength: 1, RequireEachIncludedType: false }));
    expect(RandomPassword).toHaveLength(1);
  });

  it("refuses a length too short for the required types", async () => {
    const { client, store } = setup(way, { seed: 7 });
    const before = store.revision;
    const e = await failure(client.send(new GetRandomPasswordCommand({ PasswordLength: 3 })));
    expect(e).toBeInstanceOf(InvalidParameterException);
    expect(e.message).toBe("Password length is too short based on the required types.");
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(store.revision).toBe(before);
  });

  it("refuses a request where every character is excluded", async () => {
    const { client } = setup(way);
    const e = await failure(
      client.send(
        new GetRandomPasswordCommand({ ExcludeUppercase: true, ExcludeLowercase: true, ExcludeNumbers: true, ExcludePunctuation: true }),
      ),
    );
    expect(e).toBeInstanceOf(InvalidParameterException);
    const e2 = await failure(
      client.send(
        new GetRandomPasswordCommand({
          ExcludePunctuation: true,
          ExcludeUppercase: true,
          ExcludeLowercase: true,
          ExcludeCharacters: "0123456789",
        }),
      ),
    );
    expect(e2).toBeInstanceOf(InvalidParameterException);
  });

  it("refuses when ExcludeCharacters removes every character of a type that is still required", async () => {
    const { client, store } = setup(way, { seed: 8 });
    const before = JSON.stringify(store.exportState());
    const e = await failure(
      client.send(new GetRandomPasswordCommand({ PasswordLength: 40, ExcludePunctuation: true, ExcludeCharacters: "0123456789" })),
    );
    expect(e).toBeInstanceOf(InvalidParameterException);
    expect(e.message).toBe("The password can't be generated because ExcludeCharacters excludes every character of a required type.");
    expect(JSON.stringify(store.exportState())).toBe(before);
    // Not required, the type simply drops out.
    const { RandomPassword } = await client.send(
      new GetRandomPasswordCommand({
        PasswordLength: 40,
        ExcludePunctuation: true,
        ExcludeCharacters: "0123456789",
        RequireEachIncludedType: false,
      }),
    );
    expect(RandomPassword).toMatch(/^[A-Za-z]{40}$/);
  });

  it("validates PasswordLength against the model (1..4096)", async () => {
    const { client } = setup(way);
    for (const PasswordLength of [0, 4097]) {
      const e = await failure(client.send(new GetRandomPasswordCommand({ PasswordLength })));
      expect(e).toBeInstanceOf(SecretsManagerServiceException);
      expect(e.name).toBe("ValidationException");
    }
  });

  it("is deterministic with a seeded store", async () => {
    const a = setup(way, { seed: "same" }).client;
    const b = setup(way, { seed: "same" }).client;
    const pa = (await a.send(new GetRandomPasswordCommand({}))).RandomPassword;
    const pb = (await b.send(new GetRandomPasswordCommand({}))).RandomPassword;
    expect(pa).toBe(pb);
  });
});

describe("generatePassword", () => {
  it("is the same generator, usable without a client", () => {
    const p = generatePassword({ PasswordLength: 16, ExcludePunctuation: true }, new SecretsStore({ seed: 9 }).ids);
    expect(p).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(p).toMatch(UPPER);
    expect(p).toMatch(LOWER);
    expect(p).toMatch(DIGIT);
  });

  it("spreads characters uniformly enough (every digit drawn)", () => {
    const p = generatePassword(
      { PasswordLength: 2000, ExcludePunctuation: true, ExcludeUppercase: true, ExcludeLowercase: true },
      new SecretsStore({ seed: 10 }).ids,
    );
    for (const d of "0123456789") {
      const n = Array.from(p).filter((c) => c === d).length;
      expect(n).toBeGreaterThan(120);
      expect(n).toBeLessThan(280);
    }
  });
});
