/**
 * A minimal valid input for each of the 23 operations, against a small fixture store (one secret
 * `fz` with two versions and a tag). Used by the fuzzer (each member is spoiled in turn) and by
 * the no-network test.
 */
import { dispatch, ManualClock, SecretsStore } from "secrets-manager-mock";
import type { OperationName } from "secrets-manager-mock";

export const FIXTURE_SECRET = "fz";
export const FIXTURE_V1 = "aaaaaaaa-0000-4000-8000-000000000001";
export const FIXTURE_V2 = "aaaaaaaa-0000-4000-8000-000000000002";
export const CALLER = { accountId: "123456789012", region: "us-east-1" };
const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "secretsmanager:GetSecretValue", Resource: "*" },
  ],
});

/** `dispatch` for the synchronous operations the fixture is built with: a promise would be a bug, not something to wait for. */
function dispatchNow(store: SecretsStore, operation: string, input: object): object {
  const output = dispatch(store, operation, input, CALLER);
  if (output instanceof Promise) throw new Error(`${operation} answered asynchronously`);
  return output;
}

/** A store holding the fixture secret, on a manual clock. */
export function fixtureStore(seed = 3): { store: SecretsStore; clock: ManualClock } {
  const clock = new ManualClock(Date.UTC(2024, 5, 1));
  const store = new SecretsStore({ clock, seed });
  dispatchNow(store, "CreateSecret", {
    Name: FIXTURE_SECRET,
    SecretString: "fixture-value",
    ClientRequestToken: FIXTURE_V1,
    Tags: [{ Key: "k", Value: "v" }],
  });
  dispatchNow(store, "PutSecretValue", { SecretId: FIXTURE_SECRET, SecretString: "fixture-value-2", ClientRequestToken: FIXTURE_V2 });
  return { store, clock };
}

/** One valid input per operation (it may still fail on state, e.g. RotateSecret without a Lambda). */
export const VALID_INPUTS: Record<OperationName, Record<string, unknown>> = {
  BatchGetSecretValue: { SecretIdList: [FIXTURE_SECRET] },
  CancelRotateSecret: { SecretId: FIXTURE_SECRET },
  CreateSecret: { Name: "fz-new", SecretString: "new-value", ClientRequestToken: "bbbbbbbb-0000-4000-8000-000000000001" },
  DeleteResourcePolicy: { SecretId: FIXTURE_SECRET },
  DeleteSecret: { SecretId: FIXTURE_SECRET, RecoveryWindowInDays: 7 },
  DescribeSecret: { SecretId: FIXTURE_SECRET },
  GetRandomPassword: { PasswordLength: 20 },
  GetResourcePolicy: { SecretId: FIXTURE_SECRET },
  GetSecretValue: { SecretId: FIXTURE_SECRET },
  ListSecretVersionIds: { SecretId: FIXTURE_SECRET, IncludeDeprecated: true },
  ListSecrets: { MaxResults: 10 },
  PutResourcePolicy: { SecretId: FIXTURE_SECRET, ResourcePolicy: POLICY },
  PutSecretValue: { SecretId: FIXTURE_SECRET, SecretString: "put-value", ClientRequestToken: "bbbbbbbb-0000-4000-8000-000000000002" },
  RemoveRegionsFromReplication: { SecretId: FIXTURE_SECRET, RemoveReplicaRegions: ["eu-west-1"] },
  ReplicateSecretToRegions: { SecretId: FIXTURE_SECRET, AddReplicaRegions: [{ Region: "eu-west-1" }] },
  RestoreSecret: { SecretId: FIXTURE_SECRET },
  RotateSecret: { SecretId: FIXTURE_SECRET, ClientRequestToken: "bbbbbbbb-0000-4000-8000-000000000003" },
  StopReplicationToReplica: { SecretId: FIXTURE_SECRET },
  TagResource: { SecretId: FIXTURE_SECRET, Tags: [{ Key: "team", Value: "a" }] },
  UntagResource: { SecretId: FIXTURE_SECRET, TagKeys: ["k"] },
  UpdateSecret: { SecretId: FIXTURE_SECRET, Description: "described" },
  UpdateSecretVersionStage: { SecretId: FIXTURE_SECRET, VersionStage: "L1", MoveToVersionId: FIXTURE_V1 },
  ValidateResourcePolicy: { ResourcePolicy: POLICY },
};
