/**
 * DeleteSecret / RestoreSecret (reference/aws-behaviour.md §3.6, aws-api-facts.md §5.9), and the
 * rule that a secret scheduled for deletion refuses every operation but a few.
 *
 * The answers and errors a call sequence shows are described once, by the parity scenarios
 * deletion/* (src/parity/catalogue/deletion.ts, run by __tests__/parity/catalogue.test.ts). This
 * file keeps what they can't show: exact dates (the parity normaliser rounds them to days), the
 * clock passing DeletionDate, the store left unchanged, replicas set up through the store.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  InvalidRequestException,
  PutSecretValueCommand,
  ResourceNotFoundException,
  RestoreSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore } from "secrets-manager-mock";
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
    // Windows of 7 and 30 (the default) days, the answer's members, a second delete: parity scenarios
    // deletion/window-and-restore and deletion/default-window. Here, the exact instants.
    test("default window: DeletionDate is exactly 30 days after the call; DeletedDate is the call", async () => {
      await create("db");
      const out = await client.send(new DeleteSecretCommand({ SecretId: "db" }));
      expect(out.DeletionDate).toEqual(new Date(T0.getTime() + 30 * DAY));
      expect(hasNoUndefinedKeys(out)).toBe(true);
      expect((await client.send(new DescribeSecretCommand({ SecretId: "db" }))).DeletedDate).toEqual(T0);
    });

    test.each([7, 19, 30])("RecoveryWindowInDays %i is accepted and sets DeletionDate", async (days) => {
      await create("db");
      const out = await client.send(new DeleteSecretCommand({ SecretId: "db", RecoveryWindowInDays: days }));
      expect(out.DeletionDate).toEqual(new Date(T0.getTime() + days * DAY));
    });

    // 6 and 31, 0 and 7 with force: parity scenario deletion/window-out-of-range.
    test.each([0, -1])("RecoveryWindowInDays %i is InvalidParameterException, nothing changes", async (days) => {
      await create("db");
      const e = await failure(client.send(new DeleteSecretCommand({ SecretId: "db", RecoveryWindowInDays: days })));
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(e.message).toBe("The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
      const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
      expect(d.DeletedDate).toBeUndefined();
    });

    // Reported from AWS in getmoto/moto#6461: the range check runs before the conjunction check.
    test.each([6, 31])("RecoveryWindowInDays %i with ForceDeleteWithoutRecovery is the range error; nothing changes", async (days) => {
      await create("db");
      const before = JSON.stringify(store.exportState());
      const e = await failure(
        client.send(new DeleteSecretCommand({ SecretId: "db", RecoveryWindowInDays: days, ForceDeleteWithoutRecovery: true })),
      );
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(e.message).toBe("The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
      expect(JSON.stringify(store.exportState())).toBe(before);
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

    test("deleting by full ARN and by partial ARN works", async () => {
      const a = await create("a");
      const b = await create("b");
      await client.send(new DeleteSecretCommand({ SecretId: a.ARN! }));
      await client.send(new DeleteSecretCommand({ SecretId: b.ARN!.slice(0, -7) }));
      expect((await client.send(new DescribeSecretCommand({ SecretId: "a" }))).DeletedDate).toEqual(T0);
      expect((await client.send(new DescribeSecretCommand({ SecretId: "b" }))).DeletedDate).toEqual(T0);
    });
  });

  // A live, a scheduled and a missing secret force-deleted, the name re-created: parity scenarios
  // deletion/force-then-recreate, deletion/force-after-schedule, deletion/force-missing-secret.
  describe("forced deletion", () => {
    test("DeletionDate is the instant of the call; a missing name leaves nothing in the store", async () => {
      await create("db");
      await create("scheduled");
      await client.send(new DeleteSecretCommand({ SecretId: "scheduled" }));
      for (const SecretId of ["db", "scheduled", "never-created"]) {
        const out = await client.send(new DeleteSecretCommand({ SecretId, ForceDeleteWithoutRecovery: true }));
        expect(out.DeletionDate).toEqual(T0);
        expect(store.getSecret(store.accountId, "us-east-1", SecretId)).toBeUndefined();
      }
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

  // Its answer, DescribeSecret and GetSecretValue after it, a live and a missing secret: parity
  // scenarios deletion/window-and-restore and deletion/restore-live-secret.
  describe("RestoreSecret", () => {
    test("the restored secret is not purged when its old DeletionDate passes", async () => {
      await create("db");
      await client.send(new DeleteSecretCommand({ SecretId: "db", RecoveryWindowInDays: 7 }));
      clock.advance({ days: 3 });
      await client.send(new RestoreSecretCommand({ SecretId: "db" }));
      expect(store.getSecret(store.accountId, "us-east-1", "db")!.deletionDate).toBeUndefined();
      clock.advance({ days: 30 });
      expect((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("v1");
    });

    test("restoring a secret that is not scheduled for deletion changes nothing", async () => {
      await create("db");
      const rev = store.revision;
      await client.send(new RestoreSecretCommand({ SecretId: "db" }));
      expect(store.revision).toBe(rev);
    });
  });

  // Each refusal's code and text, CreateSecret on its name, DescribeSecret and ListSecretVersionIds
  // still working: parity scenario deletion/calls-on-scheduled-secret. Here, that nothing changes.
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

    test.each(refused)("%s is refused and changes nothing", async (_op, command) => {
      const rev = store.revision;
      const e = await failure(client.send(command() as never));
      expect(e).toBeInstanceOf(InvalidRequestException);
      expect(store.revision).toBe(rev);
    });
  });
});
