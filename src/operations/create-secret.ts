import type { CreateSecretRequest, CreateSecretResponse } from "@aws-sdk/client-secrets-manager";
import { errors, Messages, ServiceError } from "../errors.js";
import type { SecretRecord } from "../store/records.js";
import type { OperationContext } from "./context.js";
import { assertValidName, newArn } from "./secret-id.js";
import { checkToken, commitVersionWrite, NEW_TOKEN, planVersionWrite, readValue, tokenOrGenerate } from "./secret-values.js";
import { assertNoReservedKeys, mergeTags } from "./tags.js";
import { replicateOnCreate } from "./replication.js";

/** CreateSecret (reference/aws-behaviour.md §3.1). */
export function createSecret(input: CreateSecretRequest, ctx: OperationContext): CreateSecretResponse {
  const name = input.Name!;
  assertValidName(name);
  const value = readValue(input);
  const existing = ctx.store.getSecret(ctx.accountId, ctx.region, name);
  const token = tokenOrGenerate(ctx, input.ClientRequestToken, existing);
  if (existing !== undefined) {
    if (existing.deletedDate !== undefined) throw errors.invalidRequest(Messages.scheduledForDeletionCreate);
    // Only the caller's own token can make this a retry: a generated one is new.
    if (value !== undefined && input.ClientRequestToken !== undefined) {
      const reuse = checkToken(existing, token, value);
      if (reuse.kind === "idempotent") return { ARN: existing.arn, Name: existing.name, VersionId: token };
    }
    throw new ServiceError("ResourceExistsException", Messages.secretExists(name));
  }
  if (input.Tags !== undefined) assertNoReservedKeys(input.Tags.map((t) => t.Key ?? ""));
  const tags = input.Tags === undefined ? undefined : mergeTags(undefined, input.Tags);
  const kmsKeyId = input.KmsKeyId === undefined || input.KmsKeyId === "" ? undefined : input.KmsKeyId;
  const secret: SecretRecord = {
    gen: 0,
    name,
    arn: newArn(ctx, name),
    createdDate: ctx.now,
    lastChangedDate: ctx.now,
    versions: new Map(),
    labels: new Map(),
    ...(input.Description !== undefined && { description: input.Description }),
    ...(kmsKeyId !== undefined && { kmsKeyId }),
    ...(input.Type !== undefined && { type: input.Type }),
    ...(tags !== undefined && { tags }),
  };
  const replicate = replicateOnCreate(ctx, secret, input);
  if (value !== undefined) {
    const plan = planVersionWrite(ctx, secret, undefined);
    commitVersionWrite(ctx, secret, token, value, undefined, plan, NEW_TOKEN);
    secret.lastChangedDate = ctx.now;
  }
  ctx.store.insert(ctx.accountId, ctx.region, secret);
  const replicationStatus = replicate?.();
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(value !== undefined && { VersionId: token }),
    ...(replicationStatus !== undefined && { ReplicationStatus: replicationStatus }),
  };
}
