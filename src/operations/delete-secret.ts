import type { DeleteSecretRequest, DeleteSecretResponse } from "@aws-sdk/client-secrets-manager";
import { errors } from "../errors.js";
import type { OperationContext } from "./context.js";
import { assertModifiable, findSecret, newArn } from "./secret-id.js";

/** Recovery window bounds and default, in days. */
export const MIN_RECOVERY_WINDOW_DAYS = 7;
export const MAX_RECOVERY_WINDOW_DAYS = 30;
export const DEFAULT_RECOVERY_WINDOW_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * Texts of DeleteSecret's errors: moto's (unverified on AWS, reference §3.6), except windowRange
 * (reported from AWS in getmoto/moto#6461, 2023) and hasReplicas (seen on AWS).
 */
export const DeleteMessages = {
  forceWithWindow: "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
  windowRange: `The RecoveryWindowInDays value must be between ${MIN_RECOVERY_WINDOW_DAYS} and ${MAX_RECOVERY_WINDOW_DAYS} days (inclusive).`,
  alreadyScheduled: "You tried to perform the operation on a secret that's currently marked deleted.",
  hasReplicas: (id: string, regions: readonly string[]) =>
    `You can't delete secret ${id} that still has replica regions [${regions.join(", ")}].`,
} as const;

/**
 * DeleteSecret (reference/aws-behaviour.md §3.6): schedules the deletion (7–30 days, default 30)
 * or, with ForceDeleteWithoutRecovery, removes the secret at once. A forced delete of a secret
 * that does not exist succeeds, as on AWS.
 */
export function deleteSecret(input: DeleteSecretRequest, ctx: OperationContext): DeleteSecretResponse {
  const secretId = input.SecretId!;
  const secret = findSecret(ctx, secretId);
  const force = input.ForceDeleteWithoutRecovery === true;
  const window = input.RecoveryWindowInDays;
  // The range check comes first: AWS answers RecoveryWindowInDays=0 with force by the range
  // text (getmoto/moto#6461), the conjunction text only for an in-range window.
  if (window !== undefined && (window < MIN_RECOVERY_WINDOW_DAYS || window > MAX_RECOVERY_WINDOW_DAYS)) {
    throw errors.invalidParameter(DeleteMessages.windowRange);
  }
  if (force && window !== undefined) throw errors.invalidParameter(DeleteMessages.forceWithWindow);
  if (secret === undefined) {
    if (!force) throw errors.notFound();
    // AWS answers as if it had deleted the secret (so deletes are idempotent).
    const arnName = /:secret:(.*)$/s.exec(secretId)?.[1];
    if (arnName === undefined) return { ARN: newArn(ctx, secretId), Name: secretId, DeletionDate: new Date(ctx.now) };
    return { ARN: secretId, Name: arnName.replace(/-[A-Za-z0-9]{6}$/, ""), DeletionDate: new Date(ctx.now) };
  }
  assertModifiable(secret, ctx);
  if (secret.replicas !== undefined && secret.replicas.length > 0) {
    // Seen on AWS (2023): InvalidParameterException naming the full ARN.
    throw errors.invalidParameter(
      DeleteMessages.hasReplicas(
        secret.arn,
        secret.replicas.map((r) => r.region),
      ),
    );
  }
  if (force) {
    ctx.store.remove(ctx.accountId, ctx.region, secret.name);
    return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date(ctx.now) };
  }
  if (secret.deletedDate !== undefined) throw errors.invalidRequest(DeleteMessages.alreadyScheduled);
  const deletionDate = ctx.now + (window ?? DEFAULT_RECOVERY_WINDOW_DAYS) * DAY_MS;
  const w = ctx.store.edit(ctx.accountId, ctx.region, secret.name);
  w.deletedDate = ctx.now;
  w.deletionDate = deletionDate;
  ctx.store.schedulePurge(ctx.accountId, ctx.region, deletionDate);
  return { ARN: w.arn, Name: w.name, DeletionDate: new Date(deletionDate) };
}
