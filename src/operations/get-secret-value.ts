import type { GetSecretValueRequest, GetSecretValueResponse } from "@aws-sdk/client-secrets-manager";
import { errors, Messages, ServiceError } from "../errors.js";
import type { SecretRecord, VersionRecord } from "../store/records.js";
import { AWSCURRENT } from "../store/staging-labels.js";
import type { OperationContext } from "./context.js";
import { requireActiveSecret } from "./secret-id.js";
import { isPlaceholder } from "./secret-values.js";

/** Midnight UTC of the day of `t`: AWS keeps LastAccessedDate at day granularity. */
export function startOfUtcDay(t: number): number {
  return t - (((t % 86_400_000) + 86_400_000) % 86_400_000);
}

/** The version a VersionId / VersionStage pair selects (AWSCURRENT by default), with AWS's errors. */
export function selectVersion(secret: SecretRecord, versionId: string | undefined, versionStage: string | undefined): VersionRecord {
  if (versionId !== undefined) {
    const v = secret.versions.get(versionId);
    if (v === undefined || isPlaceholder(v)) {
      throw new ServiceError("ResourceNotFoundException", Messages.versionNotFound(versionId));
    }
    if (versionStage !== undefined && !v.stages.includes(versionStage)) {
      throw errors.invalidRequest(Messages.stageNotOnVersion);
    }
    return v;
  }
  const stage = versionStage ?? AWSCURRENT;
  const holder = secret.labels.get(stage);
  const v = holder === undefined ? undefined : secret.versions.get(holder);
  if (v === undefined || isPlaceholder(v)) throw new ServiceError("ResourceNotFoundException", Messages.stageNotFound(stage));
  return v;
}

/** Records a read of `versionId` (day-truncated); changes the store only when the day changed. */
export function recordAccess(ctx: OperationContext, secret: SecretRecord, versionId: string): void {
  const day = startOfUtcDay(ctx.now);
  if (secret.lastAccessedDate === day && secret.versions.get(versionId)!.lastAccessedDate === day) return;
  const w = ctx.store.edit(ctx.accountId, ctx.region, secret.name);
  w.lastAccessedDate = day;
  w.versions.get(versionId)!.lastAccessedDate = day;
}

/** The value fields of a version, as the SDK returns them (a fresh Uint8Array per call). */
export function valueFields(v: VersionRecord): { SecretString?: string; SecretBinary?: Uint8Array } {
  if (v.secretBinary !== undefined) return { SecretBinary: Uint8Array.from(v.secretBinary) };
  return { SecretString: v.secretString! };
}

/** GetSecretValue (reference/aws-behaviour.md §3.2). */
export function getSecretValue(input: GetSecretValueRequest, ctx: OperationContext): GetSecretValueResponse {
  const secret = requireActiveSecret(ctx, input.SecretId!);
  const v = selectVersion(secret, input.VersionId, input.VersionStage);
  recordAccess(ctx, secret, v.versionId);
  // Built member by member (not `...valueFields(v)`): a spread in the middle of a literal is
  // several times slower, and this is the hottest path of the mock.
  const out: GetSecretValueResponse = { ARN: secret.arn, Name: secret.name, VersionId: v.versionId };
  if (v.secretBinary !== undefined) out.SecretBinary = Uint8Array.from(v.secretBinary);
  else out.SecretString = v.secretString!;
  out.VersionStages = [...v.stages];
  out.CreatedDate = new Date(v.createdDate);
  return out;
}
