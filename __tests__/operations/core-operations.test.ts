/**
 * Issue 2's behaviour: CreateSecret, PutSecretValue, UpdateSecret, GetSecretValue, DescribeSecret
 * at real-AWS fidelity (reference/aws-behaviour.md §1, §2, §3.1–3.5), through every way in.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  InvalidRequestException,
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

  async function versionsOf(secretId: string) {
    const d = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
    return d.VersionIdsToStages ?? {};
  }

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

    test("without a value: no VersionId, no versions; GetSecretValue says AWSCURRENT is missing", async () => {
      const out = await client.send(new CreateSecretCommand({ Name: "empty", Description: "" }));
      expect(out.VersionId).toBeUndefined();
      expect("VersionId" in out).toBe(false);
      const d = await client.send(new DescribeSecretCommand({ SecretId: "empty" }));
      expect(Object.keys(d).sort()).toEqual(["$metadata", "ARN", "CreatedDate", "LastChangedDate", "Name"]);
      const e = await failure(client.send(new GetSecretValueCommand({ SecretId: "empty" })));
      expect(e).toBeInstanceOf(ResourceNotFoundException);
      expect(e.message).toBe("Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
      const put = await client.send(new PutSecretValueCommand({ SecretId: "empty", SecretString: "first" }));
      expect(put.VersionStages).toEqual(["AWSCURRENT"]);
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

    test("duplicate name with a new token is ResourceExistsException with AWS's text", async () => {
      await client.send(new CreateSecretCommand({ Name: "dup", SecretString: "a" }));
      const e = await failure(client.send(new CreateSecretCommand({ Name: "dup", SecretString: "a" })));
      expect(e).toBeInstanceOf(ResourceExistsException);
      expect(e.name).toBe("ResourceExistsException");
      expect(e.message).toBe("The operation failed because the secret dup already exists.");
      expect(e.$metadata.httpStatusCode).toBe(400);
      expect(e.$fault).toBe("client");
      // Shaped as the SDK deserializes AWS's {"__type", "Message"} body: Message is folded into message.
      expect(e.__type).toBe("ResourceExistsException");
      expect("Message" in e).toBe(false);
      expect(Object.keys(e)).toEqual(expect.arrayContaining(["$fault", "$metadata", "name", "message", "__type"]));
    });

    test("same token + same value is idempotent; same token + other value is ResourceExistsException", async () => {
      const token = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
      const first = await client.send(new CreateSecretCommand({ Name: "idem", SecretString: "v", ClientRequestToken: token }));
      const again = await client.send(new CreateSecretCommand({ Name: "idem", SecretString: "v", ClientRequestToken: token }));
      expect({ ARN: again.ARN, Name: again.Name, VersionId: again.VersionId }).toEqual({
        ARN: first.ARN,
        Name: first.Name,
        VersionId: first.VersionId,
      });
      expect(Object.keys(await versionsOf("idem"))).toEqual([token]);
      const e = await failure(client.send(new CreateSecretCommand({ Name: "idem", SecretString: "other", ClientRequestToken: token })));
      expect(e).toBeInstanceOf(ResourceExistsException);
      expect(e.message).toBe(
        `You can't use ClientRequestToken ${token} because that value is already in use for a version of secret ${first.ARN}.`,
      );
    });

    test("a name scheduled for deletion can't be created again", async () => {
      await client.send(new CreateSecretCommand({ Name: "gone", SecretString: "v" }));
      store.edit(store.accountId, "us-east-1", "gone").deletedDate = clock.now().getTime();
      const e = await failure(client.send(new CreateSecretCommand({ Name: "gone", SecretString: "v" })));
      expect(e).toBeInstanceOf(InvalidRequestException);
      expect(e.message).toBe("You can't create this secret because a secret with this name is already scheduled for deletion.");
    });

    test("SecretBinary round-trips exactly as a Uint8Array", async () => {
      const bytes = new Uint8Array([0x00, 0x01, 0x02, 0xff, 0xfe, 0xfd]);
      await client.send(new CreateSecretCommand({ Name: "bin", SecretBinary: bytes }));
      const got = await client.send(new GetSecretValueCommand({ SecretId: "bin" }));
      expect(got.SecretBinary).toBeInstanceOf(Uint8Array);
      expect(Array.from(got.SecretBinary!)).toEqual(Array.from(bytes));
      expect("SecretString" in got).toBe(false);
    });

    test("both SecretString and SecretBinary is InvalidParameterException; nothing is created", async () => {
      const before = store.revision;
      const e = await failure(client.send(new CreateSecretCommand({ Name: "both", SecretString: "a", SecretBinary: new Uint8Array([1]) })));
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(e.message).toBe("You can't specify both a binary secret value and a string secret value in the same secret.");
      expect(store.revision).toBe(before);
      expect(await failure(client.send(new DescribeSecretCommand({ SecretId: "both" })))).toBeInstanceOf(ResourceNotFoundException);
    });
  });

  describe("names, ARNs and SecretId resolution", () => {
    test.each(["Inv Name", " Inv Name", " Inv*Name? ", " Inv *?!]Name\\-"])(
      "invalid name %j is ValidationException, before any existence check",
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
          expect(e.$fault).toBe("client");
          expect(e.$metadata.httpStatusCode).toBe(400);
          expect(e.message).toBe(
            "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!",
          );
        }
        expect(store.revision).toBe(before);
      },
    );

    test.each(["s-c64bdc03", "Valid/_+=.@-Name", "Valid/_+=.@-Name-a1b2", "Valid/_+=.@-Name-a1b2c3-"])(
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

    test("a name ending in -XXXXXX can't be found by its partial ARN (AWS's ambiguity rule)", async () => {
      const name = "Invalid/_+=.@-Name-a1b2c3";
      const { ARN } = await client.send(new CreateSecretCommand({ Name: name, SecretString: "v" }));
      expect((await client.send(new GetSecretValueCommand({ SecretId: ARN! }))).Name).toBe(name);
      expect((await client.send(new GetSecretValueCommand({ SecretId: name }))).Name).toBe(name);
      const e = await failure(client.send(new GetSecretValueCommand({ SecretId: ARN!.slice(0, -7) })));
      expect(e).toBeInstanceOf(ResourceNotFoundException);
      expect(e.message).toBe("Secrets Manager can't find the specified secret.");
    });

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
    test("default put: AWSCURRENT moves, AWSPREVIOUS follows, the older version is deprecated (hidden)", async () => {
      const v1 = (await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }))).VersionId!;
      const v2 = (await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "2" }))).VersionId!;
      expect(await versionsOf("s")).toEqual({ [v1]: ["AWSPREVIOUS"], [v2]: ["AWSCURRENT"] });
      const out = await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "3" }));
      expect(out.VersionStages).toEqual(["AWSCURRENT"]);
      expect(Object.keys(out).sort()).toEqual(["$metadata", "ARN", "Name", "VersionId", "VersionStages"]);
      expect(await versionsOf("s")).toEqual({ [v2]: ["AWSPREVIOUS"], [out.VersionId!]: ["AWSCURRENT"] });
      // The deprecated version is kept and still readable by id.
      const old = await client.send(new GetSecretValueCommand({ SecretId: "s", VersionId: v1 }));
      expect(old.SecretString).toBe("1");
      expect(old.VersionStages).toEqual([]);
    });

    test("VersionStages without AWSCURRENT leave AWSCURRENT where it is", async () => {
      const v1 = (await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }))).VersionId!;
      const out = await client.send(
        new PutSecretValueCommand({ SecretId: "s", SecretString: "2", VersionStages: ["SAMPLESTAGE1", "SAMPLESTAGE0"] }),
      );
      expect([...out.VersionStages!].sort()).toEqual(["SAMPLESTAGE0", "SAMPLESTAGE1"]);
      expect((await client.send(new GetSecretValueCommand({ SecretId: "s" }))).SecretString).toBe("1");
      const pending = await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "3", VersionStages: ["AWSPENDING"] }));
      expect(pending.VersionStages).toEqual(["AWSPENDING"]);
      expect((await client.send(new GetSecretValueCommand({ SecretId: "s", VersionStage: "AWSPENDING" }))).SecretString).toBe("3");
      expect((await versionsOf("s"))[v1]).toEqual(["AWSCURRENT"]);
    });

    test("VersionStages [AWSCURRENT, PUT0] behaves like a default put plus the custom label", async () => {
      const v1 = (await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }))).VersionId!;
      const out = await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "2", VersionStages: ["AWSCURRENT", "PUT0"] }));
      expect([...out.VersionStages!].sort()).toEqual(["AWSCURRENT", "PUT0"]);
      expect(await versionsOf("s")).toEqual({ [v1]: ["AWSPREVIOUS"], [out.VersionId!]: ["AWSCURRENT", "PUT0"] });
    });

    test("moving every custom label orphans a version; moving some leaves the rest", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      const v2 = (
        await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "2", VersionStages: ["one", "two", "three"] }))
      ).VersionId!;
      const v3 = (await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "3", VersionStages: ["one", "two", "four"] })))
        .VersionId!;
      const stages = await versionsOf("s");
      expect(stages[v2]).toEqual(["three"]);
      expect([...stages[v3]].sort()).toEqual(["four", "one", "two"]);
      await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "4", VersionStages: ["three"] }));
      expect((await versionsOf("s"))[v2]).toBeUndefined();
    });

    test("a default put after [AWSCURRENT, AWSPENDING] leaves the old version with only AWSPREVIOUS", async () => {
      const v1 = (await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }))).VersionId!;
      // Put AWSPENDING on the current version by writing it with the same token (idempotent) is not
      // possible; put a pending version and move AWSCURRENT onto it through the store's label logic.
      const v2 = (await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "2", VersionStages: ["AWSPENDING"] })))
        .VersionId!;
      const w = store.edit(store.accountId, "us-east-1", "s");
      const { moveCurrent } = await import("../../src/store/staging-labels");
      moveCurrent(w, v2, false);
      expect(await versionsOf("s")).toEqual({ [v1]: ["AWSPREVIOUS"], [v2]: ["AWSPENDING", "AWSCURRENT"] });
      const v3 = (await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "3" }))).VersionId!;
      expect(await versionsOf("s")).toEqual({ [v2]: ["AWSPREVIOUS"], [v3]: ["AWSCURRENT"] });
    });

    test("token reuse: same value is idempotent (no new version), other value is ResourceExistsException", async () => {
      const { ARN } = await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      const token = "0123456789abcdef0123456789abcdef";
      const a = await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "2", ClientRequestToken: token }));
      const changed = (await client.send(new DescribeSecretCommand({ SecretId: "s" }))).LastChangedDate;
      clock.advance({ minutes: 1 });
      const b = await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "2", ClientRequestToken: token }));
      expect(b.VersionId).toBe(token);
      expect(b.VersionStages).toEqual(["AWSCURRENT"]);
      expect(a.VersionId).toBe(token);
      expect(Object.keys(await versionsOf("s"))).toHaveLength(2);
      expect((await client.send(new DescribeSecretCommand({ SecretId: "s" }))).LastChangedDate).toEqual(changed);
      const before = store.revision;
      const e = await failure(client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "3", ClientRequestToken: token })));
      expect(e).toBeInstanceOf(ResourceExistsException);
      expect(e.message).toBe(
        `You can't use ClientRequestToken ${token} because that value is already in use for a version of secret ${ARN}.`,
      );
      expect(store.revision).toBe(before);
    });

    test("ClientRequestToken must be 32–64 characters (ValidationException)", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      for (const token of ["short", "x".repeat(31), "x".repeat(65)]) {
        const e = await failure(client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "2", ClientRequestToken: token })));
        expect(e.name).toBe("ValidationException");
        expect(e.message).toMatch(
          /^1 validation error detected: Value '.*' at 'clientRequestToken' failed to satisfy constraint: Member must have length (greater|less) than or equal to (32|64)$/,
        );
      }
      const ok = await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "2", ClientRequestToken: "x".repeat(32) }));
      expect(ok.VersionId).toBe("x".repeat(32));
    });

    test("no value, or an empty string, is InvalidRequestException", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      for (const input of [{ SecretId: "s" }, { SecretId: "s", SecretString: "" }]) {
        const e = await failure(client.send(new PutSecretValueCommand(input)));
        expect(e).toBeInstanceOf(InvalidRequestException);
        expect(e.message).toBe("You must provide either SecretString or SecretBinary.");
      }
    });

    test("unknown secret is ResourceNotFoundException", async () => {
      const e = await failure(client.send(new PutSecretValueCommand({ SecretId: "nope", SecretString: "x" })));
      expect(e).toBeInstanceOf(ResourceNotFoundException);
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
    test("description only: ARN and Name, no VersionId, versions unchanged", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1", Description: "old" }));
      const before = await versionsOf("s");
      const out = await client.send(new UpdateSecretCommand({ SecretId: "s", Description: "new" }));
      expect(Object.keys(out).sort()).toEqual(["$metadata", "ARN", "Name"]);
      expect(await versionsOf("s")).toEqual(before);
      expect((await client.send(new DescribeSecretCommand({ SecretId: "s" }))).Description).toBe("new");
    });

    test("a value creates a version (VersionId in the output) and keeps the description", async () => {
      const v1 = (await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1", Description: "keep" }))).VersionId!;
      const out = await client.send(new UpdateSecretCommand({ SecretId: "s", SecretString: "2" }));
      expect(out.VersionId).toBeDefined();
      expect(await versionsOf("s")).toEqual({ [v1]: ["AWSPREVIOUS"], [out.VersionId!]: ["AWSCURRENT"] });
      expect((await client.send(new DescribeSecretCommand({ SecretId: "s" }))).Description).toBe("keep");
    });

    test("nothing but SecretId: success, no version, nothing changes", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      const d1 = await client.send(new DescribeSecretCommand({ SecretId: "s" }));
      const out = await client.send(new UpdateSecretCommand({ SecretId: "s" }));
      expect(out.VersionId).toBeUndefined();
      const d2 = await client.send(new DescribeSecretCommand({ SecretId: "s" }));
      expect({ ...d2, $metadata: undefined }).toEqual({ ...d1, $metadata: undefined });
    });

    test('KmsKeyId sets a customer key; "" goes back to the default key (KmsKeyId omitted)', async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      await client.send(new UpdateSecretCommand({ SecretId: "s", KmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/abc" }));
      expect((await client.send(new DescribeSecretCommand({ SecretId: "s" }))).KmsKeyId).toBe("arn:aws:kms:us-east-1:123456789012:key/abc");
      await client.send(new UpdateSecretCommand({ SecretId: "s", KmsKeyId: "" }));
      const d = await client.send(new DescribeSecretCommand({ SecretId: "s" }));
      expect("KmsKeyId" in d).toBe(false);
    });

    test("both values is InvalidParameterException", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      const e = await failure(
        client.send(new UpdateSecretCommand({ SecretId: "s", SecretString: "a", SecretBinary: new Uint8Array([1]) })),
      );
      expect(e).toBeInstanceOf(InvalidParameterException);
    });

    test("token reuse with the same value succeeds without a new version", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      const token = "feedfacefeedfacefeedfacefeedface";
      await client.send(new UpdateSecretCommand({ SecretId: "s", SecretString: "2", ClientRequestToken: token }));
      const again = await client.send(new UpdateSecretCommand({ SecretId: "s", SecretString: "2", ClientRequestToken: token }));
      expect(again.VersionId).toBe(token);
      expect(Object.keys(await versionsOf("s"))).toHaveLength(2);
      await expect(
        client.send(new UpdateSecretCommand({ SecretId: "s", SecretString: "3", ClientRequestToken: token })),
      ).rejects.toBeInstanceOf(ResourceExistsException);
    });

    test("a secret scheduled for deletion can't be updated, put or read", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }));
      store.edit(store.accountId, "us-east-1", "s").deletedDate = clock.now().getTime();
      for (const cmd of [
        new UpdateSecretCommand({ SecretId: "s", Description: "x" }),
        new PutSecretValueCommand({ SecretId: "s", SecretString: "x" }),
        new GetSecretValueCommand({ SecretId: "s" }),
      ]) {
        const e = await failure(client.send(cmd as any));
        expect(e).toBeInstanceOf(InvalidRequestException);
        expect(e.message).toBe("You can't perform this operation on the secret because it was marked for deletion.");
      }
      expect((await client.send(new DescribeSecretCommand({ SecretId: "s" }))).DeletedDate).toEqual(clock.now());
    });

    test("binary values via UpdateSecret round-trip", async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretBinary: new Uint8Array([0, 1, 2]) }));
      await client.send(new UpdateSecretCommand({ SecretId: "s", SecretBinary: new Uint8Array([0xfe, 0xfd]) }));
      const got = await client.send(new GetSecretValueCommand({ SecretId: "s" }));
      expect(Array.from(got.SecretBinary!)).toEqual([0xfe, 0xfd]);
    });
  });

  describe("GetSecretValue", () => {
    test("by VersionId, by VersionStage, and both; all recorded errors", async () => {
      const v1 = (await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1" }))).VersionId!;
      let e = await failure(client.send(new GetSecretValueCommand({ SecretId: "s", VersionStage: "AWSPREVIOUS" })));
      expect(e).toBeInstanceOf(ResourceNotFoundException);
      expect(e.message).toBe("Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS");
      const v2 = (await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "2" }))).VersionId!;
      const byId = await client.send(new GetSecretValueCommand({ SecretId: "s", VersionId: v1 }));
      expect(byId.VersionStages).toEqual(["AWSPREVIOUS"]);
      const both = await client.send(new GetSecretValueCommand({ SecretId: "s", VersionId: v2, VersionStage: "AWSCURRENT" }));
      expect(both.SecretString).toBe("2");
      e = await failure(client.send(new GetSecretValueCommand({ SecretId: "s", VersionId: v1, VersionStage: "AWSCURRENT" })));
      expect(e).toBeInstanceOf(InvalidRequestException);
      expect(e.message).toBe("You provided a VersionStage that is not associated to the provided VersionId.");
      const unknown = "00000000-0000-0000-0000-000000000000";
      e = await failure(client.send(new GetSecretValueCommand({ SecretId: "s", VersionId: unknown })));
      expect(e.message).toBe(`Secrets Manager can't find the specified secret value for VersionId: ${unknown}`);
      e = await failure(client.send(new GetSecretValueCommand({ SecretId: "s", VersionStage: "AWSPENDING" })));
      expect(e.message).toBe("Secrets Manager can't find the specified secret value for staging label: AWSPENDING");
      e = await failure(client.send(new GetSecretValueCommand({ SecretId: "missing" })));
      expect(e).toBeInstanceOf(ResourceNotFoundException);
      expect(e.message).toBe("Secrets Manager can't find the specified secret.");
    });

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

    test('Description set to "" is omitted', async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "1", Description: "x" }));
      await client.send(new UpdateSecretCommand({ SecretId: "s", Description: "" }));
      expect("Description" in (await client.send(new DescribeSecretCommand({ SecretId: "s" })))).toBe(false);
    });

    test("unknown secret is ResourceNotFoundException", async () => {
      await expect(client.send(new DescribeSecretCommand({ SecretId: "nope" }))).rejects.toThrow(
        "Secrets Manager can't find the specified secret.",
      );
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
