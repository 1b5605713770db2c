import type { UpdateSecretVersionStageRequest, UpdateSecretVersionStageResponse } from "@aws-sdk/client-secrets-manager";
import { errors, Messages } from "../errors.js";
import type { SecretRecord } from "../store/records.js";
import { attachLabel, AWSCURRENT, AWSPREVIOUS, detachLabel, moveCurrent } from "../store/staging-labels.js";
import type { OperationContext } from "./context.js";
import { assertModifiable, requireActiveSecret } from "./secret-id.js";
import { MAX_LABELS_PER_SECRET } from "./secret-values.js";
import { syncReplicas } from "./replication.js";

/** Error texts: the RemoveFromVersionId one is AWS-verified, the others are moto's or chosen here. */
export const StageMessages = {
  removeFromRequired: (stage: string, holder: string) =>
    `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder}, so you must explicitly reference that version in RemoveFromVersionId.`,
  notAVersion: (versionId: string) => `Not a valid version: ${versionId}`,
  stageNotOnVersion: (stage: string, versionId: string) => `Version stage ${stage} not found in version ${versionId}`,
  nothingToDo: "You must specify MoveToVersionId, RemoveFromVersionId, or both.",
  cannotRemoveCurrent: "You can't remove the staging label AWSCURRENT from a version without moving it: specify MoveToVersionId.",
} as const;

function assertVersion(secret: SecretRecord, versionId: string | undefined): void {
  if (versionId !== undefined && !secret.versions.has(versionId)) {
    throw errors.invalidParameter(StageMessages.notAVersion(versionId));
  }
}

/**
 * UpdateSecretVersionStage (reference/aws-behaviour.md §2, §3.9): moves a staging label to a
 * version, or removes it from one. Moving AWSCURRENT gives the version that held it AWSPREVIOUS;
 * the target keeps its other labels. Versions left without labels become deprecated.
 */
export function updateSecretVersionStage(input: UpdateSecretVersionStageRequest, ctx: OperationContext): UpdateSecretVersionStageResponse {
  const secret = requireActiveSecret(ctx, input.SecretId!);
  assertModifiable(secret, ctx);
  const stage = input.VersionStage!;
  const from = input.RemoveFromVersionId;
  const to = input.MoveToVersionId;
  if (from === undefined && to === undefined) throw errors.invalidParameter(StageMessages.nothingToDo);
  assertVersion(secret, from);
  assertVersion(secret, to);
  const holder = secret.labels.get(stage);
  if (from !== undefined && holder !== from) throw errors.invalidParameter(StageMessages.stageNotOnVersion(stage, from));
  if (to === undefined) {
    if (stage === AWSCURRENT) throw errors.invalidParameter(StageMessages.cannotRemoveCurrent);
  } else if (holder !== undefined && holder !== to && from === undefined) {
    throw errors.invalidParameter(StageMessages.removeFromRequired(stage, holder));
  }
  if (to !== undefined) {
    const after = new Set(secret.labels.keys()).add(stage);
    if (stage === AWSCURRENT && holder !== undefined && holder !== to) after.add(AWSPREVIOUS);
    if (after.size > MAX_LABELS_PER_SECRET) throw errors.limitExceeded(Messages.tooManyLabels);
  }
  if (holder === to) return { ARN: secret.arn, Name: secret.name };

  const w = ctx.store.edit(ctx.accountId, ctx.region, secret.name);
  if (to === undefined) detachLabel(w, stage);
  else if (stage === AWSCURRENT) moveCurrent(w, to, false);
  else attachLabel(w, stage, to);
  syncReplicas(ctx, w);
  return { ARN: w.arn, Name: w.name };
}
