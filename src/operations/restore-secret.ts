import type { RestoreSecretRequest, RestoreSecretResponse } from "@aws-sdk/client-secrets-manager";
import type { OperationContext } from "./context.js";
import { assertModifiable, requireSecret } from "./secret-id.js";

/**
 * RestoreSecret (reference/aws-behaviour.md §3.6): cancels a scheduled deletion. Restoring a
 * secret that is not scheduled for deletion succeeds and changes nothing.
 */
export function restoreSecret(input: RestoreSecretRequest, ctx: OperationContext): RestoreSecretResponse {
  const secret = requireSecret(ctx, input.SecretId!);
  assertModifiable(secret, ctx);
  if (secret.deletedDate === undefined && secret.deletionDate === undefined) return { ARN: secret.arn, Name: secret.name };
  const w = ctx.store.edit(ctx.accountId, ctx.region, secret.name);
  delete w.deletedDate;
  delete w.deletionDate;
  return { ARN: w.arn, Name: w.name };
}
