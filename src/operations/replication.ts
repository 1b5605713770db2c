/**
 * Multi-Region replication (aws-api-facts.md §5.16): a replica is a real secret in the other
 * region's partition of the same store and account, with the primary's ARN in that region,
 * read-only there, and kept in step with its primary by {@link syncReplicas}.
 */
import type {
  CreateSecretRequest,
  RemoveRegionsFromReplicationRequest,
  RemoveRegionsFromReplicationResponse,
  ReplicaRegionType,
  ReplicateSecretToRegionsRequest,
  ReplicateSecretToRegionsResponse,
  ReplicationStatusType,
  StopReplicationToReplicaRequest,
  StopReplicationToReplicaResponse,
} from "@aws-sdk/client-secrets-manager";
import { errors } from "../errors.js";
import type { ReplicaRecord, SecretRecord, VersionRecord } from "../store/records.js";
import type { OperationContext } from "./context.js";
import { assertModifiable, requireActiveSecret, requireSecret } from "./secret-id.js";

/**
 * Texts of the replication errors and statuses. invalidRegion is seen from AWS (Terraform creating
 * a secret with a replica in a single-region deployment, aws-samples/aws-health-aware#32, 2022);
 * nameExists is the StatusMessage of a LocalStack pull request's hand-written snapshot of AWS CLI
 * runs (localstack/localstack#7016, 2022; moto has the same text); the others are the mock's.
 */
export const ReplicationMessages = {
  invalidRegion: "Invalid replica region.",
  duplicateRegion: (region: string) => `Duplicate replica region: ${region}.`,
  alreadyReplicated: (region: string) => `The secret is already replicated to ${region}.`,
  nameExists: (name: string, region: string) => `Replication failed: Secret name ${name} already exists in region ${region}.`,
  notReplica: "This secret isn't a replica. Call StopReplicationToReplica in the Region of a replica secret.",
} as const;

/** The ARN of `arn` in another region (same partition, account, name and suffix). */
export function arnInRegion(arn: string, region: string): string {
  const parts = arn.split(":");
  parts[3] = region;
  return parts.join(":");
}

/** True when `secret` is a replica as seen from `region` (its primary lives elsewhere). */
export function isReplica(secret: SecretRecord, region: string): boolean {
  return secret.primaryRegion !== undefined && secret.primaryRegion !== region;
}

function statusOf(r: ReplicaRecord): ReplicationStatusType {
  return {
    Region: r.region,
    ...(r.kmsKeyId !== undefined && { KmsKeyId: r.kmsKeyId }),
    Status: r.status,
    ...(r.statusMessage !== undefined && { StatusMessage: r.statusMessage }),
  };
}

/** The replica record of `primary` in `region`, keeping what is the replica's own (access dates). */
function buildReplica(
  primary: SecretRecord,
  region: string,
  kmsKeyId: string | undefined,
  previous: SecretRecord | undefined,
  now: number,
): SecretRecord {
  const versions = new Map<string, VersionRecord>();
  for (const [id, v] of primary.versions) {
    const own = previous?.versions.get(id);
    const copy: VersionRecord = { ...v, stages: [...v.stages] };
    delete copy.lastAccessedDate;
    if (own?.lastAccessedDate !== undefined) copy.lastAccessedDate = own.lastAccessedDate;
    versions.set(id, copy);
  }
  const replica: SecretRecord = {
    gen: 0,
    name: primary.name,
    arn: arnInRegion(primary.arn, region),
    createdDate: previous?.createdDate ?? now,
    lastChangedDate: primary.lastChangedDate,
    versions,
    labels: new Map(primary.labels),
    primaryRegion: primary.primaryRegion,
  };
  if (previous?.lastAccessedDate !== undefined) replica.lastAccessedDate = previous.lastAccessedDate;
  if (primary.description !== undefined) replica.description = primary.description;
  if (kmsKeyId !== undefined) replica.kmsKeyId = kmsKeyId;
  if (primary.type !== undefined) replica.type = primary.type;
  if (primary.tags !== undefined) replica.tags = primary.tags.map((t) => ({ ...t }));
  if (primary.rotation !== undefined) {
    replica.rotation = { ...primary.rotation, ...(primary.rotation.rules && { rules: { ...primary.rotation.rules } }) };
  }
  if (primary.resourcePolicy !== undefined) replica.resourcePolicy = primary.resourcePolicy;
  return replica;
}

