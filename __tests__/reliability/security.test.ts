/**
 * Security: secret values never appear in error messages or stacks, in the call history (redacted
 * by default) or in the SDK logger's output; names, tag keys and staging labels such as
 * `__proto__`, `constructor` and `toString` are ordinary strings, and nothing pollutes prototypes.
 */
import * as SM from "@aws-sdk/client-secrets-manager";
import { mockSecretsManager, SecretsStore } from "secrets-manager-mock";
import { WAYS_IN, type WayIn } from "../helpers/ways-in";
import { send } from "./harness";

const MARKER = "TOPSECRET-7f3a9c";
const MARKER_BYTES = new TextEncoder().encode(MARKER);
const TOKEN = "dddddddd-0000-4000-8000-000000000001";

/** Every text an error exposes. */
function texts(e: unknown): string {
  const err = e as Error & { Message?: string };
  return [err.message, err.stack, err.Message, String(err), JSON.stringify(err)].join("\n");
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail");
}

/** Calls whose errors could carry a value: each must fail, and not with the marker in it. */
const LEAKY_FAILURES: Array<[string, string, Record<string, unknown>]> = [
  ["over-long SecretString", "CreateSecret", { Name: "big", SecretString: MARKER + "x".repeat(70_000) }],
  ["over-long SecretBinary", "CreateSecret", { Name: "big", SecretBinary: new Uint8Array(70_000).fill(MARKER_BYTES[0]) }],
  ["lone surrogate in SecretString", "CreateSecret", { Name: "sur", SecretString: `${MARKER}\uD800` }],
  ["both values", "PutSecretValue", { SecretId: "s", SecretString: MARKER, SecretBinary: MARKER_BYTES }],
  ["token reused with another value", "PutSecretValue", { SecretId: "s", SecretString: `${MARKER}-other`, ClientRequestToken: TOKEN }],
  ["value for a missing secret", "PutSecretValue", { SecretId: "missing", SecretString: MARKER }],
  ["value with an invalid name", "UpdateSecret", { SecretId: "bad name", SecretString: MARKER }],
  [
    "RotationToken with bad characters",
    "PutSecretValue",
    { SecretId: "s", SecretString: "v", RotationToken: `${MARKER}!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!` },
  ],
  ["create over an existing name", "CreateSecret", { Name: "s", SecretString: MARKER }],
];

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("secret values stay secret via %s", (_n, way: WayIn) => {
  test.each(LEAKY_FAILURES)("%s: the error text and stack hold no secret value", async (_what, op, input) => {
    const store = new SecretsStore({ seed: 5 });
    const client = way.client(store);
    await send(client, "CreateSecret", { Name: "s", SecretString: "original", ClientRequestToken: TOKEN });
    const e = await failure(send(client, op, input));
    expect(e).toBeInstanceOf(SM.SecretsManagerServiceException);
    expect(texts(e)).not.toContain(MARKER);
    expect(texts(e)).not.toContain("original");
  });

  test("the SDK logger never sees a secret value (inputs and outputs are filtered)", async () => {
    const logged: string[] = [];
    const capture = (...args: unknown[]) => {
      logged.push(
        JSON.stringify(args, (_k, v) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : typeof v === "bigint" ? String(v) : v)),
      );
    };
    const logger = { trace: capture, debug: capture, info: capture, warn: capture, error: capture };
    const store = new SecretsStore({ seed: 5 });
    const client = way.client(store);
    // The SDK reads config.logger on every send (it is what `new Client({ logger })` sets).
    (client.config as { logger: unknown }).logger = logger;
    await send(client, "CreateSecret", { Name: "logged", SecretString: `${MARKER}-1` });
    await send(client, "PutSecretValue", { SecretId: "logged", SecretBinary: MARKER_BYTES });
    await send(client, "UpdateSecret", { SecretId: "logged", SecretString: `${MARKER}-2` });
    await send(client, "GetSecretValue", { SecretId: "logged" });
    await send(client, "BatchGetSecretValue", { SecretIdList: ["logged"] });
    await failure(send(client, "PutSecretValue", { SecretId: "logged", SecretString: `${MARKER}-3`, SecretBinary: MARKER_BYTES }));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join("\n")).toContain("GetSecretValueCommand");
    expect(logged.join("\n")).not.toContain(MARKER);
  });
});

