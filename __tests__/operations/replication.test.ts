/**
 * Multi-Region replication (aws-api-facts.md §5.16): CreateSecret's AddReplicaRegions,
 * ReplicateSecretToRegions, RemoveRegionsFromReplication, StopReplicationToReplica, and replicas
 * kept in step with their primary, through every way in.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  InvalidRequestException,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
  ResourceNotFoundException,
  RotateSecretCommand,
  StopReplicationToReplicaCommand,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, passwordRotationFunction, SecretsStore } from "secrets-manager-mock";
import { setup, WAYS_IN, type WayIn } from "../helpers/ways-in";
import { failure } from "../helpers/call-failure";

const T0 = new Date("2024-03-01T10:30:00Z");
const policy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "secretsmanager:GetSecretValue", Resource: "*" },
  ],
});

const inRegion = (arn: string, region: string) => arn.replace(":us-east-1:", `:${region}:`);

/** One region's part of the store, as text: equal strings mean nothing there changed. */
function regionState(store: SecretsStore, region: string): string {
  return JSON.stringify(store.exportState().partitions.filter((p) => p.region === region));
}

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("replication via %s", (_name, way: WayIn) => {
  function regions() {
    const clock = new ManualClock(T0);
    const { store, client } = setup(way, { seed: 1, clock }, "us-east-1");
    return { store, clock, primary: client, west: way.client(store, "eu-west-1"), south: way.client(store, "ap-south-1") };
  }

  it("CreateSecret with AddReplicaRegions creates readable replicas in the other regions", async () => {
    const { primary, west, south } = regions();
    const out = await primary.send(
      new CreateSecretCommand({
        Name: "db",
        SecretString: "s3cr3t",
        Description: "the db",
        Tags: [{ Key: "team", Value: "a" }],
        AddReplicaRegions: [{ Region: "eu-west-1" }, { Region: "ap-south-1", KmsKeyId: "alias/south" }],
      }),
    );
    expect(out.ReplicationStatus).toEqual([
      { Region: "eu-west-1", Status: "InSync" },
      { Region: "ap-south-1", KmsKeyId: "alias/south", Status: "InSync" },
    ]);

    const fromWest = await west.send(new GetSecretValueCommand({ SecretId: "db" }));
    expect(fromWest.SecretString).toBe("s3cr3t");
    expect(fromWest.VersionId).toBe(out.VersionId);
    expect(fromWest.ARN).toBe(inRegion(out.ARN!, "eu-west-1"));
    expect(fromWest.VersionStages).toEqual(["AWSCURRENT"]);
    // The replica is found by its own ARN in its region, not by the primary's.
    expect((await west.send(new GetSecretValueCommand({ SecretId: inRegion(out.ARN!, "eu-west-1") }))).SecretString).toBe("s3cr3t");
    expect(await failure(west.send(new GetSecretValueCommand({ SecretId: out.ARN! })))).toBeInstanceOf(ResourceNotFoundException);

    const replica = await south.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(replica.PrimaryRegion).toBe("us-east-1");
    expect(replica).not.toHaveProperty("ReplicationStatus");
    expect(replica.Description).toBe("the db");
    expect(replica.Tags).toEqual([{ Key: "team", Value: "a" }]);
    expect(replica.KmsKeyId).toBe("alias/south");
    expect(replica.VersionIdsToStages).toEqual({ [out.VersionId!]: ["AWSCURRENT"] });

    const d = await primary.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(d.PrimaryRegion).toBe("us-east-1");
    expect(d.ReplicationStatus).toEqual(out.ReplicationStatus);
  });

  it("keeps replicas in step with the primary's value, labels, description, policy and rotation", async () => {
    const { primary, west, store } = regions();
    await primary.send(
      new CreateSecretCommand({
        Name: "db",
        SecretString: JSON.stringify({ password: "p0" }),
        AddReplicaRegions: [{ Region: "eu-west-1" }],
      }),
    );
    const put = await primary.send(new PutSecretValueCommand({ SecretId: "db", SecretString: JSON.stringify({ password: "p1" }) }));
    const v = await west.send(new GetSecretValueCommand({ SecretId: "db" }));
    expect(v.SecretString).toBe(JSON.stringify({ password: "p1" }));
    expect(v.VersionId).toBe(put.VersionId);
    expect(JSON.parse((await west.send(new GetSecretValueCommand({ SecretId: "db", VersionStage: "AWSPREVIOUS" }))).SecretString!)).toEqual(
      {
        password: "p0",
      },
    );

    await primary.send(new UpdateSecretCommand({ SecretId: "db", Description: "now described" }));
    expect((await west.send(new DescribeSecretCommand({ SecretId: "db" }))).Description).toBe("now described");

    await primary.send(new PutResourcePolicyCommand({ SecretId: "db", ResourcePolicy: policy }));
    expect((await west.send(new GetResourcePolicyCommand({ SecretId: "db" }))).ResourcePolicy).toBe(policy);

    const lambda = "arn:aws:lambda:us-east-1:123456789012:function:rotate";
    store.registerRotationFunction(lambda, passwordRotationFunction());
    const rotated = await primary.send(
      new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: lambda, RotationRules: { AutomaticallyAfterDays: 3 } }),
    );
    const after = await west.send(new GetSecretValueCommand({ SecretId: "db" }));
    expect(after.VersionId).toBe(rotated.VersionId);
    expect(JSON.parse(after.SecretString!).password).toHaveLength(32);
    const d = await west.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(d.RotationEnabled).toBe(true);
    expect(d.LastRotatedDate).toEqual(T0);
  });

  it("refuses writes on a replica: they must go through the primary's region", async () => {
    const { primary, west, store } = regions();
    await primary.send(new CreateSecretCommand({ Name: "db", SecretString: "v", AddReplicaRegions: [{ Region: "eu-west-1" }] }));
    const before = store.revision;
    for (const cmd of [
      new PutSecretValueCommand({ SecretId: "db", SecretString: "x" }),
      new UpdateSecretCommand({ SecretId: "db", Description: "x" }),
      new PutResourcePolicyCommand({ SecretId: "db", ResourcePolicy: policy }),
      new ReplicateSecretToRegionsCommand({ SecretId: "db", AddReplicaRegions: [{ Region: "ap-south-1" }] }),
    ]) {
      const e = await failure(west.send(cmd as any));
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(e.message).toBe("Operation not permitted on a replica secret. Call must be made in primary secret's region.");
    }
    expect(store.revision).toBe(before);
  });

  it("ReplicateSecretToRegions replicates an existing secret and answers every replica's status", async () => {
    const { primary, west, south } = regions();
    const created = await primary.send(new CreateSecretCommand({ Name: "db", SecretString: "v" }));
    const one = await primary.send(new ReplicateSecretToRegionsCommand({ SecretId: "db", AddReplicaRegions: [{ Region: "eu-west-1" }] }));
    expect(Object.keys(one).sort()).toEqual(["$metadata", "ARN", "ReplicationStatus"]);
    expect(one).toMatchObject({ ARN: created.ARN, ReplicationStatus: [{ Region: "eu-west-1", Status: "InSync" }] });
    const two = await primary.send(
      new ReplicateSecretToRegionsCommand({ SecretId: created.ARN!, AddReplicaRegions: [{ Region: "ap-south-1" }] }),
    );
    expect(two.ReplicationStatus!.map((s) => s.Region)).toEqual(["eu-west-1", "ap-south-1"]);
    expect((await west.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("v");
    expect((await south.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("v");
  });

  it("rejects the primary's own region, duplicates and regions already replicated, changing nothing", async () => {
    const { primary, store } = regions();
    await primary.send(new CreateSecretCommand({ Name: "db", SecretString: "v", AddReplicaRegions: [{ Region: "eu-west-1" }] }));
    const before = store.revision;
    for (const AddReplicaRegions of [
      [{ Region: "us-east-1" }],
      [{ Region: "ap-south-1" }, { Region: "ap-south-1" }],
      [{ Region: "ap-south-1" }, { Region: "eu-west-1" }],
    ]) {
      const e = await failure(primary.send(new ReplicateSecretToRegionsCommand({ SecretId: "db", AddReplicaRegions })));
      expect(e).toBeInstanceOf(InvalidParameterException);
    }
    const e = await failure(
      primary.send(new CreateSecretCommand({ Name: "other", SecretString: "v", AddReplicaRegions: [{ Region: "us-east-1" }] })),
    );
    expect(e).toBeInstanceOf(InvalidParameterException);
    expect(store.getSecret(store.accountId, "us-east-1", "other")).toBeUndefined();
    expect(store.revision).toBe(before);
    expect(
      (await failure(primary.send(new ReplicateSecretToRegionsCommand({ SecretId: "db", AddReplicaRegions: [{ Region: "EU" }] })))).name,
    ).toBe("ValidationException");
    expect(
      await failure(primary.send(new ReplicateSecretToRegionsCommand({ SecretId: "nope", AddReplicaRegions: [{ Region: "ap-south-1" }] }))),
    ).toBeInstanceOf(ResourceNotFoundException);
  });

  // Seen from AWS: "Invalid replica region." (aws-samples/aws-health-aware#32).
  it("a replica entry without Region, or in the primary's own region, is 'Invalid replica region.' and creates nothing", async () => {
    const { primary, store } = regions();
    await primary.send(new CreateSecretCommand({ Name: "db", SecretString: "v" }));
    const before = JSON.stringify(store.exportState());
    for (const AddReplicaRegions of [[{}], [{ Region: "us-east-1" }], [{ Region: "eu-west-1" }, {}]]) {
      const created = await failure(primary.send(new CreateSecretCommand({ Name: "other", SecretString: "v", AddReplicaRegions })));
      expect(created).toBeInstanceOf(InvalidParameterException);
      expect(created.message).toBe("Invalid replica region.");
      const replicated = await failure(primary.send(new ReplicateSecretToRegionsCommand({ SecretId: "db", AddReplicaRegions })));
      expect(replicated).toBeInstanceOf(InvalidParameterException);
      expect(replicated.message).toBe("Invalid replica region.");
    }
    expect(JSON.stringify(store.exportState())).toBe(before);
    expect([...store.allPartitions()].map((p) => p.region)).toEqual(["us-east-1"]);
  });

  // StatusMessage from a LocalStack pull request's hand-written snapshot of AWS CLI runs
  // (localstack/localstack#7016, 2022): medium confidence. moto has the same text.
  const nameExists = (region: string) => `Replication failed: Secret name db already exists in region ${region}.`;

  it("CreateSecret: a same-named secret in the target region fails that replica and stays as it was", async () => {
    const { primary, west, store } = regions();
    const local = await west.send(
      new CreateSecretCommand({ Name: "db", SecretString: "west's own", Description: "west", Tags: [{ Key: "k", Value: "v" }] }),
    );
    const westBefore = regionState(store, "eu-west-1");
    const created = await primary.send(
      new CreateSecretCommand({
        Name: "db",
        SecretString: "primary",
        AddReplicaRegions: [{ Region: "eu-west-1" }, { Region: "ap-south-1", KmsKeyId: "alias/south" }],
      }),
    );
    const failed = { Region: "eu-west-1", Status: "Failed", StatusMessage: nameExists("eu-west-1") };
    const south = { Region: "ap-south-1", KmsKeyId: "alias/south", Status: "InSync" };
    expect(created.ReplicationStatus).toEqual([failed, south]);
    // The primary is created all the same and DescribeSecret keeps showing the failure.
    const d = await primary.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(d.PrimaryRegion).toBe("us-east-1");
    expect(d.ReplicationStatus).toEqual([failed, south]);
    // The secret in the other region is neither overwritten nor turned into a replica.
    expect(regionState(store, "eu-west-1")).toBe(westBefore);
    const untouched = await west.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(untouched.ARN).toBe(local.ARN);
    expect(untouched).not.toHaveProperty("PrimaryRegion");
    expect((await west.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("west's own");
    // Later changes to the primary don't reach it either.
    await primary.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "primary v2" }));
    expect((await west.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("west's own");
  });

  it("ReplicateSecretToRegions: the same failure, other regions replicated", async () => {
    const { primary, west, south, store } = regions();
    await west.send(new CreateSecretCommand({ Name: "db", SecretString: "west's own" }));
    const created = await primary.send(new CreateSecretCommand({ Name: "db", SecretString: "primary" }));
    const westBefore = regionState(store, "eu-west-1");
    const out = await primary.send(
      new ReplicateSecretToRegionsCommand({ SecretId: "db", AddReplicaRegions: [{ Region: "eu-west-1" }, { Region: "ap-south-1" }] }),
    );
    const expected = [
      { Region: "eu-west-1", Status: "Failed", StatusMessage: nameExists("eu-west-1") },
      { Region: "ap-south-1", Status: "InSync" },
    ];
    expect(out).toMatchObject({ ARN: created.ARN, ReplicationStatus: expected });
    expect((await primary.send(new DescribeSecretCommand({ SecretId: "db" }))).ReplicationStatus).toEqual(expected);
    expect(regionState(store, "eu-west-1")).toBe(westBefore);
    expect((await south.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("primary");
    // Retrying without the flag fails the same way and changes nothing over there.
    const again = await primary.send(new ReplicateSecretToRegionsCommand({ SecretId: "db", AddReplicaRegions: [{ Region: "eu-west-1" }] }));
    expect(again.ReplicationStatus).toEqual([expected[1], expected[0]]);
    expect(regionState(store, "eu-west-1")).toBe(westBefore);
  });

  it("RemoveRegionsFromReplication drops a Failed region and leaves that region's own secret alone", async () => {
    const { primary, west, store } = regions();
    const local = await west.send(new CreateSecretCommand({ Name: "db", SecretString: "west's own" }));
    const westBefore = regionState(store, "eu-west-1");
    await primary.send(new CreateSecretCommand({ Name: "db", SecretString: "primary", AddReplicaRegions: [{ Region: "eu-west-1" }] }));
    const out = await primary.send(new RemoveRegionsFromReplicationCommand({ SecretId: "db", RemoveReplicaRegions: ["eu-west-1"] }));
    expect(out.ReplicationStatus).toEqual([]);
    const d = await primary.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(d).not.toHaveProperty("PrimaryRegion");
    expect(d).not.toHaveProperty("ReplicationStatus");
    expect(regionState(store, "eu-west-1")).toBe(westBefore);
    expect((await west.send(new GetSecretValueCommand({ SecretId: "db" }))).ARN).toBe(local.ARN);
  });

  it("ForceOverwriteReplicaSecret replaces a standalone secret (a Failed region can be retried with it)", async () => {
    const { primary, west } = regions();
    const local = await west.send(new CreateSecretCommand({ Name: "db", SecretString: "west's own" }));
    const created = await primary.send(
      new CreateSecretCommand({ Name: "db", SecretString: "primary", AddReplicaRegions: [{ Region: "eu-west-1" }] }),
    );
    expect(created.ReplicationStatus).toEqual([{ Region: "eu-west-1", Status: "Failed", StatusMessage: nameExists("eu-west-1") }]);
    const forced = await primary.send(
      new ReplicateSecretToRegionsCommand({
        SecretId: "db",
        AddReplicaRegions: [{ Region: "eu-west-1" }],
        ForceOverwriteReplicaSecret: true,
      }),
    );
    expect(forced.ReplicationStatus).toEqual([{ Region: "eu-west-1", Status: "InSync" }]);
    const replaced = await west.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(replaced.ARN).toBe(inRegion(created.ARN!, "eu-west-1"));
    expect(replaced.ARN).not.toBe(local.ARN);
    expect(replaced.PrimaryRegion).toBe("us-east-1");
    expect((await west.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("primary");
    expect(await failure(west.send(new GetSecretValueCommand({ SecretId: local.ARN! })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("CreateSecret with ForceOverwriteReplicaSecret overwrites at once", async () => {
    const { primary, west } = regions();
    await west.send(new CreateSecretCommand({ Name: "db", SecretString: "west's own" }));
    const created = await primary.send(
      new CreateSecretCommand({
        Name: "db",
        SecretString: "primary",
        AddReplicaRegions: [{ Region: "eu-west-1" }],
        ForceOverwriteReplicaSecret: true,
      }),
    );
    expect(created.ReplicationStatus).toEqual([{ Region: "eu-west-1", Status: "InSync" }]);
    expect((await west.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("primary");
  });

  it("ForceOverwriteReplicaSecret leaves a secret that takes part in another replication alone (mock's choice)", async () => {
    const { primary, west, south, store } = regions();
    // ap-south-1 holds a primary "db" replicated to eu-west-1.
    await south.send(new CreateSecretCommand({ Name: "db", SecretString: "south", AddReplicaRegions: [{ Region: "eu-west-1" }] }));
    const before = { west: regionState(store, "eu-west-1"), south: regionState(store, "ap-south-1") };
    const created = await primary.send(
      new CreateSecretCommand({
        Name: "db",
        SecretString: "primary",
        AddReplicaRegions: [{ Region: "eu-west-1" }, { Region: "ap-south-1" }],
        ForceOverwriteReplicaSecret: true,
      }),
    );
    expect(created.ReplicationStatus).toEqual([
      { Region: "eu-west-1", Status: "Failed", StatusMessage: nameExists("eu-west-1") },
      { Region: "ap-south-1", Status: "Failed", StatusMessage: nameExists("ap-south-1") },
    ]);
    expect({ west: regionState(store, "eu-west-1"), south: regionState(store, "ap-south-1") }).toEqual(before);
    expect((await west.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("south");
    expect((await south.send(new DescribeSecretCommand({ SecretId: "db" }))).ReplicationStatus).toEqual([
      { Region: "eu-west-1", Status: "InSync" },
    ]);
  });

  it("RemoveRegionsFromReplication deletes the replicas and answers the remaining ones", async () => {
    const { primary, west, south } = regions();
    const created = await primary.send(
      new CreateSecretCommand({ Name: "db", SecretString: "v", AddReplicaRegions: [{ Region: "eu-west-1" }, { Region: "ap-south-1" }] }),
    );
    const out = await primary.send(new RemoveRegionsFromReplicationCommand({ SecretId: "db", RemoveReplicaRegions: ["eu-west-1"] }));
    expect(Object.keys(out).sort()).toEqual(["$metadata", "ARN", "ReplicationStatus"]);
    expect(out).toMatchObject({ ARN: created.ARN, ReplicationStatus: [{ Region: "ap-south-1", Status: "InSync" }] });
    expect(await failure(west.send(new DescribeSecretCommand({ SecretId: "db" })))).toBeInstanceOf(ResourceNotFoundException);
    expect((await south.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("v");

    const last = await primary.send(
      new RemoveRegionsFromReplicationCommand({ SecretId: "db", RemoveReplicaRegions: ["ap-south-1", "ca-central-1"] }),
    );
    expect(last.ReplicationStatus).toEqual([]);
    const d = await primary.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(d).not.toHaveProperty("PrimaryRegion");
    expect(d).not.toHaveProperty("ReplicationStatus");
    expect(await failure(south.send(new DescribeSecretCommand({ SecretId: "db" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("StopReplicationToReplica promotes the replica to a standalone secret", async () => {
    const { primary, west, south } = regions();
    const created = await primary.send(
      new CreateSecretCommand({ Name: "db", SecretString: "v", AddReplicaRegions: [{ Region: "eu-west-1" }, { Region: "ap-south-1" }] }),
    );
    const out = await west.send(new StopReplicationToReplicaCommand({ SecretId: "db" }));
    expect(Object.keys(out).sort()).toEqual(["$metadata", "ARN"]);
    expect(out.ARN).toBe(inRegion(created.ARN!, "eu-west-1"));

    const standalone = await west.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(standalone).not.toHaveProperty("PrimaryRegion");
    expect(standalone.ARN).toBe(out.ARN);
    await west.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "west now" }));
    await primary.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "primary now" }));
    expect((await west.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("west now");
    expect((await south.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("primary now");
    expect((await primary.send(new DescribeSecretCommand({ SecretId: "db" }))).ReplicationStatus).toEqual([
      { Region: "ap-south-1", Status: "InSync" },
    ]);

    const e = await failure(primary.send(new StopReplicationToReplicaCommand({ SecretId: "db" })));
    expect(e).toBeInstanceOf(InvalidRequestException);
    await south.send(new StopReplicationToReplicaCommand({ SecretId: "db" }));
    const d = await primary.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(d).not.toHaveProperty("PrimaryRegion");
    expect(d).not.toHaveProperty("ReplicationStatus");
  });
});