/** The live replica secret of `primary` in `region`, if it still is one. */
function replicaIn(ctx: OperationContext, primary: SecretRecord, region: string): SecretRecord | undefined {
  const s = ctx.store.getSecret(ctx.accountId, region, primary.name);
  return s !== undefined && s.arn === arnInRegion(primary.arn, region) && s.primaryRegion === ctx.region ? s : undefined;
}

/**
 * Copies `primary`'s values, labels, description, tags, rotation settings and resource policy to
 * each of its in-sync replicas. Call it after every change to a secret in the caller's region
 * (a no-op for secrets without replicas).
 */
export function syncReplicas(ctx: OperationContext, primary: SecretRecord): void {
  if (primary.replicas === undefined || primary.replicas.length === 0 || primary.primaryRegion !== ctx.region) return;
  for (const r of primary.replicas) {
    if (r.status !== "InSync") continue;
    const previous = replicaIn(ctx, primary, r.region);
    if (previous === undefined) continue;
    ctx.store.insert(ctx.accountId, r.region, buildReplica(primary, r.region, r.kmsKeyId, previous, ctx.now));
  }
}

interface PlannedReplica {
  region: string;
  kmsKeyId?: string;
  /** A same-named secret that is not this secret's replica already exists there and stays. */
  conflict: boolean;
}

/** Checks a list of replica regions before anything changes. */
function planReplicas(ctx: OperationContext, secret: SecretRecord, wanted: readonly ReplicaRegionType[], force: boolean): PlannedReplica[] {
  const seen = new Set<string>();
  const planned: PlannedReplica[] = [];
  for (const w of wanted) {
    const region = w.Region;
    // A replica entry without a Region (`[{}]`), or naming the primary's own Region.
    if (region === undefined || region === "" || region === ctx.region) throw errors.invalidParameter(ReplicationMessages.invalidRegion);
    if (seen.has(region)) throw errors.invalidParameter(ReplicationMessages.duplicateRegion(region));
    seen.add(region);
    const current = secret.replicas?.find((r) => r.region === region);
    if (current !== undefined && current.status !== "Failed") throw errors.invalidParameter(ReplicationMessages.alreadyReplicated(region));
    const occupant = ctx.store.getSecret(ctx.accountId, region, secret.name);
    const kmsKeyId = w.KmsKeyId === undefined || w.KmsKeyId === "" ? undefined : w.KmsKeyId;
    // ForceOverwriteReplicaSecret replaces a standalone secret (AWS documents the overwrite). One
    // that takes part in replication itself (another primary's replica, or a primary with
    // replicas) stays, the mock's choice: replacing it would leave the other secret's replication
    // pointing at a secret that is no longer its own.
    const conflict = occupant !== undefined && (!force || occupant.primaryRegion !== undefined);
    planned.push({ region, ...(kmsKeyId !== undefined && { kmsKeyId }), conflict });
  }
  return planned;
}

/** Creates the planned replicas of the writable `primary` and records them on it. */
function commitReplicas(ctx: OperationContext, primary: SecretRecord, planned: readonly PlannedReplica[]): void {
  primary.primaryRegion = ctx.region;
  const replicas = (primary.replicas ?? []).filter((r) => !planned.some((p) => p.region === r.region));
  for (const p of planned) {
    const record: ReplicaRecord = { region: p.region, status: p.conflict ? "Failed" : "InSync" };
    if (p.kmsKeyId !== undefined) record.kmsKeyId = p.kmsKeyId;
    if (p.conflict) record.statusMessage = ReplicationMessages.nameExists(primary.name, p.region);
    replicas.push(record);
  }
  primary.replicas = replicas;
  for (const p of planned) {
    if (p.conflict) continue;
    ctx.store.remove(ctx.accountId, p.region, primary.name);
    ctx.store.insert(ctx.accountId, p.region, buildReplica(primary, p.region, p.kmsKeyId, undefined, ctx.now));
  }
}

