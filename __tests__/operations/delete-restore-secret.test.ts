/**
 * DeleteSecret / RestoreSecret (reference/aws-behaviour.md §3.6, aws-api-facts.md §5.9), and the
 * rule that a secret scheduled for deletion refuses every operation but a few.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  InvalidRequestException,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  RestoreSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, Messages, SecretsStore } from "secrets-manager-mock";
import { failure, hasNoUndefinedKeys } from "../helpers/call-failure";
import { setup, WAYS_IN, type WayIn } from "../helpers/ways-in";

const T0 = new Date("2024-03-01T10:30:00Z");
const DAY = 86_400_000;
const ARN_RE = /^arn:aws:secretsmanager:us-east-1:123456789012:secret:([A-Za-z0-9/_+=.@-]+)-([A-Za-z0-9]{6})$/;

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("DeleteSecret / RestoreSecret via %s", (_name, way: WayIn) => {
  let clock: ManualClock;
  let store: SecretsStore;
  let client: SecretsManagerClient;

  beforeEach(() => {
    clock = new ManualClock(T0);
    ({ store, client } = setup(way, { clock, seed: 11 }));
  });

  const create = (Name: string, SecretString = "v1") => client.send(new CreateSecretCommand({ Name, SecretString }));

  describe("scheduled deletion", () => {
    test("default window is 30 days: ARN, Name, DeletionDate; Describe shows DeletedDate", async () => {
      const { ARN } = await create("db");
      const out = await client.send(new DeleteSecretCommand({ SecretId: "db" }));
      expect({ ARN: out.ARN, Name: out.Name, DeletionDate: out.DeletionDate }).toEqual({
        ARN,
        Name: "db",
        DeletionDate: new Date(T0.getTime() + 30 * DAY),
      });
      expect(hasNoUndefinedKeys(out)).toBe(true);
      const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
      expect(d.DeletedDate).toEqual(T0);
      expect(d.VersionIdsToStages).toBeDefined();
    });

    test.each([7, 19, 30])("RecoveryWindowInDays %i is accepted and sets DeletionDate", async (days) => {
      await create("db");
      const out = await client.send(new DeleteSecretCommand({ SecretId: "db", RecoveryWindowInDays: days }));
      expect(out.DeletionDate).toEqual(new Date(T0.getTime() + days * DAY));
    });

    test.each([0, 6, 31, -1])("RecoveryWindowInDays %i is InvalidParameterException, nothing changes", async (days) => {
      await create("db");
      const e = await failure(client.send(new DeleteSecretCommand({ SecretId: "db", RecoveryWindowInDays: days })));
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(e.message).toBe("The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
      const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
      expect(d.DeletedDate).toBeUndefined();
    });

    test("RecoveryWindowInDays together with ForceDeleteWithoutRecovery is InvalidParameterException", async () => {
      await create("db");
      const e = await failure(
        client.send(new DeleteSecretCommand({ SecretId: "db", RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true })),
      );
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(e.message).toBe("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
      expect((await client.send(new DescribeSecretCommand({ SecretId: "db" }))).DeletedDate).toBeUndefined();
    });

    // Reported from AWS in getmoto/moto#6461: the range check runs before the conjunction check.
    test.each([0, 6, 31])("RecoveryWindowInDays %i with ForceDeleteWithoutRecovery is the range error; nothing changes", async (days) => {
      await create("db");
      const before = JSON.stringify(store.exportState());
      const e = await failure(
        client.send(new DeleteSecretCommand({ SecretId: "db", RecoveryWindowInDays: days, ForceDeleteWithoutRecovery: true })),
      );
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(e.message).toBe("The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
      expect(JSON.stringify(store.exportState())).toBe(before);
    });

    test("deleting an already scheduled secret again (not forced) is InvalidRequestException", async () => {
      await create("db");
      await client.send(new DeleteSecretCommand({ SecretId: "db", RecoveryWindowInDays: 7 }));
      const e = await failure(client.send(new DeleteSecretCommand({ SecretId: "db" })));
      expect(e).toBeInstanceOf(InvalidRequestException);
      expect(e.message).toBe("You tried to perform the operation on a secret that's currently marked deleted.");
      const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
      expect(d.DeletedDate).toEqual(T0);
    });

    test("the secret is purged when the clock passes DeletionDate; the name is free again with a new ARN", async () => {
      const first = await create("db");
      await client.send(new DeleteSecretCommand({ SecretId: "db", RecoveryWindowInDays: 7 }));
      clock.advance({ days: 7, milliseconds: -1 });
      expect((await client.send(new DescribeSecretCommand({ SecretId: "db" }))).DeletedDate).toEqual(T0);
      clock.advance({ milliseconds: 1 });
      expect(await failure(client.send(new DescribeSecretCommand({ SecretId: "db" })))).toBeInstanceOf(ResourceNotFoundException);
      const again = await create("db", "v2");
      expect(again.ARN).toMatch(ARN_RE);
      expect(again.ARN).not.toBe(first.ARN);
      const v = await client.send(new GetSecretValueCommand({ SecretId: "db" }));
      expect(v.SecretString).toBe("v2");
    });

    test("non-forced delete of a missing secret is ResourceNotFoundException", async () => {
      const e = await failure(client.send(new DeleteSecretCommand({ SecretId: "nope" })));
      expect(e).toBeInstanceOf(ResourceNotFoundException);
      expect(e.message).toBe(Messages.secretNotFound);
    });

    test("an invalid name is ValidationException, even with force", async () => {
      const e = await failure(client.send(new DeleteSecretCommand({ SecretId: "bad name", ForceDeleteWithoutRecovery: true })));
      expect(e.name).toBe("ValidationException");
      expect(e.message).toBe(Messages.invalidName);
    });

    test("deleting by full ARN and by partial ARN works", async () => {
      const a = await create("a");
      const b = await create("b");
      await client.send(new DeleteSecretCommand({ SecretId: a.ARN! }));
      await client.send(new DeleteSecretCommand({ SecretId: b.ARN!.slice(0, -7) }));
      expect((await client.send(new DescribeSecretCommand({ SecretId: "a" }))).DeletedDate).toEqual(T0);
      expect((await client.send(new DescribeSecretCommand({ SecretId: "b" }))).DeletedDate).toEqual(T0);
    });
  });

  describe("forced deletion", () => {
    test("removes the secret at once; DeletionDate is now; the name can be re-created with a new ARN", async () => {
      const first = await create("db");
      const out = await client.send(new DeleteSecretCommand({ SecretId: "db", ForceDeleteWithoutRecovery: true }));
      expect(out.ARN).toBe(first.ARN);
      expect(out.Name).toBe("db");
      expect(out.DeletionDate).toEqual(T0);
      expect(await failure(client.send(new DescribeSecretCommand({ SecretId: "db" })))).toBeInstanceOf(ResourceNotFoundException);
      const again = await create("db");
      expect(again.ARN).not.toBe(first.ARN);
      expect(ARN_RE.exec(again.ARN!)![1]).toBe("db");
    });

    test("works on a secret already scheduled for deletion", async () => {
      await create("db");
      await client.send(new DeleteSecretCommand({ SecretId: "db" }));
      const out = await client.send(new DeleteSecretCommand({ SecretId: "db", ForceDeleteWithoutRecovery: true }));
      expect(out.DeletionDate).toEqual(T0);
      expect(await failure(client.send(new DescribeSecretCommand({ SecretId: "db" })))).toBeInstanceOf(ResourceNotFoundException);
    });

    test("of a missing secret succeeds: Name = the given id, a synthesized ARN, DeletionDate", async () => {
      const out = await client.send(new DeleteSecretCommand({ SecretId: "never-created", ForceDeleteWithoutRecovery: true }));
      expect(out.Name).toBe("never-created");
      expect(ARN_RE.exec(out.ARN!)![1]).toBe("never-created");
      expect(out.DeletionDate).toEqual(T0);
      expect(store.getSecret(store.accountId, "us-east-1", "never-created")).toBeUndefined();
    });
  });

  test("a primary secret that still has replicas can't be deleted", async () => {
    await create("db");
    const w = store.edit(store.accountId, "us-east-1", "db");
    w.primaryRegion = "us-east-1";
    w.replicas = [{ region: "eu-west-1", status: "InSync" }];
    for (const force of [false, true]) {
      const e = await failure(client.send(new DeleteSecretCommand({ SecretId: "db", ForceDeleteWithoutRecovery: force })));
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(e.message).toMatch(
        /^You can't delete secret arn:aws:secretsmanager:us-east-1:123456789012:secret:db-[A-Za-z0-9]{6} that still has replica regions \[eu-west-1\]\.$/,
      );
    }
    expect((await client.send(new DescribeSecretCommand({ SecretId: "db" }))).DeletedDate).toBeUndefined();
  });

  describe("RestoreSecret", () => {
    test("clears DeletedDate and returns ARN, Name; the secret is usable again and is not purged", async () => {
      const { ARN } = await create("db");
      await client.send(new DeleteSecretCommand({ SecretId: "db", RecoveryWindowInDays: 7 }));
      clock.advance({ days: 3 });
      const out = await client.send(new RestoreSecretCommand({ SecretId: "db" }));
      expect({ ARN: out.ARN, Name: out.Name }).toEqual({ ARN, Name: "db" });
      expect(
        Object.keys(out)
          .filter((k) => k !== "$metadata")
          .sort(),
      ).toEqual(["ARN", "Name"]);
      const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
      expect(d.DeletedDate).toBeUndefined();
      expect(store.getSecret(store.accountId, "us-east-1", "db")!.deletionDate).toBeUndefined();
      clock.advance({ days: 30 });
      expect((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("v1");
    });

    test("restoring a secret that is not scheduled for deletion succeeds and changes nothing", async () => {
      const { ARN } = await create("db");
      const rev = store.revision;
      const out = await client.send(new RestoreSecretCommand({ SecretId: "db" }));
      expect(out.ARN).toBe(ARN);
      expect(store.revision).toBe(rev);
    });

    test("restoring a missing secret is ResourceNotFoundException", async () => {
      expect(await failure(client.send(new RestoreSecretCommand({ SecretId: "nope" })))).toBeInstanceOf(ResourceNotFoundException);
    });
  });

  describe("a secret scheduled for deletion", () => {
    let versionId: string;
    beforeEach(async () => {
      versionId = (await create("db")).VersionId!;
      await client.send(new TagResourceCommand({ SecretId: "db", Tags: [{ Key: "k", Value: "v" }] }));
      await client.send(new DeleteSecretCommand({ SecretId: "db" }));
    });

    const refused: Array<[string, () => object]> = [
      ["GetSecretValue", () => new GetSecretValueCommand({ SecretId: "db" })],
      ["PutSecretValue", () => new PutSecretValueCommand({ SecretId: "db", SecretString: "x" })],
      ["UpdateSecret", () => new UpdateSecretCommand({ SecretId: "db", Description: "d" })],
      ["TagResource", () => new TagResourceCommand({ SecretId: "db", Tags: [{ Key: "a", Value: "b" }] })],
      ["UntagResource", () => new UntagResourceCommand({ SecretId: "db", TagKeys: ["k"] })],
      [
        "UpdateSecretVersionStage",
        () => new UpdateSecretVersionStageCommand({ SecretId: "db", VersionStage: "X", MoveToVersionId: versionId }),
      ],
    ];

    test.each(refused)("%s is InvalidRequestException '…marked for deletion.' and changes nothing", async (_op, command) => {
      const rev = store.revision;
      const e = await failure(client.send(command() as never));
      expect(e).toBeInstanceOf(InvalidRequestException);
      expect(e.message).toBe("You can't perform this operation on the secret because it was marked for deletion.");
      expect(store.revision).toBe(rev);
    });

    test("CreateSecret on its name is InvalidRequestException '…already scheduled for deletion.'", async () => {
      const e = await failure(create("db"));
      expect(e).toBeInstanceOf(InvalidRequestException);
      expect(e.message).toBe("You can't create this secret because a secret with this name is already scheduled for deletion.");
    });

    test("DescribeSecret and ListSecretVersionIds still work (the model declares no InvalidRequestException for them)", async () => {
      const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
      expect(d.DeletedDate).toEqual(T0);
      const l = await client.send(new ListSecretVersionIdsCommand({ SecretId: "db" }));
      expect(l.Versions!.map((v) => v.VersionId)).toEqual([versionId]);
    });
  });
});
