/**
 * The staging-label state machine (reference/aws-behaviour.md §2). Every function here changes a
 * writable secret in place; callers validate first, so a call never fails half-way.
 */
import type { SecretRecord } from "./records.js";

/** The labels with a meaning to Secrets Manager. */
export const AWSCURRENT = "AWSCURRENT";
export const AWSPREVIOUS = "AWSPREVIOUS";
export const AWSPENDING = "AWSPENDING";

const NONE: ReadonlySet<string> = new Set();
/** The labels of a value write without VersionStages. */
const DEFAULT_STAGES: readonly string[] = [AWSCURRENT];

/** Removes `label` from the stages of version `versionId`, in place (the record is writable). */
function unstage(secret: SecretRecord, versionId: string, label: string): void {
  const stages = secret.versions.get(versionId)?.stages;
  if (stages === undefined) return;
  const i = stages.indexOf(label);
  if (i < 0) return;
  // Shifted by hand: `splice` would allocate the array of removed items on every label move.
  for (let j = i + 1; j < stages.length; j++) stages[j - 1] = stages[j]!;
  stages.pop();
}

/** Takes `label` off whichever version holds it. */
export function detachLabel(secret: SecretRecord, label: string): void {
  const holder = secret.labels.get(label);
  if (holder === undefined) return;
  secret.labels.delete(label);
  unstage(secret, holder, label);
}

/** Puts `label` on `versionId`, moving it off any other version. */
export function attachLabel(secret: SecretRecord, label: string, versionId: string): void {
  const holder = secret.labels.get(label);
  if (holder === versionId) return;
  if (holder !== undefined) unstage(secret, holder, label);
  // Overwrites the entry of a moved label (a delete then set would leave a hole in the map).
  secret.labels.set(label, versionId);
  secret.versions.get(versionId)!.stages.push(label);
}

/**
 * Moves AWSCURRENT to `versionId`; the version that held it gets AWSPREVIOUS (taken off its former
 * holder). With `dropPendingFromOld` (value writes), the old current version also loses AWSPENDING,
 * as AWS does when a default PutSecretValue follows a version labelled `[AWSCURRENT, AWSPENDING]`.
 */
export function moveCurrent(secret: SecretRecord, versionId: string, dropPendingFromOld: boolean): void {
  const old = secret.labels.get(AWSCURRENT);
  if (old === versionId) return;
  attachLabel(secret, AWSCURRENT, versionId);
  if (old !== undefined) {
    attachLabel(secret, AWSPREVIOUS, old);
    if (dropPendingFromOld && secret.labels.get(AWSPENDING) === old) detachLabel(secret, AWSPENDING);
  }
}

/**
 * Labels a newly written version: `stages` (default `["AWSCURRENT"]`) are moved to it, with the
 * AWSCURRENT/AWSPREVIOUS rules when AWSCURRENT is among them. The first version of a secret always
 * gets AWSCURRENT.
 */
export function labelNewVersion(secret: SecretRecord, versionId: string, stages: readonly string[] | undefined): void {
  const wanted = stages ?? DEFAULT_STAGES;
  const makeCurrent = wanted.includes(AWSCURRENT) || !secret.labels.has(AWSCURRENT);
  if (makeCurrent) moveCurrent(secret, versionId, true);
  for (const label of wanted) if (label !== AWSCURRENT) attachLabel(secret, label, versionId);
}

/**
 * The versions that would lose their last label if `labels` were moved onto a new version
 * (used to check limits before changing anything).
 */
export function versionsOrphanedBy(secret: SecretRecord, stages: readonly string[] | undefined): ReadonlySet<string> {
  if (stages === undefined) {
    // The common default write, without allocating: only the AWSPREVIOUS holder can be orphaned
    // (the old current version gains AWSPREVIOUS).
    const current = secret.labels.get(AWSCURRENT);
    const previous = secret.labels.get(AWSPREVIOUS);
    if (current === undefined || previous === undefined || previous === current) return NONE;
    return secret.versions.get(previous)!.stages.length === 1 ? new Set([previous]) : NONE;
  }
  const wanted = new Set(stages);
  if (!secret.labels.has(AWSCURRENT)) wanted.add(AWSCURRENT);
  const removed = new Map<string, number>();
  const moving = new Set(wanted);
  if (wanted.has(AWSCURRENT)) {
    // AWSPREVIOUS moves to the old current; AWSPENDING is dropped from it.
    moving.add(AWSPREVIOUS);
    const oldCurrent = secret.labels.get(AWSCURRENT);
    if (oldCurrent !== undefined && secret.labels.get(AWSPENDING) === oldCurrent) moving.add(AWSPENDING);
  }
  for (const label of moving) {
    const holder = secret.labels.get(label);
    if (holder !== undefined) removed.set(holder, (removed.get(holder) ?? 0) + 1);
  }
  const oldCurrent = wanted.has(AWSCURRENT) ? secret.labels.get(AWSCURRENT) : undefined;
  const orphaned = new Set<string>();
  for (const [vid, n] of removed) {
    if (vid === oldCurrent) continue; // gains AWSPREVIOUS
    if (secret.versions.get(vid)!.stages.length === n) orphaned.add(vid);
  }
  return orphaned;
}

/** Number of distinct labels the secret would carry after labelling a new version with `stages`. */
export function labelCountAfter(secret: SecretRecord, stages: readonly string[] | undefined): number {
  if (stages === undefined) {
    const current = secret.labels.get(AWSCURRENT);
    if (current === undefined) return secret.labels.size + 1;
    let n = secret.labels.size + (secret.labels.has(AWSPREVIOUS) ? 0 : 1);
    if (secret.labels.get(AWSPENDING) === current) n--;
    return n;
  }
  const all = new Set(secret.labels.keys());
  for (const l of stages) all.add(l);
  all.add(AWSCURRENT);
  if (secret.labels.has(AWSCURRENT) && stages.includes(AWSCURRENT)) {
    all.add(AWSPREVIOUS);
    const oldCurrent = secret.labels.get(AWSCURRENT)!;
    if (secret.labels.get(AWSPENDING) === oldCurrent && !stages.includes(AWSPENDING)) all.delete(AWSPENDING);
  }
  return all.size;
}
