import type { UpdateSecretRequest, UpdateSecretResponse } from "@aws-sdk/client-secrets-manager";
import type { SecretRecord } from "../store/records.js";
import type { OperationContext } from "./context.js";
import { syncReplicas } from "./replication.js";
import { assertModifiable, requireActiveSecret } from "./secret-id.js";
import { checkNewOrGivenToken, commitVersionWrite, planVersionWrite, readValue, tokenOrGenerate, touch } from "./secret-values.js";

/** UpdateSecret (reference/aws-behaviour.md §3.4): metadata and/or a new value. */
export function updateSecret(input: UpdateSecretRequest, ctx: OperationContext): UpdateSecretResponse {
  const secret = requireActiveSecret(ctx, input.SecretId!);
  assertModifiable(secret, ctx);
  const value = readValue(input);
  // A token only matters with a value (a metadata-only update makes no version).
  const token = value === undefined ? "" : tokenOrGenerate(ctx, input.ClientRequestToken, secret);
  const reuse = value === undefined ? undefined : checkNewOrGivenToken(secret, token, input.ClientRequestToken, value);
  const plan = value !== undefined && reuse?.kind !== "idempotent" ? planVersionWrite(ctx, secret, undefined) : undefined;
  const changesMetadata = input.Description !== undefined || input.KmsKeyId !== undefined || input.Type !== undefined;
  if (!changesMetadata && plan === undefined) return response(secret, value === undefined ? undefined : token);
  const w = ctx.store.editRecord(ctx.accountId, ctx.region, secret);
  if (input.Description !== undefined) w.description = input.Description;
  if (input.KmsKeyId !== undefined) w.kmsKeyId = input.KmsKeyId === "" ? undefined : input.KmsKeyId;
  // Only when there is one to drop: `delete` is a runtime call, on every value write otherwise.
  if (w.kmsKeyId === undefined && "kmsKeyId" in w) delete w.kmsKeyId;
  if (input.Type !== undefined) w.type = input.Type;
  if (plan !== undefined) commitVersionWrite(ctx, w, token, value!, undefined, plan, reuse!);
  else touch(w, ctx.now);
  syncReplicas(ctx, w);
  return response(w, value === undefined ? undefined : token);
}

/** The output: ARN and Name, and VersionId when a value was written (built member by member, not spread). */
function response(secret: SecretRecord, versionId: string | undefined): UpdateSecretResponse {
  const out: UpdateSecretResponse = { ARN: secret.arn, Name: secret.name };
  if (versionId !== undefined) out.VersionId = versionId;
  return out;
}
