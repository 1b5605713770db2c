import type { UpdateSecretRequest, UpdateSecretResponse } from "@aws-sdk/client-secrets-manager";
import type { OperationContext } from "./context.js";
import { syncReplicas } from "./replication.js";
import { assertModifiable, requireActiveSecret } from "./secret-id.js";
import { checkNewOrGivenToken, commitVersionWrite, planVersionWrite, readValue, tokenOrGenerate, touch } from "./secret-values.js";

/** UpdateSecret (reference/aws-behaviour.md §3.4): metadata and/or a new value. */
export function updateSecret(input: UpdateSecretRequest, ctx: OperationContext): UpdateSecretResponse {
  const secret = requireActiveSecret(ctx, input.SecretId!);
  assertModifiable(secret, ctx);
  const value = readValue(input);
  const token = tokenOrGenerate(ctx, input.ClientRequestToken, secret);
  const reuse = value === undefined ? undefined : checkNewOrGivenToken(secret, token, input.ClientRequestToken, value);
  const plan = value !== undefined && reuse?.kind !== "idempotent" ? planVersionWrite(ctx, secret, undefined) : undefined;
  const changesMetadata = input.Description !== undefined || input.KmsKeyId !== undefined || input.Type !== undefined;
  if (!changesMetadata && plan === undefined) {
    return { ARN: secret.arn, Name: secret.name, ...(value !== undefined && { VersionId: token }) };
  }
  const w = ctx.store.editRecord(ctx.accountId, ctx.region, secret);
  if (input.Description !== undefined) w.description = input.Description;
  if (input.KmsKeyId !== undefined) w.kmsKeyId = input.KmsKeyId === "" ? undefined : input.KmsKeyId;
  if (w.kmsKeyId === undefined) delete w.kmsKeyId;
  if (input.Type !== undefined) w.type = input.Type;
  if (plan !== undefined) commitVersionWrite(ctx, w, token, value!, undefined, plan, reuse!);
  else touch(w, ctx.now);
  syncReplicas(ctx, w);
  return { ARN: w.arn, Name: w.name, ...(value !== undefined && { VersionId: token }) };
}
