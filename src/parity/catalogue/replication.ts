/**
 * Replication to a second region. Off by default: a replica is billed as a secret and replication
 * takes time on AWS. Run with `--only replication`.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  type DescribeSecretCommandOutput,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
} from "@aws-sdk/client-secrets-manager";
import type { Scenario } from "../scenario.js";

/** AWS replicates asynchronously: the replica's status goes from InProgress to InSync. */
const inSync = (o: DescribeSecretCommandOutput | undefined) => (o?.ReplicationStatus ?? []).every((r) => r.Status !== "InProgress");

export const replicationScenarios: Scenario[] = [
  {
    name: "replication/create-with-replica",
    tags: ["replication"],
    offByDefault: true,
    description:
      "CreateSecret with AddReplicaRegions: ReplicationStatus in the answer and in DescribeSecret; RemoveRegionsFromReplication removes it.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must(
        "create with a replica",
        new CreateSecretCommand({ Name: id, SecretString: "v1", AddReplicaRegions: [{ Region: ctx.otherRegion }] }),
      );
      await ctx.eventually("describe (waits for InSync)", new DescribeSecretCommand({ SecretId: id }), inSync, {
        maxWaitMs: 120_000,
        intervalMs: 5_000,
      });
      await ctx.send(
        "remove the replica",
        new RemoveRegionsFromReplicationCommand({ SecretId: id, RemoveReplicaRegions: [ctx.otherRegion] }),
      );
      await ctx.send("describe after removal", new DescribeSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "replication/replicate-later",
    tags: ["replication"],
    offByDefault: true,
    description: "ReplicateSecretToRegions on an existing secret, the same region again, then removal.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.send("replicate", new ReplicateSecretToRegionsCommand({ SecretId: id, AddReplicaRegions: [{ Region: ctx.otherRegion }] }));
      await ctx.eventually("describe (waits for InSync)", new DescribeSecretCommand({ SecretId: id }), inSync, {
        maxWaitMs: 120_000,
        intervalMs: 5_000,
      });
      await ctx.send(
        "replicate to the same region again",
        new ReplicateSecretToRegionsCommand({ SecretId: id, AddReplicaRegions: [{ Region: ctx.otherRegion }] }),
      );
      await ctx.send(
        "remove the replica",
        new RemoveRegionsFromReplicationCommand({ SecretId: id, RemoveReplicaRegions: [ctx.otherRegion] }),
      );
    },
  },
  {
    name: "replication/own-region",
    tags: ["replication", "errors"],
    offByDefault: true,
    description: 'A replica in the primary\'s own region: InvalidParameterException "Invalid replica region.", nothing created.',
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.send(
        "create with a replica in its own region",
        new CreateSecretCommand({ Name: id, SecretString: "v1", AddReplicaRegions: [{ Region: ctx.region }] }),
      );
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
    },
  },
];
