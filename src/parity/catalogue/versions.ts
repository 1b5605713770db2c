/**
 * Versions and staging labels: AWSCURRENT, AWSPREVIOUS, AWSPENDING and custom labels, how value
 * writes and UpdateSecretVersionStage move them, deprecated versions, binary values and dates.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import type { Scenario, ScenarioContext } from "../scenario.js";

async function versions(ctx: ScenarioContext, step: string, id: string): Promise<void> {
  await ctx.send(`${step}: describe`, new DescribeSecretCommand({ SecretId: id }));
  await ctx.send(`${step}: list versions with deprecated`, new ListSecretVersionIdsCommand({ SecretId: id, IncludeDeprecated: true }));
}

export const versionScenarios: Scenario[] = [
  {
    name: "labels/default-put-moves-current",
    tags: ["staging-labels", "versions"],
    description:
      "Three values without VersionStages: AWSCURRENT on the newest, AWSPREVIOUS on the one before, the first deprecated (still readable by id).",
    async run(ctx) {
      const id = ctx.name("app");
      const v1 = await ctx.must("create v1", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.must("put v2", new PutSecretValueCommand({ SecretId: id, SecretString: "v2" }));
      await ctx.must("put v3", new PutSecretValueCommand({ SecretId: id, SecretString: "v3" }));
      await ctx.send("list versions", new ListSecretVersionIdsCommand({ SecretId: id }));
      await versions(ctx, "after v3", id);
      await ctx.send("get the deprecated v1 by id", new GetSecretValueCommand({ SecretId: id, VersionId: v1.VersionId }));
    },
  },
  {
    name: "labels/custom-stages-leave-current",
    tags: ["staging-labels", "versions"],
    description: "PutSecretValue with VersionStages [AWSPENDING] or custom labels: AWSCURRENT stays; each label is readable.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.send("put pending", new PutSecretValueCommand({ SecretId: id, SecretString: "v2", VersionStages: ["AWSPENDING"] }));
      await ctx.send(
        "put custom",
        new PutSecretValueCommand({ SecretId: id, SecretString: "v3", VersionStages: ["SAMPLESTAGE1", "SAMPLESTAGE0"] }),
      );
      await ctx.send("get default", new GetSecretValueCommand({ SecretId: id }));
      await ctx.send("get AWSPENDING", new GetSecretValueCommand({ SecretId: id, VersionStage: "AWSPENDING" }));
      await ctx.send("get SAMPLESTAGE0", new GetSecretValueCommand({ SecretId: id, VersionStage: "SAMPLESTAGE0" }));
      await versions(ctx, "at the end", id);
    },
  },
  {
    name: "labels/worked-sequence",
    tags: ["staging-labels"],
    description: "The recorded cycle with custom labels PUT0-PUT2 and two moves of AWSCURRENT onto a pending version.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "SS" }));
      const v2 = await ctx.must(
        "put S1 [AWSCURRENT,PUT0]",
        new PutSecretValueCommand({ SecretId: id, SecretString: "S1", VersionStages: ["AWSCURRENT", "PUT0"] }),
      );
      const v3 = await ctx.must(
        "put S2 [AWSPENDING,PUT1]",
        new PutSecretValueCommand({ SecretId: id, SecretString: "S2", VersionStages: ["AWSPENDING", "PUT1"] }),
      );
      await versions(ctx, "before the moves", id);
      await ctx.send(
        "move AWSCURRENT v2 to v3",
        new UpdateSecretVersionStageCommand({
          SecretId: id,
          VersionStage: "AWSCURRENT",
          RemoveFromVersionId: v2.VersionId,
          MoveToVersionId: v3.VersionId,
        }),
      );
      await versions(ctx, "after first move", id);
      const v4 = await ctx.must(
        "put S3 [AWSPENDING,PUT2]",
        new PutSecretValueCommand({ SecretId: id, SecretString: "S3", VersionStages: ["AWSPENDING", "PUT2"] }),
      );
      await ctx.send(
        "move AWSCURRENT v3 to v4",
        new UpdateSecretVersionStageCommand({
          SecretId: id,
          VersionStage: "AWSCURRENT",
          RemoveFromVersionId: v3.VersionId,
          MoveToVersionId: v4.VersionId,
        }),
      );
      await versions(ctx, "after second move", id);
      await ctx.send("get current", new GetSecretValueCommand({ SecretId: id }));
    },
  },
  {
    name: "labels/custom-labels-fully-moved",
    tags: ["staging-labels"],
    description: "A version whose custom labels all move to a newer version loses them and disappears from listings.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.must(
        "put [one,two,three]",
        new PutSecretValueCommand({ SecretId: id, SecretString: "v2", VersionStages: ["one", "two", "three"] }),
      );
      await ctx.send(
        "put [one,two,three,four]",
        new PutSecretValueCommand({ SecretId: id, SecretString: "v3", VersionStages: ["one", "two", "three", "four"] }),
      );
      await versions(ctx, "after", id);
    },
  },
  {
    name: "labels/custom-labels-partly-moved",
    tags: ["staging-labels"],
    description: "A version whose custom labels partly move keeps the rest.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.must(
        "put [one,two,three]",
        new PutSecretValueCommand({ SecretId: id, SecretString: "v2", VersionStages: ["one", "two", "three"] }),
      );
      await ctx.send(
        "put [one,two,four]",
        new PutSecretValueCommand({ SecretId: id, SecretString: "v3", VersionStages: ["one", "two", "four"] }),
      );
      await versions(ctx, "after", id);
    },
  },
  {
    name: "labels/remove-only",
    tags: ["staging-labels"],
    description:
      "UpdateSecretVersionStage with RemoveFromVersionId and no MoveToVersionId takes a custom label off; the other labels stay.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      const v2 = await ctx.must(
        "put [AWSCURRENT,PENDING]",
        new PutSecretValueCommand({ SecretId: id, SecretString: "v2", VersionStages: ["AWSCURRENT", "PENDING"] }),
      );
      await ctx.send(
        "remove PENDING",
        new UpdateSecretVersionStageCommand({ SecretId: id, VersionStage: "PENDING", RemoveFromVersionId: v2.VersionId }),
      );
      await ctx.send("get by version id", new GetSecretValueCommand({ SecretId: id, VersionId: v2.VersionId }));
      await versions(ctx, "after", id);
    },
  },
  {
    name: "labels/move-current-without-remove-from",
    tags: ["staging-labels", "errors"],
    description: "Moving AWSCURRENT without RemoveFromVersionId: InvalidParameterException naming the version that holds it.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      const v2 = await ctx.must(
        "put pending",
        new PutSecretValueCommand({ SecretId: id, SecretString: "v2", VersionStages: ["AWSPENDING"] }),
      );
      await ctx.send(
        "move AWSCURRENT",
        new UpdateSecretVersionStageCommand({ SecretId: id, VersionStage: "AWSCURRENT", MoveToVersionId: v2.VersionId }),
      );
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "labels/move-current-keeps-pending",
    tags: ["staging-labels"],
    description: "AWSCURRENT moved onto the AWSPENDING version keeps AWSPENDING there; a later default put drops it from the old current.",
    async run(ctx) {
      const id = ctx.name("app");
      const v1 = await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      const v2 = await ctx.must(
        "put pending",
        new PutSecretValueCommand({ SecretId: id, SecretString: "v2", VersionStages: ["AWSPENDING"] }),
      );
      await ctx.send(
        "move AWSCURRENT",
        new UpdateSecretVersionStageCommand({
          SecretId: id,
          VersionStage: "AWSCURRENT",
          RemoveFromVersionId: v1.VersionId,
          MoveToVersionId: v2.VersionId,
        }),
      );
      await ctx.send("describe after move", new DescribeSecretCommand({ SecretId: id }));
      await ctx.send("default put", new PutSecretValueCommand({ SecretId: id, SecretString: "v3" }));
      await versions(ctx, "after default put", id);
    },
  },
  {
    name: "labels/version-errors",
    tags: ["staging-labels", "get-secret-value", "errors"],
    description:
      "GetSecretValue of a missing stage, of an unknown VersionId, with a VersionStage not on the VersionId (and with one that is); a label not on RemoveFromVersionId.",
    async run(ctx) {
      const id = ctx.name("app");
      const v1 = await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.send("get AWSPREVIOUS when none", new GetSecretValueCommand({ SecretId: id, VersionStage: "AWSPREVIOUS" }));
      await ctx.send(
        "get unknown VersionId",
        new GetSecretValueCommand({ SecretId: id, VersionId: "00000000-0000-4000-8000-000000000000" }),
      );
      await ctx.send(
        "get VersionId with a stage it lacks",
        new GetSecretValueCommand({ SecretId: id, VersionId: v1.VersionId, VersionStage: "AWSPENDING" }),
      );
      await ctx.send("get AWSPENDING when none", new GetSecretValueCommand({ SecretId: id, VersionStage: "AWSPENDING" }));
      await ctx.send(
        "get VersionId with its own stage",
        new GetSecretValueCommand({ SecretId: id, VersionId: v1.VersionId, VersionStage: "AWSCURRENT" }),
      );
      await ctx.send(
        "move from a version without the label",
        new UpdateSecretVersionStageCommand({ SecretId: id, VersionStage: "CUSTOM", RemoveFromVersionId: v1.VersionId }),
      );
    },
  },
  {
    name: "versions/created-without-value",
    tags: ["versions", "create-secret"],
    description:
      "CreateSecret without a value (and an empty description): no VersionId, no versions; the first PutSecretValue gets AWSCURRENT.",
    async run(ctx) {
      const id = ctx.name("empty");
      await ctx.must("create", new CreateSecretCommand({ Name: id, Description: "" }));
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
      await ctx.send("get", new GetSecretValueCommand({ SecretId: id }));
      await ctx.send("list versions", new ListSecretVersionIdsCommand({ SecretId: id }));
      await ctx.send("put first value", new PutSecretValueCommand({ SecretId: id, SecretString: "first" }));
      await ctx.send("describe after put", new DescribeSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "versions/binary-values",
    tags: ["versions", "create-secret"],
    description: "SecretBinary bytes 00 01 02 ff, then fe fd by UpdateSecret, round-trip exactly.",
    async run(ctx) {
      const id = ctx.name("bin");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretBinary: new Uint8Array([0, 1, 2, 255]) }));
      const first = await ctx.send("get", new GetSecretValueCommand({ SecretId: id }));
      ctx.check("bytes of the first value", first?.SecretBinary === undefined ? null : Array.from(first.SecretBinary).join(" "));
      await ctx.send("update binary", new UpdateSecretCommand({ SecretId: id, SecretBinary: new Uint8Array([254, 253]) }));
      const second = await ctx.send("get after update", new GetSecretValueCommand({ SecretId: id }));
      ctx.check("bytes of the second value", second?.SecretBinary === undefined ? null : Array.from(second.SecretBinary).join(" "));
    },
  },
  {
    name: "versions/dates",
    tags: ["versions", "dates"],
    description:
      "LastChangedDate grows with every value write (even an identical value); LastAccessedDate appears at the first read, at day granularity.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "same" }));
      const before = await ctx.send("describe before", new DescribeSecretCommand({ SecretId: id }));
      await ctx.send("update with the same value", new UpdateSecretCommand({ SecretId: id, SecretString: "same" }));
      const after = await ctx.send("describe after update", new DescribeSecretCommand({ SecretId: id }));
      const b = before?.LastChangedDate?.getTime();
      const a = after?.LastChangedDate?.getTime();
      ctx.check("LastChangedDate increased", a !== undefined && b !== undefined && a > b);
      ctx.check("CreatedDate unchanged", before?.CreatedDate?.getTime() === after?.CreatedDate?.getTime());
      await ctx.send("read", new GetSecretValueCommand({ SecretId: id }));
      await ctx.send("read again", new GetSecretValueCommand({ SecretId: id }));
      await ctx.send("describe after reads", new DescribeSecretCommand({ SecretId: id }));
      await ctx.send("list versions after reads", new ListSecretVersionIdsCommand({ SecretId: id }));
    },
  },
];
