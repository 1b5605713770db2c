/** Deletion windows, restore, forced deletion, and what a secret scheduled for deletion refuses. */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  RestoreSecretCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import type { Scenario } from "../scenario.js";

/** How long a force-deleted name may stay reserved on AWS before it is gone (it takes a few seconds). */
const PURGE_LIMITS = { maxWaitMs: 30_000, intervalMs: 2_000 };
const isNotFound = (_o: unknown, e: unknown) => e instanceof ResourceNotFoundException;

export const deletionScenarios: Scenario[] = [
  {
    name: "deletion/window-and-restore",
    tags: ["deletion"],
    description: "DeleteSecret with a 7-day window: DeletionDate 7 days ahead, DescribeSecret shows DeletedDate; RestoreSecret clears it.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.send("delete with 7 days", new DeleteSecretCommand({ SecretId: id, RecoveryWindowInDays: 7 }));
      await ctx.send("describe scheduled", new DescribeSecretCommand({ SecretId: id }));
      await ctx.send("restore", new RestoreSecretCommand({ SecretId: id }));
      await ctx.send("describe restored", new DescribeSecretCommand({ SecretId: id }));
      await ctx.send("get restored", new GetSecretValueCommand({ SecretId: id }));
    },
  },
  {
    name: "deletion/default-window",
    tags: ["deletion"],
    description: "DeleteSecret without a window schedules the deletion 30 days ahead.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.send("delete", new DeleteSecretCommand({ SecretId: id }));
      await ctx.send("delete again", new DeleteSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "deletion/calls-on-scheduled-secret",
    tags: ["deletion", "errors"],
    description:
      "On a secret scheduled for deletion: reads and writes are InvalidRequestException, DescribeSecret and ListSecretVersionIds work, its name can't be re-created.",
    async run(ctx) {
      const id = ctx.name("app");
      const v1 = await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.must("schedule deletion", new DeleteSecretCommand({ SecretId: id, RecoveryWindowInDays: 7 }));
      await ctx.send("get", new GetSecretValueCommand({ SecretId: id }));
      await ctx.send("put", new PutSecretValueCommand({ SecretId: id, SecretString: "v2" }));
      await ctx.send("update", new UpdateSecretCommand({ SecretId: id, Description: "x" }));
      await ctx.send("tag", new TagResourceCommand({ SecretId: id, Tags: [{ Key: "k", Value: "v" }] }));
      await ctx.send("untag", new UntagResourceCommand({ SecretId: id, TagKeys: ["k"] }));
      await ctx.send("get resource policy", new GetResourcePolicyCommand({ SecretId: id }));
      await ctx.send(
        "update version stage",
        new UpdateSecretVersionStageCommand({ SecretId: id, VersionStage: "CUSTOM", MoveToVersionId: v1.VersionId }),
      );
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
      await ctx.send("list versions", new ListSecretVersionIdsCommand({ SecretId: id }));
      await ctx.send("create the same name", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
    },
  },
  {
    name: "deletion/window-out-of-range",
    tags: ["deletion", "errors"],
    description: "RecoveryWindowInDays 6 and 31, and 0 with ForceDeleteWithoutRecovery: InvalidParameterException; the secret stays.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.send("window 6", new DeleteSecretCommand({ SecretId: id, RecoveryWindowInDays: 6 }));
      await ctx.send("window 31", new DeleteSecretCommand({ SecretId: id, RecoveryWindowInDays: 31 }));
      await ctx.send(
        "window 0 with force",
        new DeleteSecretCommand({ SecretId: id, RecoveryWindowInDays: 0, ForceDeleteWithoutRecovery: true }),
      );
      await ctx.send(
        "window 7 with force",
        new DeleteSecretCommand({ SecretId: id, RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true }),
      );
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "deletion/force-missing-secret",
    tags: ["deletion"],
    description:
      "A forced delete of a name that never existed succeeds with Name, an ARN and DeletionDate; without force it is ResourceNotFoundException.",
    async run(ctx) {
      await ctx.send("force delete", new DeleteSecretCommand({ SecretId: ctx.name("never-created"), ForceDeleteWithoutRecovery: true }));
      await ctx.send("delete without force", new DeleteSecretCommand({ SecretId: ctx.name("never-created") }));
    },
  },
  {
    name: "deletion/force-then-recreate",
    tags: ["deletion", "create-secret"],
    description:
      "After a forced delete the secret is gone and its name can be created again, with a new ARN suffix (AWS frees the name within seconds).",
    async run(ctx) {
      const id = ctx.name("app");
      const first = await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.send("force delete", new DeleteSecretCommand({ SecretId: id, ForceDeleteWithoutRecovery: true }));
      await ctx.eventually("describe after force delete", new DescribeSecretCommand({ SecretId: id }), isNotFound, PURGE_LIMITS);
      const second = await ctx.eventually(
        "create again",
        new CreateSecretCommand({ Name: id, SecretString: "v2" }),
        (o) => o !== undefined,
        PURGE_LIMITS,
      );
      ctx.check("the new ARN differs", second?.ARN !== undefined && second.ARN !== first.ARN);
    },
  },
  {
    name: "deletion/force-after-schedule",
    tags: ["deletion"],
    description: "A forced delete of a secret already scheduled for deletion succeeds and removes it.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.must("schedule", new DeleteSecretCommand({ SecretId: id, RecoveryWindowInDays: 30 }));
      await ctx.send("force delete", new DeleteSecretCommand({ SecretId: id, ForceDeleteWithoutRecovery: true }));
      await ctx.eventually("describe", new DescribeSecretCommand({ SecretId: id }), isNotFound, PURGE_LIMITS);
    },
  },
  {
    name: "deletion/restore-live-secret",
    tags: ["deletion"],
    description: "RestoreSecret on a secret that is not scheduled for deletion, and on one that does not exist.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.send("restore live", new RestoreSecretCommand({ SecretId: id }));
      await ctx.send("restore missing", new RestoreSecretCommand({ SecretId: ctx.name("never-created") }));
    },
  },
];
