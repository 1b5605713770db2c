/** ListSecretVersionIds (reference/aws-behaviour.md §3.8, aws-api-facts.md §5.11). */
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  InvalidNextTokenException,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore } from "secrets-manager-mock";
import { failure, hasNoUndefinedKeys } from "../helpers/call-failure";
import { setup, WAYS_IN, type WayIn } from "../helpers/ways-in";

const T0 = new Date("2024-03-01T10:30:00Z");
const DAY0 = new Date("2024-03-01T00:00:00Z");
const V = (n: number) => `${String(n).padStart(8, "0")}-0000-4000-8000-000000000000`;

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("ListSecretVersionIds via %s", (_name, way: WayIn) => {
  let clock: ManualClock;
  let store: SecretsStore;
  let client: SecretsManagerClient;

  beforeEach(async () => {
    clock = new ManualClock(T0);
    ({ store, client } = setup(way, { clock, seed: 3 }));
    await client.send(new CreateSecretCommand({ Name: "s", SecretString: "S1", ClientRequestToken: V(1) }));
    clock.advance({ minutes: 1 });
    await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "S2", ClientRequestToken: V(2) }));
    clock.advance({ minutes: 1 });
    await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "S3", ClientRequestToken: V(3) }));
  });

  const list = (extra: { IncludeDeprecated?: boolean; MaxResults?: number; NextToken?: string } = {}) =>
    client.send(new ListSecretVersionIdsCommand({ SecretId: "s", ...extra }));

  test("default: labelled versions in creation order with the AWS entry shape", async () => {
    const out = await list();
    const arn = store.getSecret(store.accountId, "us-east-1", "s")!.arn;
    expect(out.ARN).toBe(arn);
    expect(out.Name).toBe("s");
    expect(out.NextToken).toBeUndefined();
    expect(out.Versions).toEqual([
      {
        VersionId: V(2),
        VersionStages: ["AWSPREVIOUS"],
        CreatedDate: new Date(T0.getTime() + 60_000),
        KmsKeyIds: ["DefaultEncryptionKey"],
      },
      {
        VersionId: V(3),
        VersionStages: ["AWSCURRENT"],
        CreatedDate: new Date(T0.getTime() + 120_000),
        KmsKeyIds: ["DefaultEncryptionKey"],
      },
    ]);
    expect(hasNoUndefinedKeys(out)).toBe(true);
  });

  test("IncludeDeprecated adds label-less versions, whose entries have no VersionStages key", async () => {
    const out = await list({ IncludeDeprecated: true });
    expect(out.Versions!.map((v) => v.VersionId)).toEqual([V(1), V(2), V(3)]);
    expect("VersionStages" in out.Versions![0]).toBe(false);
    await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "S4", ClientRequestToken: V(4) }));
    const after = await list({ IncludeDeprecated: true });
    expect(after.Versions!.map((v) => [v.VersionId, v.VersionStages])).toEqual([
      [V(1), undefined],
      [V(2), undefined],
      [V(3), ["AWSPREVIOUS"]],
      [V(4), ["AWSCURRENT"]],
    ]);
  });

  test("LastAccessedDate appears per version once that version was read (day granularity)", async () => {
    clock.advance({ hours: 3 });
    await client.send(new GetSecretValueCommand({ SecretId: "s", VersionId: V(2) }));
    const out = await list();
    expect(out.Versions![0].LastAccessedDate).toEqual(DAY0);
    expect("LastAccessedDate" in out.Versions![1]).toBe(false);
  });

  test("KmsKeyIds shows the version's own key when the secret has one", async () => {
    await client.send(new UpdateSecretCommand({ SecretId: "s", KmsKeyId: "alias/mine", SecretString: "S4", ClientRequestToken: V(4) }));
    const out = await list();
    expect(out.Versions!.find((v) => v.VersionId === V(4))!.KmsKeyIds).toEqual(["alias/mine"]);
    expect(out.Versions!.find((v) => v.VersionId === V(3))!.KmsKeyIds).toEqual(["DefaultEncryptionKey"]);
  });

  test("MaxResults / NextToken page through every version exactly once", async () => {
    const p1 = await list({ IncludeDeprecated: true, MaxResults: 2 });
    expect(p1.Versions!.map((v) => v.VersionId)).toEqual([V(1), V(2)]);
    expect(typeof p1.NextToken).toBe("string");
    const p2 = await list({ IncludeDeprecated: true, MaxResults: 2, NextToken: p1.NextToken });
    expect(p2.Versions!.map((v) => v.VersionId)).toEqual([V(3)]);
    expect(p2.NextToken).toBeUndefined();
  });

  test("a page that exactly exhausts the versions has no NextToken", async () => {
    const p = await list({ MaxResults: 2 });
    expect(p.Versions).toHaveLength(2);
    expect(p.NextToken).toBeUndefined();
  });

  test("a bad NextToken is InvalidNextTokenException", async () => {
    const e = await failure(list({ NextToken: "not-a-token" }));
    expect(e).toBeInstanceOf(InvalidNextTokenException);
    expect(e.message).toBe("The NextToken value is invalid.");
  });

  // An unknown secret: parity scenario errors/not-found; a secret without versions: versions/created-without-value.
  test("an invalid name is ValidationException", async () => {
    const v = await failure(client.send(new ListSecretVersionIdsCommand({ SecretId: "bad name" })));
    expect(v.name).toBe("ValidationException");
  });
});