describe("call history", () => {
  test("mock.calls() redacts secret values by default; includeSecrets shows them", async () => {
    const client = new SM.SecretsManagerClient({});
    const mock = mockSecretsManager(client, { seed: 1 }) as ReturnType<typeof mockSecretsManager> & {
      calls?: (op?: string, o?: object) => unknown[];
    };
    if (typeof mock.calls !== "function") return; // call history not present in this build
    await send(client, "CreateSecret", { Name: "h", SecretString: `${MARKER}-a` });
    await send(client, "PutSecretValue", { SecretId: "h", SecretBinary: MARKER_BYTES });
    await send(client, "GetSecretValue", { SecretId: "h", VersionStage: "AWSPREVIOUS" });
    await send(client, "BatchGetSecretValue", { SecretIdList: ["h"] });
    const pw = (await send(client, "GetRandomPassword", { PasswordLength: 64 })).RandomPassword as string;
    await failure(send(client, "PutSecretValue", { SecretId: "h", SecretString: `${MARKER}-b`, SecretBinary: MARKER_BYTES }));
    const show = (x: unknown) => JSON.stringify(x, (_k, v) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v));
    const redacted = show(mock.calls());
    expect(mock.calls()).toHaveLength(6);
    expect(redacted).not.toContain(MARKER);
    expect(redacted).not.toContain(pw);
    expect(show(mock.calls(undefined, { includeSecrets: true }))).toContain(MARKER);
    mock.restore();
  });
});

const ODD = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype"];

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("prototype-like strings are ordinary data via %s", (_n, way: WayIn) => {
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  test("as secret names, tag keys/values and staging labels", async () => {
    const store = new SecretsStore({ seed: 9 });
    const client = way.client(store);
    for (const name of ODD) {
      await send(client, "CreateSecret", { Name: name, SecretString: `v-${name}`, Tags: [{ Key: name, Value: name }] });
      await send(client, "TagResource", {
        SecretId: name,
        Tags: [
          { Key: "__proto__", Value: "polluted" },
          { Key: "polluted", Value: "yes" },
        ],
      });
      const put = await send(client, "PutSecretValue", { SecretId: name, SecretString: `w-${name}`, VersionStages: [name, "AWSCURRENT"] });
      expect([...(put.VersionStages as string[])].sort()).toEqual(["AWSCURRENT", name].sort());
      const got = await send(client, "GetSecretValue", { SecretId: name, VersionStage: name });
      expect(got.SecretString).toBe(`w-${name}`);
      const d = await send(client, "DescribeSecret", { SecretId: name });
      expect(d.Name).toBe(name);
      // TagResource overwrites the value of a key already there (for "__proto__" itself).
      const tags = [{ Key: name, Value: name }];
      for (const t of [
        { Key: "__proto__", Value: "polluted" },
        { Key: "polluted", Value: "yes" },
      ]) {
        const at = tags.findIndex((x) => x.Key === t.Key);
        if (at >= 0) tags[at] = t;
        else tags.push(t);
      }
      expect(d.Tags).toEqual(tags);
      const stages = d.VersionIdsToStages as Record<string, string[]>;
      expect(Object.prototype.hasOwnProperty.call(stages, put.VersionId as string)).toBe(true);
      expect([...stages[put.VersionId as string]].sort()).toEqual(["AWSCURRENT", name].sort());
      const versions = await send(client, "ListSecretVersionIds", { SecretId: name });
      expect((versions.Versions as { VersionStages?: string[] }[]).some((v) => v.VersionStages?.includes(name))).toBe(true);
      await send(client, "UpdateSecretVersionStage", { SecretId: name, VersionStage: name, RemoveFromVersionId: put.VersionId });
      await send(client, "UntagResource", { SecretId: name, TagKeys: ["__proto__"] });
    }
    const listed = await send(client, "ListSecrets", { Filters: [{ Key: "tag-key", Values: ["__proto__"] }] });
    expect(listed.SecretList as unknown[]).toHaveLength(0);
    const all = await send(client, "ListSecrets", {});
    expect((all.SecretList as { Name: string }[]).map((s) => s.Name).sort()).toEqual([...ODD].sort());
    const byName = await send(client, "ListSecrets", { Filters: [{ Key: "name", Values: ["__proto__"] }] });
    expect((byName.SecretList as { Name: string }[]).map((s) => s.Name)).toEqual(["__proto__"]);
    const batch = await send(client, "BatchGetSecretValue", { SecretIdList: ODD });
    expect((batch.SecretValues as { Name: string }[]).map((s) => s.Name).sort()).toEqual([...ODD].sort());
  });

  test("an unknown-secret lookup by these names is ResourceNotFoundException, not a prototype member", async () => {
    const client = way.client(new SecretsStore({ seed: 9 }));
    for (const name of ODD) {
      const e = await failure(send(client, "GetSecretValue", { SecretId: name }));
      expect(e).toBeInstanceOf(SM.ResourceNotFoundException);
    }
  });
});
