/**
 * Store invariants, checked read-only on the store's records after every step of the
 * model-based and concurrency tests, and a deep snapshot of a store's records (to prove that a
 * failed call changed nothing).
 */
import { SecretsStore } from "secrets-manager-mock";
import type { SecretRecord } from "secrets-manager-mock";
import { isDeepStrictEqual } from "node:util";

const DAY = 86_400_000;

/** Plain-data copy of everything a store holds (Maps as entry lists, bytes as arrays; no `gen`). */
export function storeSnapshot(store: SecretsStore, exclude: (s: SecretRecord) => boolean = () => false): unknown {
  const plain = (x: unknown): unknown => {
    if (x instanceof Map) return [...x].map(([k, v]) => [k, plain(v)]);
    if (x instanceof Uint8Array) return ["bytes", ...x];
    if (Array.isArray(x)) return x.map(plain);
    if (x !== null && typeof x === "object") {
      return Object.keys(x)
        .filter((k) => k !== "gen" && (x as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, plain((x as Record<string, unknown>)[k])]);
    }
    return x;
  };
  const partitions = [...store.allPartitions()]
    .map((p) => [p.accountId, p.region, [...p.secrets.values()].filter((s) => !exclude(s)).map(plain)] as const)
    .filter(([, , secrets]) => secrets.length > 0)
    .sort((a, b) => `${a[0]}/${a[1]}`.localeCompare(`${b[0]}/${b[1]}`));
  return partitions;
}

type Exportable = SecretsStore & { exportState?: () => unknown };
type FromState = { fromState?: (state: unknown, options?: unknown) => Exportable };

/** The store's exported state, when the store can export itself (persistence feature). */
export function exportedState(store: SecretsStore): unknown {
  const s = store as Exportable;
  return typeof s.exportState === "function" ? s.exportState() : undefined;
}

/** Checks the store-wide invariants; throws an Error naming the broken one. */
export class InvariantChecker {
  private readonly arns = new Map<string, { arn: string; deletionDate: number | undefined }>();
  private readonly retiredArns = new Set<string>();
  checks = 0;

  check(store: SecretsStore): void {
    this.checks++;
    const seen = new Set<string>();
    for (const p of store.allPartitions()) {
      for (const s of p.secrets.values()) {
        const key = `${p.accountId}/${p.region}/${s.name}`;
        seen.add(key);
        checkSecret(s, store.now());
        const known = this.arns.get(key);
        if (known !== undefined && known.arn !== s.arn) {
          // Only a purge (deletion window over) may have replaced it since the last check.
          const purged = known.deletionDate !== undefined && known.deletionDate <= store.now();
          if (!purged) fail(s, `ARN changed from ${known.arn} to ${s.arn} while the secret existed`);
          this.retiredArns.add(known.arn);
        }
        if (known?.arn !== s.arn && this.retiredArns.has(s.arn)) fail(s, `re-created secret reuses the ARN ${s.arn}`);
        this.arns.set(key, { arn: s.arn, deletionDate: s.deletionDate });
      }
    }
    for (const [key, known] of [...this.arns]) {
      if (!seen.has(key)) {
        this.arns.delete(key);
        this.retiredArns.add(known.arn);
      }
    }
    const exported = exportedState(store);
    if (exported !== undefined) {
      const fromState = (SecretsStore as unknown as FromState).fromState;
      if (typeof fromState === "function") {
        const again = fromState.call(SecretsStore, exported).exportState();
        if (!isDeepStrictEqual(again, exported)) {
          throw new Error("invariant broken: SecretsStore.fromState(x).exportState() differs from x");
        }
      }
    }
  }
}

function fail(s: SecretRecord, what: string): never {
  throw new Error(`invariant broken on secret ${s.name}: ${what}`);
}

/** Invariants of one secret's records. */
export function checkSecret(s: SecretRecord, now: number): void {
  const versions = [...s.versions.values()];
  if (versions.length > 0) {
    const current = versions.filter((v) => v.stages.includes("AWSCURRENT"));
    if (current.length !== 1) fail(s, `${current.length} versions hold AWSCURRENT`);
  }
  const onVersions = new Map<string, string>();
  for (const v of versions) {
    if (new Set(v.stages).size !== v.stages.length) fail(s, `version ${v.versionId} lists a label twice`);
    for (const l of v.stages) {
      if (onVersions.has(l)) fail(s, `label ${l} is on ${onVersions.get(l)} and ${v.versionId}`);
      onVersions.set(l, v.versionId);
    }
    if (s.versions.get(v.versionId) !== v || (v.versionId as string | undefined) === undefined) fail(s, `version map key mismatch`);
  }
  if (onVersions.size !== s.labels.size) fail(s, `labels map has ${s.labels.size} labels, versions carry ${onVersions.size}`);
  for (const [l, vid] of s.labels)
    if (onVersions.get(l) !== vid) fail(s, `labels map puts ${l} on ${vid}, versions on ${onVersions.get(l)}`);
  if (s.labels.size > 20) fail(s, `${s.labels.size} labels (at most 20)`);
  // Retention: a write that would leave more than 100 deprecated versions removes the oldest ones
  // older than 24 h, or fails (LimitExceededException) when too many are younger. (Only
  // UpdateSecretVersionStage could orphan a 101st version; no sequence here gets that far.)
  const deprecated = versions.filter((v) => v.stages.length === 0);
  if (deprecated.length > 100) {
    const old = deprecated.filter((v) => v.createdDate <= now - DAY).length;
    fail(s, `${deprecated.length} deprecated versions kept (${old} of them older than 24 h)`);
  }
  for (let i = 1; i < versions.length; i++) {
    if (versions[i].createdDate < versions[i - 1].createdDate) fail(s, "versions out of creation order");
  }
  if (s.lastChangedDate < s.createdDate) fail(s, "LastChangedDate before CreatedDate");
  if ((s.deletedDate === undefined) !== (s.deletionDate === undefined)) fail(s, "DeletedDate without DeletionDate (or the reverse)");
}
