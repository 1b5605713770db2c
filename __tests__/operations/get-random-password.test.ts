/**
 * GetRandomPassword (reference/aws-behaviour.md §3.13, aws-api-facts.md §5.14) through every way in.
 */
import { GetRandomPasswordCommand, InvalidParameterException } from "@aws-sdk/client-secrets-manager";
import { generatePassword, SecretsStore, ServiceError } from "secrets-manager-mock";
import { setup, WAYS_IN, type WayIn } from "../helpers/ways-in";
import { failure } from "../helpers/call-failure";

const UPPER = /[A-Z]/;
const LOWER = /[a-z]/;
const DIGIT = /[0-9]/;
const PUNCT = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;
const UPPER_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER_CHARS = "abcdefghijklmnopqrstuvwxyz";
const DIGIT_CHARS = "0123456789";
const PUNCT_CHARS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
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

  // Length 120 without xyzDje@?!.; the errors of length 3, 0 and 4097 and of every type excluded:
  // parity scenarios password/exclude-characters and password/errors. Here, nothing changes.
  it("refuses a length too short for the required types, changing nothing", async () => {
    const { client, store } = setup(way, { seed: 7 });
    const before = store.revision;
    const e = await failure(client.send(new GetRandomPasswordCommand({ PasswordLength: 3 })));
    expect(e).toBeInstanceOf(InvalidParameterException);
    expect(store.revision).toBe(before);
  });

  // Both texts were seen on AWS through CloudFormation's GenerateSecretString (go-to-k/cdkd,
  // measured 2026-09-14; CDK projects' comments); the code follows the sibling "too short" error.
  const NOTHING_LEFT = "All characters have been excluded from selection.";
  const TYPE_EMPTIED = "All characters of the desired type have been excluded.";
  const ALL_PRINTABLE = UPPER_CHARS + LOWER_CHARS + DIGIT_CHARS + PUNCT_CHARS;

  it("refuses a request where every character is excluded: All characters have been excluded from selection.", async () => {
    const { client, store } = setup(way, { seed: 7 });
    const before = JSON.stringify(store.exportState());
    // Every switch on, nothing else: parity scenario password/errors.
    const cases = [
      // RequireEachIncludedType defaults to true, but no type is left to require.
      { ExcludeUppercase: true, ExcludeLowercase: true, ExcludeNumbers: true, ExcludePunctuation: true, ExcludeCharacters: " " },
      // IncludeSpace with the space itself excluded.
      {
        ExcludeUppercase: true,
        ExcludeLowercase: true,
        ExcludeNumbers: true,
        ExcludePunctuation: true,
        IncludeSpace: true,
        ExcludeCharacters: " ",
      },
      // Not required: ExcludeCharacters empties the one type the switches leave.
      {
        ExcludePunctuation: true,
        ExcludeUppercase: true,
        ExcludeLowercase: true,
        ExcludeCharacters: DIGIT_CHARS,
        RequireEachIncludedType: false,
      },
      { ExcludeCharacters: ALL_PRINTABLE, RequireEachIncludedType: false },
    ];
    for (const input of cases) {
      const e = await failure(client.send(new GetRandomPasswordCommand(input)));
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(e.name).toBe("InvalidParameterException");
      expect(e.message).toBe(NOTHING_LEFT);
      expect(e.$fault).toBe("client");
      expect(e.$metadata.httpStatusCode).toBe(400);
    }
    expect(JSON.stringify(store.exportState())).toBe(before);
  });

  it("refuses when ExcludeCharacters empties a required type: All characters of the desired type have been excluded.", async () => {
    const { client, store } = setup(way, { seed: 8 });
    const before = JSON.stringify(store.exportState());
    for (const chars of [UPPER_CHARS, LOWER_CHARS, DIGIT_CHARS, PUNCT_CHARS]) {
      const e = await failure(client.send(new GetRandomPasswordCommand({ PasswordLength: 40, ExcludeCharacters: chars })));
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(e.message).toBe(TYPE_EMPTIED);
      expect(e.$metadata.httpStatusCode).toBe(400);
    }
    // With a switch: the types the switches keep are still required.
    const e = await failure(
      client.send(new GetRandomPasswordCommand({ PasswordLength: 40, ExcludePunctuation: true, ExcludeCharacters: DIGIT_CHARS })),
    );
    expect(e.message).toBe(TYPE_EMPTIED);
    expect(JSON.stringify(store.exportState())).toBe(before);
  });

  it("checks the emptied required type before the empty pool and the length (cdkd's order)", async () => {
    const { client } = setup(way, { seed: 9 });
    // Every included type emptied while required: the type error, not "from selection".
    const all = await failure(client.send(new GetRandomPasswordCommand({ ExcludeCharacters: ALL_PRINTABLE })));
    expect(all.message).toBe(TYPE_EMPTIED);
    // Too short for the required types as well: still the type error.
    const short = await failure(client.send(new GetRandomPasswordCommand({ PasswordLength: 1, ExcludeCharacters: DIGIT_CHARS })));
    expect(short.message).toBe(TYPE_EMPTIED);
  });

  it("lets a type the switch excludes, or one not required, lose its characters", async () => {
    const { client } = setup(way, { seed: 10 });
    // The switch takes digits out of the required types, so excluding them all is fine.
    const switched = await client.send(
      new GetRandomPasswordCommand({ PasswordLength: 40, ExcludeNumbers: true, ExcludeCharacters: DIGIT_CHARS }),
    );
    expect(switched.RandomPassword).toHaveLength(40);
    expect(switched.RandomPassword).not.toMatch(DIGIT);
    // Not required (cdkd measured the same template creating on CloudFormation): the type drops out.
    const { RandomPassword } = await client.send(
      new GetRandomPasswordCommand({
        PasswordLength: 40,
        ExcludePunctuation: true,
        ExcludeCharacters: DIGIT_CHARS,
        RequireEachIncludedType: false,
      }),
    );
    expect(RandomPassword).toMatch(/^[A-Za-z]{40}$/);
    // Only the space left: a password of spaces (the space is never a required type).
    const spaces = await client.send(
      new GetRandomPasswordCommand({
        PasswordLength: 5,
        IncludeSpace: true,
        ExcludeUppercase: true,
        ExcludeLowercase: true,
        ExcludeNumbers: true,
        ExcludePunctuation: true,
      }),
    );
    expect(spaces.RandomPassword).toBe("     ");
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
  it("throws the operation's errors as ServiceError data (code, message, status)", () => {
    const ids = new SecretsStore({ seed: 11 }).ids;
    const thrown = (options: Parameters<typeof generatePassword>[0]) => {
      try {
        generatePassword(options, ids);
      } catch (e) {
        return e as ServiceError;
      }
      throw new Error("generatePassword did not throw");
    };
    const type = thrown({ ExcludeCharacters: DIGIT_CHARS });
    expect(type).toBeInstanceOf(ServiceError);
    expect([type.code, type.message, type.httpStatus]).toEqual([
      "InvalidParameterException",
      "All characters of the desired type have been excluded.",
      400,
    ]);
    const none = thrown({ ExcludeUppercase: true, ExcludeLowercase: true, ExcludeNumbers: true, ExcludePunctuation: true });
    expect([none.code, none.message]).toEqual(["InvalidParameterException", "All characters have been excluded from selection."]);
    const short = thrown({ PasswordLength: 2 });
    expect([short.code, short.message]).toEqual(["InvalidParameterException", "Password length is too short based on the required types."]);
  });

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