/**
 * Checks CreateSecret's AddReplicaRegions before anything is stored and returns the step that
 * creates the replicas once the primary exists (undefined when no replica was asked for).
 */
export function replicateOnCreate(
  ctx: OperationContext,
  secret: SecretRecord,
  input: CreateSecretRequest,
): (() => ReplicationStatusType[]) | undefined {
  if (input.AddReplicaRegions === undefined || input.AddReplicaRegions.length === 0) return undefined;
  const planned = planReplicas(ctx, secret, input.AddReplicaRegions, input.ForceOverwriteReplicaSecret === true);
  return () => {
    const primary = ctx.store.edit(ctx.accountId, ctx.region, secret.name);
    commitReplicas(ctx, primary, planned);
    return primary.replicas!.map(statusOf);
  };
}

/** ReplicateSecretToRegions: `{ARN, ReplicationStatus}` listing every replica of the secret. */
export function replicateSecretToRegions(input: ReplicateSecretToRegionsRequest, ctx: OperationContext): ReplicateSecretToRegionsResponse {
  const secret = requireActiveSecret(ctx, input.SecretId!);
  assertModifiable(secret, ctx);
  const planned = planReplicas(ctx, secret, input.AddReplicaRegions!, input.ForceOverwriteReplicaSecret === true);
  const w = ctx.store.edit(ctx.accountId, ctx.region, secret.name);
  commitReplicas(ctx, w, planned);
  return { ARN: w.arn, ReplicationStatus: w.replicas!.map(statusOf) };
}

/**
 * RemoveRegionsFromReplication: deletes the replicas in the named regions at once (regions that
 * hold no replica are ignored) and returns `{ARN, ReplicationStatus}` of the remaining ones. A
 * Failed region is only dropped from the list: the same-named secret there is not this secret's
 * replica and stays. A secret left without replicas is a plain regional secret again.
 */
export function removeRegionsFromReplication(
  input: RemoveRegionsFromReplicationRequest,
  ctx: OperationContext,
): RemoveRegionsFromReplicationResponse {
  const secret = requireActiveSecret(ctx, input.SecretId!);
  assertModifiable(secret, ctx);
  const removing = new Set(input.RemoveReplicaRegions);
  const w = ctx.store.edit(ctx.accountId, ctx.region, secret.name);
  for (const r of w.replicas ?? []) {
    if (!removing.has(r.region)) continue;
    if (replicaIn(ctx, w, r.region) !== undefined) ctx.store.remove(ctx.accountId, r.region, w.name);
  }
  const remaining = (w.replicas ?? []).filter((r) => !removing.has(r.region));
  if (remaining.length === 0) {
    delete w.replicas;
    delete w.primaryRegion;
  } else {
    w.replicas = remaining;
  }
  return { ARN: w.arn, ReplicationStatus: remaining.map(statusOf) };
}

/**
 * StopReplicationToReplica, called in the replica's region: the replica becomes a standalone
 * secret there and its primary stops listing it. Returns `{ARN}` (the former replica's ARN).
 */
export function stopReplicationToReplica(input: StopReplicationToReplicaRequest, ctx: OperationContext): StopReplicationToReplicaResponse {
  const secret = requireSecret(ctx, input.SecretId!);
  if (!isReplica(secret, ctx.region)) throw errors.invalidRequest(ReplicationMessages.notReplica);
  const primaryRegion = secret.primaryRegion!;
  const primary = ctx.store.getSecret(ctx.accountId, primaryRegion, secret.name);
  if (primary !== undefined && primary.arn === arnInRegion(secret.arn, primaryRegion)) {
    const p = ctx.store.edit(ctx.accountId, primaryRegion, secret.name);
    const remaining = (p.replicas ?? []).filter((r) => r.region !== ctx.region);
    if (remaining.length === 0) {
      delete p.replicas;
      delete p.primaryRegion;
    } else {
      p.replicas = remaining;
    }
  }
  const w = ctx.store.edit(ctx.accountId, ctx.region, secret.name);
  delete w.primaryRegion;
  return { ARN: w.arn };
}
