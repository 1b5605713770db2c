import type { PutSecretValueRequest, PutSecretValueResponse } from "@aws-sdk/client-secrets-manager";
import { errors, Messages } from "../errors.js";
import type { OperationContext } from "./context.js";
import { syncReplicas } from "./replication.js";
import { assertModifiable, requireActiveSecret } from "./secret-id.js";
import { checkNewOrGivenToken, commitVersionWrite, planVersionWrite, readValue, tokenOrGenerate } from "./secret-values.js";

/** PutSecretValue (reference/aws-behaviour.md §2, §3.3). */
export function putSecretValue(input: PutSecretValueRequest, ctx: OperationContext): PutSecretValueResponse {
  const secret = requireActiveSecret(ctx, input.SecretId!);
  assertModifiable(secret, ctx);
  const value = readValue(input);
  if (value === undefined || value.secretString === "") throw errors.invalidRequest(Messages.noValue);
  const token = tokenOrGenerate(ctx, input.ClientRequestToken, secret);
  const stages = input.VersionStages === undefined ? undefined : [...new Set(input.VersionStages)];
  const reuse = checkNewOrGivenToken(secret, token, input.ClientRequestToken, value);
  if (reuse.kind === "idempotent") {
    return { ARN: secret.arn, Name: secret.name, VersionId: token, VersionStages: [...reuse.version.stages] };
  }
  const plan = planVersionWrite(ctx, secret, stages);
  const w = ctx.store.editRecord(ctx.accountId, ctx.region, secret);
  const version = commitVersionWrite(ctx, w, token, value, stages, plan, reuse);
  syncReplicas(ctx, w);
  return { ARN: w.arn, Name: w.name, VersionId: token, VersionStages: [...version.stages] };
}
