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
import { ManualClock, passwordRotationFunction } from "secrets-manager-mock";
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

  it("a same-named secret in the target region fails the replica unless ForceOverwriteReplicaSecret", async () => {
    const { primary, west } = regions();
    const local = await west.send(new CreateSecretCommand({ Name: "db", SecretString: "west's own" }));
    const created = await primary.send(
      new CreateSecretCommand({ Name: "db", SecretString: "primary", AddReplicaRegions: [{ Region: "eu-west-1" }] }),
    );
    expect(created.ReplicationStatus).toEqual([
      {
        Region: "eu-west-1",
        Status: "Failed",
        StatusMessage:
          "Replication failed: A secret with this name already exists in this Region. Use ForceOverwriteReplicaSecret to overwrite it.",
      },
    ]);
    const untouched = await west.send(new GetSecretValueCommand({ SecretId: "db" }));
    expect(untouched.SecretString).toBe("west's own");
    expect(untouched.ARN).toBe(local.ARN);

    // Retrying a failed region with the force flag overwrites the regional secret.
    const forced = await primary.send(
      new ReplicateSecretToRegionsCommand({
        SecretId: "db",
        AddReplicaRegions: [{ Region: "eu-west-1" }],
        ForceOverwriteReplicaSecret: true,
      }),
    );
    expect(forced.ReplicationStatus).toEqual([{ Region: "eu-west-1", Status: "InSync" }]);
    const replaced = await west.send(new GetSecretValueCommand({ SecretId: "db" }));
    expect(replaced.SecretString).toBe("primary");
    expect(replaced.ARN).toBe(inRegion(created.ARN!, "eu-west-1"));
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
