/**
 * Scheduled rotation. AWS rotates a secret by itself once its rotation window comes; the mock does
 * it when asked: `runDueRotations(store)` rotates every secret whose NextRotationDate the store's
 * clock has reached, through RotateSecret (stored Lambda ARN and rules), exactly as a user call would.
 */
import { ServiceError } from "../errors.js";
import { dispatch } from "../operations/index.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";
import { SDK_SERVICES } from "../sdk/rotation-invoker.js";

/** Which partitions {@link runDueRotations} looks at (default: all). */
export interface RunDueRotationsOptions {
  accountId?: string;
  region?: string;
}

/** One scheduled rotation that was due. */
export interface DueRotation {
  /** ARN of the secret. */
  secretArn: string;
  /** The new pending version's id, when RotateSecret accepted the rotation. */
  versionId?: string;
  /** Why RotateSecret refused it (e.g. a previous rotation isn't complete). */
  error?: ServiceError;
}

/**
 * Rotates every secret (not scheduled for deletion, not a replica) with rotation enabled whose
 * NextRotationDate is at or before the store's current time. Rotations run one after another; a
 * failing rotation function is recorded in `store.rotationFailures`, as for RotateSecret.
 *
 * @example
 * ```ts
 * clock.advance({ days: 31 });
 * const done = await runDueRotations(store);
 * ```
 */
export async function runDueRotations(store: SecretsStoreCore, options: RunDueRotationsOptions = {}): Promise<DueRotation[]> {
  const now = store.now();
  const due: Array<{ arn: string; accountId: string; region: string }> = [];
  for (const p of store.allPartitions()) {
    if (options.accountId !== undefined && p.accountId !== options.accountId) continue;
    if (options.region !== undefined && p.region !== options.region) continue;
    for (const s of p.secrets.values()) {
      const r = s.rotation;
      if (r === undefined || !r.enabled || r.nextRotationDate === undefined || r.nextRotationDate > now) continue;
      if (s.deletedDate !== undefined || (s.primaryRegion !== undefined && s.primaryRegion !== p.region)) continue;
      due.push({ arn: s.arn, accountId: p.accountId, region: p.region });
    }
  }
  const results: DueRotation[] = [];
  for (const d of due) {
    try {
      const out = (await dispatch(
        store,
        "RotateSecret",
        { SecretId: d.arn },
        { accountId: d.accountId, region: d.region },
        SDK_SERVICES,
      )) as {
        VersionId?: string;
      };
      results.push({ secretArn: d.arn, ...(out.VersionId !== undefined && { versionId: out.VersionId }) });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      results.push({ secretArn: d.arn, error });
    }
  }
  return results;
}
