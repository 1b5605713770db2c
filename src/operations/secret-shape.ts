/**
 * The metadata view of a secret that DescribeSecret returns and ListSecrets lists
 * (reference/aws-behaviour.md §3.5): only members that have a value, never `undefined` keys.
 */
import type { DescribeSecretResponse, SecretListEntry } from "@aws-sdk/client-secrets-manager";
import type { SecretRecord } from "../store/records.js";

/** Labelled versions → their labels (deprecated versions are left out). Undefined when none. */
export function versionsToStages(secret: SecretRecord): Record<string, string[]> | undefined {
  let out: Record<string, string[]> | undefined;
  for (const v of secret.versions.values()) {
    if (v.stages.length === 0) continue;
    out ??= {};
    // A VersionId such as "__proto__" must stay an ordinary key: define it rather than assign it
    // (assigning would set the prototype). Plain assignment otherwise: it is much faster.
    if (v.versionId === "__proto__") {
      Object.defineProperty(out, v.versionId, { value: [...v.stages], enumerable: true, writable: true, configurable: true });
    } else {
      out[v.versionId] = [...v.stages];
    }
  }
  return out;
}

/** DescribeSecret's output for `secret` (without `$metadata`). */
export function describeSecretShape(secret: SecretRecord, ownRegion: string): DescribeSecretResponse {
  return buildShape(secret, ownRegion, "VersionIdsToStages");
}

/** A ListSecrets entry for `secret`. */
export function secretListEntryShape(secret: SecretRecord, ownRegion: string): SecretListEntry {
  return buildShape(secret, ownRegion, "SecretVersionsToStages");
}

function buildShape(
  secret: SecretRecord,
  ownRegion: string,
  stagesKey: "VersionIdsToStages" | "SecretVersionsToStages",
): Record<string, unknown> {
  const out: Record<string, unknown> = { ARN: secret.arn, Name: secret.name };
  if (secret.type !== undefined && secret.type !== "") out.Type = secret.type;
  if (secret.description !== undefined && secret.description !== "") out.Description = secret.description;
  if (secret.kmsKeyId !== undefined) out.KmsKeyId = secret.kmsKeyId;
  const r = secret.rotation;
  if (r !== undefined) {
    out.RotationEnabled = r.enabled;
    if (r.lambdaArn !== undefined) out.RotationLambdaARN = r.lambdaArn;
    if (r.rules !== undefined) out.RotationRules = { ...r.rules };
    if (r.lastRotatedDate !== undefined) out.LastRotatedDate = new Date(r.lastRotatedDate);
  }
  out.LastChangedDate = new Date(secret.lastChangedDate);
  if (secret.lastAccessedDate !== undefined) out.LastAccessedDate = new Date(secret.lastAccessedDate);
  if (secret.deletedDate !== undefined) out.DeletedDate = new Date(secret.deletedDate);
  if (r?.enabled && r.nextRotationDate !== undefined) out.NextRotationDate = new Date(r.nextRotationDate);
  if (secret.tags !== undefined) out.Tags = secret.tags.map((t) => ({ Key: t.Key, Value: t.Value }));
  const stages = versionsToStages(secret);
  if (stages !== undefined) out[stagesKey] = stages;
  if (secret.owningService !== undefined) out.OwningService = secret.owningService;
  out.CreatedDate = new Date(secret.createdDate);
  if (secret.primaryRegion !== undefined) out.PrimaryRegion = secret.primaryRegion;
  if (secret.replicas !== undefined && secret.replicas.length > 0 && secret.primaryRegion === ownRegion) {
    out.ReplicationStatus = secret.replicas.map((rep) => ({
      Region: rep.region,
      ...(rep.kmsKeyId !== undefined && { KmsKeyId: rep.kmsKeyId }),
      Status: rep.status,
      ...(rep.statusMessage !== undefined && { StatusMessage: rep.statusMessage }),
    }));
  }
  return out;
}
