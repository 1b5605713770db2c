/**
 * Writing secret values: what CreateSecret, PutSecretValue, UpdateSecret and rotation share.
 * Every check (value shape, token reuse, label and version limits) happens in `plan…` functions
 * before anything changes; `commit…` functions only apply a plan.
 */
import { errors, Messages, ServiceError } from "../errors.js";
import type { SecretRecord, VersionRecord } from "../store/records.js";
import { AWSCURRENT, AWSPREVIOUS, labelCountAfter, labelNewVersion, versionsOrphanedBy } from "../store/staging-labels.js";
import type { OperationContext } from "./context.js";

/** A secret value as given in an input: a string, bytes, or nothing. */
export interface SecretValue {
  secretString?: string;
  secretBinary?: Uint8Array;
}

/** Maximum deprecated (label-less) versions AWS keeps. */
export const MAX_DEPRECATED_VERSIONS = 100;
/** Versions younger than this are never removed by the retention rule. */
export const RETENTION_MIN_AGE_MS = 24 * 3_600_000;
/** Maximum staging labels attached across all versions of a secret. */
export const MAX_LABELS_PER_SECRET = 20;

/** The value of an input; both kinds at once is InvalidParameterException. */
export function readValue(input: { SecretString?: string | null; SecretBinary?: Uint8Array | null }): SecretValue | undefined {
  // `null` arrives from the wire (a JSON null) though the SDK's types leave it out.
  const hasString = input.SecretString !== undefined && input.SecretString !== null;
  const hasBinary = input.SecretBinary !== undefined && input.SecretBinary !== null;
  if (hasString && hasBinary) throw errors.invalidParameter(Messages.bothValues);
  if (hasString) return { secretString: input.SecretString! };
  if (hasBinary) return { secretBinary: Uint8Array.from(input.SecretBinary!) };
  return undefined;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when version `v` holds exactly `value`. */
export function holdsValue(v: VersionRecord, value: SecretValue): boolean {
  if (value.secretString !== undefined) return v.secretString === value.secretString;
  if (value.secretBinary !== undefined) return v.secretBinary !== undefined && sameBytes(v.secretBinary, value.secretBinary);
  return false;
}

/** True for a rotation's pending placeholder: a version created without a value. */
export function isPlaceholder(v: VersionRecord): boolean {
  return v.secretString === undefined && v.secretBinary === undefined;
}

/** The outcome of checking a ClientRequestToken against a secret's versions. */
export type TokenCheck =
  { kind: "new" } | { kind: "idempotent"; version: VersionRecord } | { kind: "fill-placeholder"; version: VersionRecord };

/** A token no version of the secret has. */
export const NEW_TOKEN: TokenCheck = Object.freeze({ kind: "new" });

/**
 * {@link checkToken} for the caller's token; a token {@link tokenOrGenerate} made is new by
 * construction (and a lookup of a fresh string in a version map is one of the costlier steps of a write).
 */
export function checkNewOrGivenToken(secret: SecretRecord, token: string, given: string | undefined, value: SecretValue): TokenCheck {
  return given === undefined ? NEW_TOKEN : checkToken(secret, token, value);
}

/**
 * Token reuse rules (§1.5): a token naming an existing version with the same value is an
 * idempotent retry; with another value it is ResourceExistsException; a token naming a
 * rotation's valueless placeholder fills it.
 */
export function checkToken(secret: SecretRecord, token: string, value: SecretValue): TokenCheck {
  const existing = secret.versions.get(token);
  if (existing === undefined) return NEW_TOKEN;
  if (isPlaceholder(existing)) return { kind: "fill-placeholder", version: existing };
  if (holdsValue(existing, value)) return { kind: "idempotent", version: existing };
  throw new ServiceError("ResourceExistsException", Messages.tokenInUse(token, secret.arn));
}

/** What a value write will do to versions: which deprecated versions the retention rule removes. */
export interface VersionWritePlan {
  readonly removals: readonly string[];
}

/** The plan of almost every write: nothing to remove. */
const NO_REMOVALS: VersionWritePlan = Object.freeze({ removals: Object.freeze([]) });

/**
 * Checks that a new version labelled `stages` fits the limits: at most 20 labels per secret, and
 * at most 100 deprecated versions once those older than 24 hours are removed (oldest first).
 */
export function planVersionWrite(ctx: OperationContext, secret: SecretRecord, stages: readonly string[] | undefined): VersionWritePlan {
  if (stages === undefined) {
    const plan = planDefaultWrite(ctx, secret);
    if (plan !== undefined) return plan;
  }
  if (labelCountAfter(secret, stages) > MAX_LABELS_PER_SECRET) throw errors.limitExceeded(Messages.tooManyLabels);
  const orphaned = versionsOrphanedBy(secret, stages);
  const deprecated = orphaned.size + countDeprecated(secret);
  if (deprecated <= MAX_DEPRECATED_VERSIONS) return NO_REMOVALS;
  const removals: string[] = [];
  const cutoff = ctx.now - RETENTION_MIN_AGE_MS;
  for (const v of secret.versions.values()) {
    if (removals.length === deprecated - MAX_DEPRECATED_VERSIONS) break;
    if (v.createdDate > cutoff) break; // versions are in creation order: the rest are younger
    if (v.stages.length === 0 || orphaned.has(v.versionId)) removals.push(v.versionId);
  }
  if (removals.length < deprecated - MAX_DEPRECATED_VERSIONS) throw errors.limitExceeded(Messages.tooManyVersions);
  return { removals };
}

/**
 * {@link planVersionWrite} for the write almost every loop makes: no VersionStages, on a secret
 * whose only labels are AWSCURRENT and AWSPREVIOUS, each alone on its version. The write moves
 * AWSCURRENT to the new version and AWSPREVIOUS to the old current one, so exactly the old previous
 * version becomes deprecated and the label count stays 2: no Sets, no walk over labels or stages.
 * Undefined for any other shape.
 */
function planDefaultWrite(ctx: OperationContext, secret: SecretRecord): VersionWritePlan | undefined {
  const labels = secret.labels;
  if (labels.size !== 2) return undefined;
  const current = labels.get(AWSCURRENT);
  const previous = labels.get(AWSPREVIOUS);
  if (current === undefined || previous === undefined || current === previous) return undefined;
  if (secret.versions.get(current)?.stages.length !== 1 || secret.versions.get(previous)?.stages.length !== 1) return undefined;
  // Deprecated after the write: every version but the two labelled ones, plus the old previous one.
  const excess = secret.versions.size - 1 - MAX_DEPRECATED_VERSIONS;
  if (excess <= 0) return NO_REMOVALS;
  const removals: string[] = [];
  const cutoff = ctx.now - RETENTION_MIN_AGE_MS;
  for (const v of secret.versions.values()) {
    if (v.createdDate > cutoff) break; // creation order: the rest are younger
    // In this shape every version but the current one is (or becomes) deprecated: no need to
    // read its stages.
    if (v.versionId !== current) {
      removals.push(v.versionId);
      if (removals.length === excess) return { removals };
    }
  }
  throw errors.limitExceeded(Messages.tooManyVersions);
}

/**
 * Versions without a staging label. A version carries a label exactly when `labels` points at it,
 * so this is the number of versions minus the (at most 20) versions `labels` names: no walk over a
 * secret's versions, which may be 100 deprecated ones on every write of a busy secret.
 */
function countDeprecated(secret: SecretRecord): number {
  const labelled = new Set(secret.labels.values());
  for (const id of labelled) {
    const v = secret.versions.get(id);
    if (v === undefined || v.stages.length === 0) {
      // Not the expected shape (a label naming a missing or label-less version): count one by one.
      let n = 0;
      for (const version of secret.versions.values()) if (version.stages.length === 0) n++;
      return n;
    }
  }
  return secret.versions.size - labelled.size;
}

/** Bumps LastChangedDate, keeping it strictly increasing even when the clock has not moved. */
export function touch(secret: SecretRecord, now: number): void {
  secret.lastChangedDate = Math.max(now, secret.lastChangedDate + 1);
}

/**
 * Stores a new version `versionId` with `value` on a writable secret, labels it, and applies the
 * retention plan. With a placeholder of the same id, the placeholder is replaced (keeping its labels).
 */
export function commitVersionWrite(
  ctx: OperationContext,
  secret: SecretRecord,
  versionId: string,
  value: SecretValue,
  stages: readonly string[] | undefined,
  plan: VersionWritePlan,
  token: TokenCheck,
): VersionRecord {
  // Looked up again on the writable record (the check may have seen a snapshot's copy).
  const placeholder = token.kind === "fill-placeholder" ? secret.versions.get(versionId) : undefined;
  // Member by member rather than with conditional spreads (several times slower on this hot
  // path); same member order as before.
  const version = {
    versionId,
    createdDate: placeholder?.createdDate ?? ctx.now,
  } as { -readonly [K in keyof VersionRecord]: VersionRecord[K] };
  if (value.secretString !== undefined) version.secretString = value.secretString;
  if (value.secretBinary !== undefined) version.secretBinary = value.secretBinary;
  version.stages = placeholder ? placeholder.stages : [];
  if (secret.kmsKeyId !== undefined) version.kmsKeyId = secret.kmsKeyId;
  secret.versions.set(versionId, version);
  labelNewVersion(secret, versionId, stages);
  for (const id of plan.removals) secret.versions.delete(id);
  touch(secret, ctx.now);
  return version;
}

/**
 * The caller's token, or one the mock makes, as the SDK's serializer would have (the typed path runs
 * before it): a UUID that no version of `secret` has. A node:crypto UUID never repeats; a seeded id
 * source repeats its sequence when a store is rebuilt from its own saved state with the same seed,
 * so its UUIDs are checked against the secret's versions.
 */
export function tokenOrGenerate(ctx: OperationContext, token: string | undefined, secret: SecretRecord | undefined): string {
  if (token !== undefined) return token;
  const ids = ctx.store.ids;
  let id = ids.uuid();
  if (!ids.unique && secret !== undefined) while (secret.versions.has(id)) id = ids.uuid();
  return id;
}
