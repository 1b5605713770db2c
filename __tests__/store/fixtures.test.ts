/**
 * Hand-written fixtures (`{ secrets: { name: {...} } }`), store.seed(), and reset() back to the
 * content the store was created with.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type FixtureDocument, InvalidDocumentError, ManualClock, SecretsStore } from "secrets-manager-mock";
import { WAYS_IN } from "../helpers/ways-in";

const fixtures: FixtureDocument = {
  secrets: {
    "prod/db": {
      SecretString: '{"user":"app","password":"pw"}',
      Description: "database",
      Tags: { team: "core", env: "prod" },
      KmsKeyId: "alias/db",
    },
    "prod/cert": { SecretBinary: Buffer.from([1, 2, 3, 250]).toString("base64") },
    "eu/only": { SecretString: "eu", Region: "eu-west-1" },
    "rds-cluster-1": { SecretString: "managed", OwningService: "rds" },
    rotated: {
      Versions: [
        { SecretString: "v1" },
        { SecretString: "v2", VersionId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa" },
        { SecretString: "v3-pending", VersionStages: ["AWSPENDING"] },
      ],
    },
  },
};

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("fixtures via %s", (_n, way) => {
  test("create secrets that read back like CreateSecret made them", async () => {
    const store = new SecretsStore({ seed: 3, fixtures });
    const client = way.client(store, "us-east-1");
    const db = await client.send(new GetSecretValueCommand({ SecretId: "prod/db" }));
    expect(db.SecretString).toBe('{"user":"app","password":"pw"}');
    expect(db.VersionStages).toEqual(["AWSCURRENT"]);
    const d = await client.send(new DescribeSecretCommand({ SecretId: "prod/db" }));
    expect(d).toMatchObject({
      Description: "database",
      KmsKeyId: "alias/db",
      Tags: [
        { Key: "team", Value: "core" },
        { Key: "env", Value: "prod" },
      ],
    });
    expect((await client.send(new GetSecretValueCommand({ SecretId: "prod/cert" }))).SecretBinary).toEqual(new Uint8Array([1, 2, 3, 250]));
    await expect(client.send(new GetSecretValueCommand({ SecretId: "eu/only" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    const eu = way.client(store, "eu-west-1");
    expect((await eu.send(new GetSecretValueCommand({ SecretId: "eu/only" }))).ARN).toMatch(/^arn:aws:secretsmanager:eu-west-1:/);
  });

  test("Versions: oldest first, labelled like PutSecretValue", async () => {
    const client = way.client(new SecretsStore({ fixtures }), "us-east-1");
    const prev = await client.send(new GetSecretValueCommand({ SecretId: "rotated", VersionStage: "AWSPREVIOUS" }));
    const cur = await client.send(new GetSecretValueCommand({ SecretId: "rotated" }));
    const pending = await client.send(new GetSecretValueCommand({ SecretId: "rotated", VersionStage: "AWSPENDING" }));
    expect([prev.SecretString, cur.SecretString, pending.SecretString]).toEqual(["v1", "v2", "v3-pending"]);
    expect(cur.VersionId).toBe("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
    const ids = await client.send(new ListSecretVersionIdsCommand({ SecretId: "rotated" }));
    expect(ids.Versions).toHaveLength(3);
  });

  test("OwningService (fixtures only) makes the secret read-only for the API", async () => {
    const client = way.client(new SecretsStore({ fixtures }), "us-east-1");
    expect((await client.send(new DescribeSecretCommand({ SecretId: "rds-cluster-1" }))).OwningService).toBe("rds");
    await expect(client.send(new PutSecretValueCommand({ SecretId: "rds-cluster-1", SecretString: "x" }))).rejects.toBeInstanceOf(
      InvalidRequestException,
    );
  });
});

describe("fixture ARNs and ids come from the store's id source", () => {
  test("same seed -> same ARNs and VersionIds; different seed -> different", () => {
    const a = new SecretsStore({ seed: 9, clock: new ManualClock(0), fixtures }).exportState();
    const b = new SecretsStore({ seed: 9, clock: new ManualClock(0), fixtures }).exportState();
    const c = new SecretsStore({ seed: 10, clock: new ManualClock(0), fixtures }).exportState();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.partitions[0].secrets[0].arn).not.toBe(c.partitions[0].secrets[0].arn);
  });
});

describe("fixtures go through CreateSecret's checks", () => {
  const cases: [string, FixtureDocument | Record<string, unknown>, string, RegExp][] = [
    ["bad name", { secrets: { "bad name": { SecretString: "x" } } }, 'secrets["bad name"]', /ValidationException: Invalid name/],
    ["too long a name", { secrets: { ["n".repeat(513)]: { SecretString: "x" } } }, "secrets.", /ValidationException/],
    ["value too large", { secrets: { big: { SecretString: "x".repeat(65537) } } }, "secrets.big", /ValidationException/],
    ["both values", { secrets: { both: { SecretString: "x", SecretBinary: "AAAA" } } }, "secrets.both", /InvalidParameterException/],
    ["reserved tag", { secrets: { t: { SecretString: "x", Tags: { "aws:x": "y" } } } }, "secrets.t", /aws: prefix is reserved/],
    ["bad base64", { secrets: { b: { SecretBinary: "%%%" } } }, "secrets.b.SecretBinary", /base64/],
    ["unknown member", { secrets: { u: { secretString: "x" } } }, "secrets.u.secretString", /unknown property/],
    ["Versions and SecretString", { secrets: { v: { SecretString: "x", Versions: [] } } }, "secrets.v.Versions", /not both/],
    [
      "short VersionId",
      { secrets: { v: { Versions: [{ SecretString: "x", VersionId: "short" }] } } },
      "secrets.v.Versions[0]",
      /ValidationException/,
    ],
    ["empty OwningService", { secrets: { o: { SecretString: "x", OwningService: "" } } }, "secrets.o.OwningService", /must not be empty/],
    ["no secrets member", { secret: {} }, "secret", /unknown property/],
  ];

  test.each(cases)("%s: refused with the path, and nothing is added", (_name, doc, where, problem) => {
    const store = new SecretsStore({ fixtures: { secrets: { keep: { SecretString: "k" } } } });
    const before = JSON.stringify(store.exportState());
    let error: unknown;
    try {
      // "first" is valid and applied before the bad secret: it must be rolled back too.
      const secrets = { first: { SecretString: "added first" }, ...((doc as Partial<FixtureDocument>).secrets ?? {}) };
      store.seed({ ...doc, secrets });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidDocumentError);
    expect((error as Error).message).toContain(`invalid fixtures at ${where}`);
    expect((error as Error).message).toMatch(problem);
    expect(JSON.stringify(store.exportState())).toBe(before);
  });

  test("a secret that already exists is refused", () => {
    const store = new SecretsStore({ fixtures });
    expect(() => store.seed({ secrets: { "prod/db": { SecretString: "again" } } })).toThrow(
      /secrets\["prod\/db"\]: ResourceExistsException/,
    );
  });

  test("a fixture file with a problem names the file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-fx-"));
    const file = path.join(dir, "fixtures.json");
    fs.writeFileSync(
      file,
      JSON.stringify({ secrets: { ok: { SecretString: "SECRETVALUE" }, "no spaces": { SecretString: "SECRETVALUE" } } }),
    );
    let message = "";
    try {
      new SecretsStore({ fixtures: file });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`invalid fixtures in ${file} at secrets["no spaces"]: ValidationException`);
    expect(message).not.toContain("SECRETVALUE");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("seed and importState with fixtures", () => {
  test("seed adds (bytes allowed from code); importState replaces", () => {
    const store = new SecretsStore({ fixtures: { secrets: { a: { SecretString: "a" } } } });
    store.seed({ secrets: { b: { SecretBinary: new Uint8Array([9, 8]) } } });
    expect(store.exportState().partitions[0].secrets.map((s) => s.name)).toEqual(["a", "b"]);
    expect(store.exportState().partitions[0].secrets[1].versions[0].secretBinary).toBe("CQg=");
    store.importState({ secrets: { c: { SecretString: "c" } } });
    expect(store.exportState().partitions[0].secrets.map((s) => s.name)).toEqual(["c"]);
  });
});

describe("reset", () => {
  test("an empty store goes back to empty", async () => {
    const store = new SecretsStore();
    const client = WAYS_IN[0].client(store);
    await client.send(new CreateSecretCommand({ Name: "x", SecretString: "1" }));
    store.reset();
    expect(store.exportState().partitions).toEqual([]);
  });

  test.each(WAYS_IN.map((w) => [w.name, w] as const))("goes back to the fixtures, undoing every change (via %s)", async (_n, way) => {
    const store = new SecretsStore({ seed: 5, clock: new ManualClock(0), fixtures });
    const initial = JSON.stringify(store.exportState());
    const client = way.client(store, "us-east-1");
    await client.send(new UpdateSecretCommand({ SecretId: "prod/db", SecretString: "changed", Description: "changed" }));
    await client.send(new CreateSecretCommand({ Name: "new", SecretString: "n" }));
    store.importState({ secrets: {} });
    store.seed({ secrets: { other: { SecretString: "o" } } });
    store.reset();
    expect(JSON.stringify(store.exportState())).toBe(initial);
    expect((await client.send(new GetSecretValueCommand({ SecretId: "prod/db" }))).SecretString).toBe('{"user":"app","password":"pw"}');
    // A change after reset does not leak into the next reset.
    await client.send(new PutSecretValueCommand({ SecretId: "prod/db", SecretString: "again" }));
    store.reset();
    expect((await client.send(new GetSecretValueCommand({ SecretId: "prod/db" }))).SecretString).toBe('{"user":"app","password":"pw"}');
  });

  test("a store from fromState resets to that state", () => {
    const doc = new SecretsStore({ fixtures }).exportState();
    const store = SecretsStore.fromState(doc);
    store.clear();
    store.reset();
    expect(store.exportState()).toEqual(doc);
  });

  test("is cheap: a reset costs the same whatever the store holds (no copy)", () => {
    const many: FixtureDocument = { secrets: {} };
    for (let i = 0; i < 2000; i++) many.secrets[`s${i}`] = { SecretString: `v${i}` };
    const store = new SecretsStore({ seed: 1, fixtures: many });
    let resetNs = 0n;
    for (let i = 0; i < 200; i++) {
      store.edit(store.accountId, store.region, `s${i}`).description = "changed";
      const t = process.hrtime.bigint();
      store.reset();
      resetNs += process.hrtime.bigint() - t;
    }
    expect(store.getSecret(store.accountId, store.region, "s1")!.description).toBeUndefined();
    expect(store.exportState().partitions[0].secrets).toHaveLength(2000);
    expect(Number(resetNs) / 1e6).toBeLessThan(50);
  });
});
