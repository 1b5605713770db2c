/**
 * Secrets managed by another AWS service (aws-api-facts.md §5.17): reads work, every change is
 * refused with InvalidRequestException, OwningService is shown and filterable.
 */
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore } from "secrets-manager-mock";
import { failure } from "../helpers/call-failure";
import { setup, WAYS_IN, type WayIn } from "../helpers/ways-in";

const MANAGED = "This secret is managed by an AWS service, and you must use that service to update it.";
const V1 = "00000001-0000-4000-8000-000000000000";

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("secrets owned by another service via %s", (_name, way: WayIn) => {
  let store: SecretsStore;
  let client: SecretsManagerClient;

  beforeEach(async () => {
    ({ store, client } = setup(way, { clock: new ManualClock("2024-03-01T10:30:00Z"), seed: 17 }));
    await client.send(
      new CreateSecretCommand({ Name: "rds-db-1", SecretString: "pw", ClientRequestToken: V1, Tags: [{ Key: "k", Value: "v" }] }),
    );
    await client.send(new CreateSecretCommand({ Name: "mine", SecretString: "x" }));
    store.edit(store.accountId, "us-east-1", "rds-db-1").owningService = "rds";
  });

  const refused: Array<[string, () => object]> = [
    ["PutSecretValue", () => new PutSecretValueCommand({ SecretId: "rds-db-1", SecretString: "new" })],
    ["UpdateSecret", () => new UpdateSecretCommand({ SecretId: "rds-db-1", Description: "d" })],
    ["DeleteSecret", () => new DeleteSecretCommand({ SecretId: "rds-db-1" })],
    ["DeleteSecret (forced)", () => new DeleteSecretCommand({ SecretId: "rds-db-1", ForceDeleteWithoutRecovery: true })],
    ["RestoreSecret", () => new RestoreSecretCommand({ SecretId: "rds-db-1" })],
    ["TagResource", () => new TagResourceCommand({ SecretId: "rds-db-1", Tags: [{ Key: "a", Value: "b" }] })],
    ["UntagResource", () => new UntagResourceCommand({ SecretId: "rds-db-1", TagKeys: ["k"] })],
    [
      "UpdateSecretVersionStage",
      () => new UpdateSecretVersionStageCommand({ SecretId: "rds-db-1", VersionStage: "X", MoveToVersionId: V1 }),
    ],
  ];

  test.each(refused)("%s is refused with InvalidRequestException and changes nothing", async (_op, command) => {
    const rev = store.revision;
    const e = await failure(client.send(command() as never));
    expect(e).toBeInstanceOf(InvalidRequestException);
    expect(e.message).toBe(MANAGED);
    expect(store.revision).toBe(rev);
  });

  test("reads work: GetSecretValue, DescribeSecret (OwningService), ListSecretVersionIds, BatchGetSecretValue", async () => {
    expect((await client.send(new GetSecretValueCommand({ SecretId: "rds-db-1" }))).SecretString).toBe("pw");
    expect((await client.send(new DescribeSecretCommand({ SecretId: "rds-db-1" }))).OwningService).toBe("rds");
    expect((await client.send(new ListSecretVersionIdsCommand({ SecretId: "rds-db-1" }))).Versions).toHaveLength(1);
    const batch = await client.send(new BatchGetSecretValueCommand({ SecretIdList: ["rds-db-1"] }));
    expect(batch.SecretValues![0].SecretString).toBe("pw");
  });

  test("ListSecrets shows OwningService and the owning-service filter selects it", async () => {
    const all = await client.send(new ListSecretsCommand({}));
    expect(all.SecretList!.map((s) => [s.Name, s.OwningService])).toEqual([
      ["rds-db-1", "rds"],
      ["mine", undefined],
    ]);
    const owned = await client.send(new ListSecretsCommand({ Filters: [{ Key: "owning-service", Values: ["rds"] }] }));
    expect(owned.SecretList!.map((s) => s.Name)).toEqual(["rds-db-1"]);
    const notOwned = await client.send(new ListSecretsCommand({ Filters: [{ Key: "owning-service", Values: ["!rds"] }] }));
    expect(notOwned.SecretList!.map((s) => s.Name)).toEqual(["mine"]);
  });
});
