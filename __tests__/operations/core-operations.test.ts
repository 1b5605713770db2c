/**
 * Issue 2's behaviour: CreateSecret, PutSecretValue, UpdateSecret, GetSecretValue, DescribeSecret
 * at real-AWS fidelity (reference/aws-behaviour.md §1, §2, §3.1–3.5), through every way in.
 *
 * What a black-box call sequence shows (outputs, error texts, label moves, version counts) is
 * described once, by the parity catalogue (src/parity/catalogue/, run by
 * __tests__/parity/catalogue.test.ts): `versions/*`, `labels/*`, `tokens/*`, `errors/*`, `modify/*`,
 * `cli/*`. This file keeps what the catalogue can't show: exact dates and the clock, the store
 * left unchanged after an error, the SDK's shapes, limits too costly or unsafe to run on AWS.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  LimitExceededException,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
  SecretsManagerServiceException,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore } from "secrets-manager-mock";
import { setup, WAYS_IN, type WayIn } from "../helpers/ways-in";
import { failure, hasNoUndefinedKeys } from "../helpers/call-failure";

const T0 = new Date("2024-03-01T10:30:00Z");
const ARN_RE = /^arn:aws:secretsmanager:us-east-1:123456789012:secret:([A-Za-z0-9/_+=.@-]+)-([A-Za-z0-9]{6})$/;

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("core operations via %s", (_name, way: WayIn) => {
  let clock: ManualClock;
  let store: SecretsStore;
  let client: SecretsManagerClient;

  beforeEach(() => {
    clock = new ManualClock(T0);
    ({ store, client } = setup(way, { clock, seed: 7 }));
  });

  describe("CreateSecret", () => {
    test("with a value: ARN with a 6-character suffix, Name, VersionId = the token; AWSCURRENT on it", async () => {
      const token = "11111111-2222-3333-4444-555555555555";
      const out = await client.send(new CreateSecretCommand({ Name: "prod/db", SecretString: "s3cr3t", ClientRequestToken: token }));
      expect(out.ARN).toMatch(ARN_RE);
      expect(ARN_RE.exec(out.ARN!)![1]).toBe("prod/db");
      expect(out.Name).toBe("prod/db");
      expect(out.VersionId).toBe(token);
      expect(out.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 });
      expect(typeof out.$metadata.requestId).toBe("string");
      expect(Object.keys(out).sort()).toEqual(["$metadata", "ARN", "Name", "VersionId"]);
      const got = await client.send(new GetSecretValueCommand({ SecretId: "prod/db" }));
      expect(got.VersionStages).toEqual(["AWSCURRENT"]);
      expect(got.SecretString).toBe("s3cr3t");
    });

    test("Description, KmsKeyId and Tags are stored and described", async () => {
      await client.send(
        new CreateSecretCommand({
          Name: "tagged",
          SecretString: "x",
          Description: "my secret",
          KmsKeyId: "alias/custom",
          Tags: [
            { Key: "team", Value: "core" },
            { Key: "env", Value: "prod" },
          ],
        }),
      );
      const d = await client.send(new DescribeSecretCommand({ SecretId: "tagged" }));
      expect(d.Description).toBe("my secret");
      expect(d.KmsKeyId).toBe("alias/custom");
      expect(d.Tags).toEqual([
        { Key: "team", Value: "core" },
        { Key: "env", Value: "prod" },
      ]);
    });

    // Its code, text, status and fault: parity scenario errors/name-exists.
    test("duplicate name: the error is shaped like the SDK's own ResourceExistsException", async () => {
      await client.send(new CreateSecretCommand({ Name: "dup", SecretString: "a" }));
      const e = await failure(client.send(new CreateSecretCommand({ Name: "dup", SecretString: "a" })));
      expect(e).toBeInstanceOf(ResourceExistsException);
      // Shaped as the SDK deserializes AWS's {"__type", "Message"} body: Message is folded into message.
      expect(e.__type).toBe("ResourceExistsException");
      expect("Message" in e).toBe(false);
      expect(Object.keys(e)).toEqual(expect.arrayContaining(["$fault", "$metadata", "name", "message", "__type"]));
    });

    // The bytes round-trip: parity scenario versions/binary-values.
    test("SecretBinary comes back as a Uint8Array, without SecretString", async () => {
      await client.send(new CreateSecretCommand({ Name: "bin", SecretBinary: new Uint8Array([0x00, 0xff]) }));
      const got = await client.send(new GetSecretValueCommand({ SecretId: "bin" }));
      expect(got.SecretBinary).toBeInstanceOf(Uint8Array);
      expect("SecretString" in got).toBe(false);
    });

    // The error itself: parity scenario errors/bad-values.
    test("both SecretString and SecretBinary: nothing is created", async () => {
      const before = store.revision;
      const e = await failure(client.send(new CreateSecretCommand({ Name: "both", SecretString: "a", SecretBinary: new Uint8Array([1]) })));
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(store.revision).toBe(before);
      expect(await failure(client.send(new DescribeSecretCommand({ SecretId: "both" })))).toBeInstanceOf(ResourceNotFoundException);
    });
  });

  describe("names, ARNs and SecretId resolution", () => {
    // The error's code, text, status and fault on each operation: parity scenario errors/invalid-name.
    test.each(["Inv Name", " Inv Name", " Inv*Name? ", " Inv *?!]Name\\-"])(
      "invalid name %j is ValidationException and changes nothing",
      async (bad) => {
        const before = store.revision;
        for (const cmd of [
          new CreateSecretCommand({ Name: bad, SecretString: "x" }),
          new GetSecretValueCommand({ SecretId: bad }),
          new DescribeSecretCommand({ SecretId: bad }),
          new PutSecretValueCommand({ SecretId: bad, SecretString: "x" }),
          new UpdateSecretCommand({ SecretId: bad, Description: "x" }),
        ]) {
          const e = await failure(client.send(cmd as any));
          expect(e).toBeInstanceOf(SecretsManagerServiceException);
          expect(e.name).toBe("ValidationException");
        }
        expect(store.revision).toBe(before);
      },
    );

    // Valid/_+=.@-Name, and a name ending in -a1b2c3 (not found by its partial ARN): parity scenario errors/partial-arn.
    test.each(["s-c64bdc03", "Valid/_+=.@-Name-a1b2", "Valid/_+=.@-Name-a1b2c3-"])(
      "%s is found by name, full ARN and partial ARN",
      async (name) => {
        const { ARN } = await client.send(new CreateSecretCommand({ Name: name, SecretString: "v" }));
        for (const id of [name, ARN!, ARN!.slice(0, -7)]) {
          const got = await client.send(new GetSecretValueCommand({ SecretId: id }));
          expect(got.Name).toBe(name);
          expect(got.ARN).toBe(ARN);
        }
      },
    );

    test("a SecretId may contain ! (names of secrets AWS services create, like rds!db-1); CreateSecret's Name may not", async () => {
      await expect(client.send(new GetSecretValueCommand({ SecretId: "rds!db-1" }))).rejects.toBeInstanceOf(ResourceNotFoundException);
      const e = await failure(client.send(new CreateSecretCommand({ Name: "rds!db-1", SecretString: "x" })));
      expect(e.name).toBe("ValidationException");
    });

    test("names like __proto__ and constructor are ordinary names", async () => {
      for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
        await expect(client.send(new GetSecretValueCommand({ SecretId: name }))).rejects.toBeInstanceOf(ResourceNotFoundException);
        await client.send(new CreateSecretCommand({ Name: name, SecretString: `value of ${name}` }));
        const got = await client.send(new GetSecretValueCommand({ SecretId: name }));
        expect(got.SecretString).toBe(`value of ${name}`);
      }
    });

    test("an ARN suffix never repeats when a name is re-created", async () => {
      const first = await client.send(new CreateSecretCommand({ Name: "again", SecretString: "v" }));
      store.remove(store.accountId, "us-east-1", "again");
      const second = await client.send(new CreateSecretCommand({ Name: "again", SecretString: "v" }));
      expect(second.ARN).not.toBe(first.ARN);
      expect(second.ARN).toMatch(ARN_RE);
    });
  });

  describe("PutSecretValue and staging labels", () => {
    // Label moves, custom labels, AWSPENDING, deprecated versions: parity scenarios labels/*.
    // The retry's answer and the conflict's text: parity scenario tokens/put-retry-and-conflict.
    test("token reuse: the retry leaves LastChangedDate as it was; the conflict changes nothing", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      const token = "0123456789abcdef0123456789abcdef";
      const a = await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "2", ClientRequestToken: token }));
      const changed = (await client.send(new DescribeSecretCommand({ SecretId: "s" }))).LastChangedDate;
      clock.advance({ minutes: 1 });
      const b = await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "2", ClientRequestToken: token }));
      expect(b.VersionId).toBe(a.VersionId);
      expect((await client.send(new DescribeSecretCommand({ SecretId: "s" }))).LastChangedDate).toEqual(changed);
      const before = store.revision;
      const e = await failure(client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "3", ClientRequestToken: token })));
      expect(e).toBeInstanceOf(ResourceExistsException);
      expect(store.revision).toBe(before);
    });

    // A short token refused, 32 letters accepted: parity scenario tokens/length. Here, the bounds.
    test("ClientRequestToken must be 32–64 characters (ValidationException)", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      for (const token of ["x".repeat(31), "x".repeat(65)]) {
        const e = await failure(client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "2", ClientRequestToken: token })));
        expect(e.name).toBe("ValidationException");
        expect(e.message).toMatch(
          /^1 validation error detected: Value '.*' at 'clientRequestToken' failed to satisfy constraint: Member must have length (greater|less) than or equal to (32|64)$/,
        );
      }
      const ok = await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "2", ClientRequestToken: "x".repeat(32) }));
      expect(ok.VersionId).toBe("x".repeat(32));
    });

    test("SecretString is limited to 65,536 bytes (UTF-8), checked with the value redacted", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "a".repeat(65536) }));
      const before = store.revision;
      const big = "é".repeat(32769); // 65,538 bytes, 32,769 characters
      const e = await failure(client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: big })));
      expect(e.name).toBe("ValidationException");
      expect(e.message).toBe(
        "1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to 65536",
      );
      expect(e.message).not.toContain("é");
      expect(store.revision).toBe(before);
    });
  });

  describe("version retention", () => {
    async function fill(deprecatedWanted: number) {
      await client.send(new CreateSecretCommand({ Name: "busy", SecretString: "0" }));
      // Each put deprecates one more version once AWSPREVIOUS has moved on.
      for (let i = 1; i <= deprecatedWanted + 1; i++) {
        await client.send(new PutSecretValueCommand({ SecretId: "busy", SecretString: String(i) }));
      }
    }

    test("more than 100 deprecated versions created within 24 hours is LimitExceededException, state unchanged", async () => {
      await fill(100);
      const before = store.revision;
      const e = await failure(client.send(new PutSecretValueCommand({ SecretId: "busy", SecretString: "x" })));
      expect(e).toBeInstanceOf(LimitExceededException);
      expect(e.message).toMatch(/100 versions/);
      expect(store.revision).toBe(before);
      const e2 = await failure(client.send(new UpdateSecretCommand({ SecretId: "busy", SecretString: "y" })));
      expect(e2).toBeInstanceOf(LimitExceededException);
    });

    test("once the oldest deprecated versions are 24 hours old they are removed to make room", async () => {
      await client.send(new CreateSecretCommand({ Name: "busy", SecretString: "0" }));
      const first = (await client.send(new GetSecretValueCommand({ SecretId: "busy" }))).VersionId!;
      for (let i = 1; i <= 101; i++) await client.send(new PutSecretValueCommand({ SecretId: "busy", SecretString: String(i) }));
      clock.advance({ hours: 24 });
      await client.send(new PutSecretValueCommand({ SecretId: "busy", SecretString: "new" }));
      const e = await failure(client.send(new GetSecretValueCommand({ SecretId: "busy", VersionId: first })));
      expect(e).toBeInstanceOf(ResourceNotFoundException);
      expect(e.message).toBe(`Secrets Manager can't find the specified secret value for VersionId: ${first}`);
    });
  });

  describe("UpdateSecret", () => {
    // Description, KMS key, values, both values, tokens, a scheduled secret: parity scenarios
    // cli/update-secret-*, modify/*, tokens/update-retry-and-conflict, deletion/calls-on-scheduled-secret.
    // The answer without a VersionId: modify/update-nothing. Here, the dates too stay as they were.
    test("nothing but SecretId: nothing changes, dates included", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      const d1 = await client.send(new DescribeSecretCommand({ SecretId: "s" }));
      await client.send(new UpdateSecretCommand({ SecretId: "s" }));
      const d2 = await client.send(new DescribeSecretCommand({ SecretId: "s" }));
      expect({ ...d2, $metadata: undefined }).toEqual({ ...d1, $metadata: undefined });
    });
  });

  describe("GetSecretValue", () => {
    // By VersionId, by VersionStage, both, and their errors: parity scenario labels/version-errors.

    test("output shape: Dates, stages, no undefined keys", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      const got = await client.send(new GetSecretValueCommand({ SecretId: "s" }));
      expect(Object.keys(got).sort()).toEqual(["$metadata", "ARN", "CreatedDate", "Name", "SecretString", "VersionId", "VersionStages"]);
      expect(got.CreatedDate).toBeInstanceOf(Date);
      expect(got.CreatedDate).toEqual(T0);
      expect(hasNoUndefinedKeys(got)).toBe(true);
    });

    test("LastAccessedDate: absent until read, then midnight UTC of the read; same for reads that day", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      expect("LastAccessedDate" in (await client.send(new DescribeSecretCommand({ SecretId: "s" })))).toBe(false);
      await client.send(new GetSecretValueCommand({ SecretId: "s" }));
      const d1 = await client.send(new DescribeSecretCommand({ SecretId: "s" }));
      expect(d1.LastAccessedDate).toEqual(new Date("2024-03-01T00:00:00Z"));
      clock.advance({ hours: 5 });
      const before = store.revision;
      await client.send(new GetSecretValueCommand({ SecretId: "s" }));
      expect(store.revision).toBe(before); // same day: nothing to record
      clock.advance({ hours: 10 });
      await client.send(new GetSecretValueCommand({ SecretId: "s" }));
      expect((await client.send(new DescribeSecretCommand({ SecretId: "s" }))).LastAccessedDate).toEqual(new Date("2024-03-02T00:00:00Z"));
    });

    test("the returned bytes are a copy: changing them does not change the store", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretBinary: new Uint8Array([1, 2, 3]) }));
      const a = await client.send(new GetSecretValueCommand({ SecretId: "s" }));
      a.SecretBinary![0] = 99;
      const b = await client.send(new GetSecretValueCommand({ SecretId: "s" }));
      expect(Array.from(b.SecretBinary!)).toEqual([1, 2, 3]);
    });
  });

  describe("DescribeSecret", () => {
    test("right after creation: ARN, CreatedDate, Description, LastChangedDate, Name, VersionIdsToStages", async () => {
      const { VersionId } = await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1", Description: "d" }));
      const d = await client.send(new DescribeSecretCommand({ SecretId: "s" }));
      expect(Object.keys(d).sort()).toEqual([
        "$metadata",
        "ARN",
        "CreatedDate",
        "Description",
        "LastChangedDate",
        "Name",
        "VersionIdsToStages",
      ]);
      expect(d.VersionIdsToStages).toEqual({ [VersionId!]: ["AWSCURRENT"] });
      expect(d.CreatedDate).toEqual(T0);
      expect(d.LastChangedDate).toEqual(T0);
    });

    // Once, across real time: parity scenario versions/dates. Here, at one frozen instant.
    test("LastChangedDate strictly increases on every value write, even an identical value at the same instant", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "same" }));
      let last = (await client.send(new DescribeSecretCommand({ SecretId: "s" }))).LastChangedDate!.getTime();
      for (let i = 0; i < 3; i++) {
        await client.send(new UpdateSecretCommand({ SecretId: "s", SecretString: "same" }));
        const now = (await client.send(new DescribeSecretCommand({ SecretId: "s" }))).LastChangedDate!.getTime();
        expect(now).toBeGreaterThan(last);
        last = now;
      }
    });
  });

  describe("input limits", () => {
    test("Name over 512, Description over 2048 and a missing required member are ValidationException", async () => {
      const before = store.revision;
      let e = await failure(client.send(new CreateSecretCommand({ Name: "n".repeat(513) })));
      expect(e.name).toBe("ValidationException");
      expect(e.message).toContain("'name' failed to satisfy constraint: Member must have length less than or equal to 512");
      e = await failure(client.send(new CreateSecretCommand({ Name: "ok", Description: "d".repeat(2049) })));
      expect(e.message).toContain("'description' failed to satisfy constraint: Member must have length less than or equal to 2048");
      e = await failure(client.send(new GetSecretValueCommand({} as any)));
      expect(e.message).toBe("1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null");
      expect(store.revision).toBe(before);
    });

    test("a 65,536-byte binary is accepted, 65,537 is not", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretBinary: new Uint8Array(65536) }));
      const e = await failure(client.send(new PutSecretValueCommand({ SecretId: "s", SecretBinary: new Uint8Array(65537) })));
      expect(e.name).toBe("ValidationException");
    });
  });
});

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("blobs given as strings via %s", (_name, way: WayIn) => {
  test("a string SecretBinary is stored as its UTF-8 bytes, as the SDK's serializer sends it", async () => {
    const { client } = setup(way);
    await client.send(new CreateSecretCommand({ Name: "s", SecretBinary: "héllo" as unknown as Uint8Array }));
    const got = await client.send(new GetSecretValueCommand({ SecretId: "s" }));
    expect(Buffer.from(got.SecretBinary!).toString("utf8")).toBe("héllo");
  });
});
