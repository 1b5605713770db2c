import { type Clock, readClock } from "./clock.js";
import { createIdSource, type IdSource } from "./id-source.js";
import { cloneSecret, type SecretRecord } from "./records.js";

/** The account the store uses when none is given. */
export const DEFAULT_ACCOUNT_ID = "123456789012";
/** The region the store uses when neither the client nor the options name one. */
export const DEFAULT_REGION = "us-east-1";

/** Options of {@link SecretsStore}. */
export interface SecretsStoreOptions {
  /** Account of every partition unless a caller names another (default `123456789012`). */
  accountId?: string;
  /** Region used when a caller has none (default `us-east-1`). */
  region?: string;
  /** Makes every generated value (VersionIds, ARN suffixes, request ids, passwords) deterministic. */
  seed?: string | number;
  /** The store's clock (default: the real time, read on every call). */
  clock?: Clock;
}

/** The secrets of one (account, region). */
export interface Partition {
  readonly accountId: string;
  readonly region: string;
  /** Store generation this partition belongs to (copy-on-write). */
  gen: number;
  /** Secrets by name, in creation order. */
  secrets: Map<string, SecretRecord>;
  /** Earliest DeletionDate of a secret scheduled for deletion (Infinity when none). */
  nextPurgeAt: number;
}

/** A point-in-time view of a store, for {@link SecretsStore.revert}. Cheap: nothing is copied. */
export interface StoreSnapshot {
  /** @internal */
  readonly partitions: ReadonlyMap<string, Partition>;
  /** @internal */
  readonly store: SecretsStore;
}

const partitionKey = (accountId: string, region: string) => `${accountId}\u0000${region}`;

/**
 * The in-memory state of Secrets Manager: partitions per (account, region), each holding secrets
 * with their versions, staging labels, tags, policies and rotation state.
 *
 * Every way in (middleware, request handler, HTTP endpoint) reads and writes a store through the
 * operations, so one store can serve several clients and regions at once.
 *
 * @example
 * ```ts
 * const store = new SecretsStore({ seed: 42 });
 * const client = new SecretsManagerClient({});
 * mockSecretsManager(client, { store });
 * ```
 */
export class SecretsStore {
  /** Account used when a caller names none. */
  readonly accountId: string;
  /** Region used when a caller has none. */
  readonly region: string;
  /** Source of every generated id and random value. */
  readonly ids: IdSource;
  /** @internal */
  clock: Clock | undefined;
  /** @internal Current copy-on-write generation. */
  generation = 0;
  /** @internal */
  partitions = new Map<string, Partition>();
  /** Increases on every change; lets callers detect that something was written. */
  revision = 0;
  private partitionsGen = 0;
  private readonly changeListeners = new Set<() => void>();

  constructor(options: SecretsStoreOptions = {}) {
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    this.region = options.region ?? DEFAULT_REGION;
    this.ids = createIdSource(options.seed);
    this.clock = options.clock;
  }

  /** The store's current time in epoch milliseconds. */
  now(): number {
    return readClock(this.clock);
  }

  /** The partition of (account, region), or undefined when nothing was ever stored there. */
  partition(accountId: string, region: string): Partition | undefined {
    return this.partitions.get(partitionKey(accountId, region));
  }

  /** Every partition that holds or held secrets. */
  allPartitions(): IterableIterator<Partition> {
    return this.partitions.values();
  }

  /** A secret by exact name (read-only view), or undefined. */
  getSecret(accountId: string, region: string, name: string): SecretRecord | undefined {
    return this.partitions.get(partitionKey(accountId, region))?.secrets.get(name);
  }

  /** @internal A partition that may be changed (copied first when a snapshot shares it). */
  writablePartition(accountId: string, region: string): Partition {
    if (this.partitionsGen !== this.generation) {
      this.partitions = new Map(this.partitions);
      this.partitionsGen = this.generation;
    }
    const key = partitionKey(accountId, region);
    let p = this.partitions.get(key);
    if (p === undefined) {
      p = { accountId, region, gen: this.generation, secrets: new Map(), nextPurgeAt: Infinity };
      this.partitions.set(key, p);
    } else if (p.gen !== this.generation) {
      p = { ...p, gen: this.generation, secrets: new Map(p.secrets) };
      this.partitions.set(key, p);
    }
    return p;
  }

  /**
   * @internal A writable copy of the secret `name` (copied first when a snapshot shares it).
   * Marks the store as changed. Only call it once every check has passed.
   */
  edit(accountId: string, region: string, name: string): SecretRecord {
    const p = this.writablePartition(accountId, region);
    let s = p.secrets.get(name);
    if (s === undefined) throw new Error(`secrets-manager-mock: no secret to edit`);
    if (s.gen !== this.generation) {
      s = cloneSecret(s, this.generation);
      p.secrets.set(name, s);
    }
    this.revision++;
    return s;
  }

  /** @internal Adds a new secret (the caller checked the name is free). */
  insert(accountId: string, region: string, secret: SecretRecord): void {
    const p = this.writablePartition(accountId, region);
    secret.gen = this.generation;
    p.secrets.set(secret.name, secret);
    if (secret.deletionDate !== undefined) p.nextPurgeAt = Math.min(p.nextPurgeAt, secret.deletionDate);
    this.revision++;
  }

  /** @internal Removes a secret at once. */
  remove(accountId: string, region: string, name: string): void {
    const p = this.writablePartition(accountId, region);
    if (p.secrets.delete(name)) this.revision++;
  }

  /** @internal Records that a secret of this partition is scheduled to be purged at `at`. */
  schedulePurge(accountId: string, region: string, at: number): void {
    const p = this.writablePartition(accountId, region);
    p.nextPurgeAt = Math.min(p.nextPurgeAt, at);
  }

  /**
   * @internal Removes the secrets of a partition whose deletion window has passed. Cheap when
   * nothing is due (one comparison).
   */
  purgeExpired(accountId: string, region: string, now: number): void {
    const current = this.partition(accountId, region);
    if (current === undefined || now < current.nextPurgeAt) return;
    const p = this.writablePartition(accountId, region);
    let next = Infinity;
    for (const [name, s] of p.secrets) {
      if (s.deletionDate === undefined) continue;
      if (s.deletionDate <= now) p.secrets.delete(name);
      else next = Math.min(next, s.deletionDate);
    }
    p.nextPurgeAt = next;
    this.revision++;
  }

  /** A cheap point-in-time view: copy-on-write, so nothing is copied until the store changes. */
  snapshot(): StoreSnapshot {
    const snap: StoreSnapshot = { partitions: this.partitions, store: this };
    this.generation++;
    return snap;
  }

  /** Puts the store back to the state of `snapshot` (which stays usable for later reverts). */
  revert(snapshot: StoreSnapshot): void {
    if (snapshot.store !== this) throw new TypeError("secrets-manager-mock: that snapshot belongs to another store");
    this.partitions = snapshot.partitions as Map<string, Partition>;
    this.generation++;
    this.revision++;
    this.notifyChange();
  }

  /** Removes every secret of every partition. */
  clear(): void {
    this.partitions = new Map();
    this.generation++;
    this.partitionsGen = this.generation;
    this.revision++;
    this.notifyChange();
  }

  /** Calls `listener` after every change (used by persistence). Returns a function that unsubscribes. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** @internal Tells listeners the store changed. */
  notifyChange(): void {
    for (const l of this.changeListeners) l();
  }
}
