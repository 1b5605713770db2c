import * as path from "node:path";
import { type Clock, readClock } from "./clock.js";
import { createIdSource, type IdSource } from "./id-source.js";
import { cloneSecret, type SecretRecord } from "./records.js";
import type { RotationFailure, RotationFunction } from "./rotation-functions.js";
import { InvalidDocumentError } from "./document-reader.js";
import type { FixtureDocument } from "./fixture-document.js";
import { type PersistOptions, Persister, readJsonFile } from "./persistence.js";
import { isStateDocument, readState, type StateDocument, writeState } from "./state-format.js";

/** The account a store uses when neither its options nor the environment name one. */
export const DEFAULT_ACCOUNT_ID = "123456789012";
/** The region a store uses when neither its options nor the environment name one. */
export const DEFAULT_REGION = "us-east-1";

/**
 * Adds the secrets of a fixture document to a store through the operations. The store can't
 * import the operations (they sit above it): `SecretsStore` hands this in.
 */
export type FixtureApplier = (store: SecretsStoreCore, doc: unknown, file?: string) => void;

/** Options of {@link SecretsStore}. */
export interface SecretsStoreOptions {
  /**
   * Account of every partition unless a caller names another. Default: `SECRETS_MANAGER_MOCK_ACCOUNT_ID`,
   * `AWS_ACCOUNT_ID`, the shared config profile's `aws_account_id`, then `123456789012`
   * (docs/api.md, "Region and account resolution").
   */
  accountId?: string;
  /**
   * Region used when a caller has none, and by fixtures without `Region`. Default: the region the
   * AWS SDK would resolve (`SECRETS_MANAGER_MOCK_REGION`, `AWS_REGION`, the shared config profile's
   * `region`), then `us-east-1` (docs/api.md, "Region and account resolution").
   */
  region?: string;
  /**
   * Print a `console.warn` when a call gets ResourceNotFoundException while a secret of that name
   * or ARN exists in another region or account of the store (default `true`, or `false` when
   * `SECRETS_MANAGER_MOCK_WARNINGS=0`). The AWS error itself is never changed.
   */
  warnings?: boolean;
  /** Makes every generated value (VersionIds, ARN suffixes, request ids, passwords) deterministic. */
  seed?: string | number;
  /** The store's clock (default: the real time, read on every call). */
  clock?: Clock;
  /**
   * What the store starts with (and {@link SecretsStoreCore.reset} goes back to): a fixture document,
   * a state document (`exportState()` output), or the path of a JSON file holding either.
   */
  fixtures?: FixtureDocument | StateDocument | string;
  /**
   * Save the state to a JSON file after every change and load it on start (when the file exists,
   * it wins over `fixtures`). The store holds the file alone (a `<path>.lock` file beside it) until
   * {@link SecretsStoreCore.close} or the process exits; a second store on the same file, in this
   * process or another, throws `StateFileInUseError` before reading it. See {@link SecretsStoreCore.flush}.
   */
  persist?: PersistOptions;
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

/** A point-in-time view of a store, for {@link SecretsStoreCore.revert}. Cheap: nothing is copied. */
export interface StoreSnapshot {
  /** @internal */
  readonly partitions: ReadonlyMap<string, Partition>;
  /** @internal */
  readonly store: SecretsStoreCore;
}

const partitionKey = (accountId: string, region: string) => `${accountId}\u0000${region}`;

/**
 * The in-memory state of Secrets Manager: partitions per (account, region), each holding secrets
 * with their versions, staging labels, tags, policies and rotation state. This is what the
 * operations work on; {@link SecretsStore} (the class users create) adds the defaults read from
 * the environment and fixture documents, which need the layers above this one.
 */
export class SecretsStoreCore {
  /** Account used when a caller names none. */
  readonly accountId: string;
  /** Region used when a caller has none, and by fixtures without `Region`. */
  readonly region: string;
  /** Whether cross-partition misses are reported with `console.warn` (see {@link SecretsStoreOptions.warnings}). */
  readonly warnings: boolean;
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
  /** Increases when a secret is added or removed (not when one changes): listings keep their order while it holds. */
  membershipRevision = 0;
  /**
   * Increases whenever the content is replaced as a whole ({@link reset}, {@link revert} to a
   * snapshot, {@link clear}, {@link importState}): a cache of values read from the store (the
   * sidecars' caches) drops what it holds when this changes, so it never serves what the store lost.
   */
  epoch = 0;
  private partitionsGen = 0;
  private lastKeyAccount = "";
  private lastKeyRegion = "";
  private lastKey = partitionKey("", "");
  private readonly changeListeners = new Set<() => void>();
  private readonly initial: StoreSnapshot;
  private readonly persister: Persister | undefined;
  private muted = 0;
  private readonly rotationFunctions = new Map<string, RotationFunction>();
  private readonly fixtureApplier: FixtureApplier | undefined;
  /**
   * Rotations whose function threw (RotateSecret itself succeeds, as on AWS where rotation runs
   * asynchronously; the AWSPENDING version stays and blocks the next rotation).
   */
  readonly rotationFailures: RotationFailure[] = [];

  /**
   * @param options - taken as given: no defaults are read from the environment here.
   * @param applyFixtures - what loads fixture documents (without it, only state documents load).
   */
  constructor(options: SecretsStoreOptions = {}, applyFixtures?: FixtureApplier) {
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    this.region = options.region ?? DEFAULT_REGION;
    this.warnings = options.warnings ?? true;
    this.fixtureApplier = applyFixtures;
    this.ids = createIdSource(options.seed);
    this.clock = options.clock;
    // The file is taken before it is read: what is loaded is what no other store can change any more.
    const persister =
      options.persist === undefined
        ? undefined
        : new Persister(options.persist.path, () => JSON.stringify(this.exportState(), null, 2) + "\n");
    let saved: unknown;
    try {
      saved = persister?.load();
      if (saved !== undefined) this.importState(saved, options.persist!.path);
      else if (typeof options.fixtures === "string") {
        const doc = readJsonFile(options.fixtures, "fixtures");
        // A mistyped path must not start an empty store: every read would then fail far from the cause.
        if (doc === undefined) throw new InvalidDocumentError("fixtures", "", "file not found", path.resolve(options.fixtures));
        this.importState(doc, options.fixtures);
      } else if (options.fixtures !== undefined) this.importState(options.fixtures);
    } catch (e) {
      persister?.release();
      throw e;
    }
    this.initial = this.snapshot();
    this.persister = persister;
    if (persister !== undefined) {
      this.onChange(() => persister.changed());
      if (saved === undefined) persister.changed();
    }
  }

  /**
   * The whole content as a plain JSON object in the documented, versioned state format
   * (`formatVersion: 1`). `JSON.stringify` it to save; {@link importState} reads it back exactly.
   */
  exportState(): StateDocument {
    return writeState(this);
  }

  /**
   * Replaces the whole content with a state document ({@link StateDocument}, `exportState()` output) or a fixture
   * document ({@link FixtureDocument}, `{ secrets: { ... } }`, told apart by the absence of `formatVersion`). The whole
   * document is checked first: on any problem an `InvalidDocumentError` names the path inside it
   * (and `file`), and the store is left exactly as it was.
   */
  importState(doc: unknown, file?: string): void {
    if (!isStateDocument(doc)) {
      const apply = this.requireFixtureApplier();
      this.atomically(() => {
        this.clear();
        apply(this, doc, file);
      });
      return;
    }
    const loaded = readState(doc, file);
    const gen = ++this.generation;
    const partitions = new Map<string, Partition>();
    for (const l of loaded) {
      let nextPurgeAt = Infinity;
      const secrets = new Map<string, SecretRecord>();
      for (const s of l.secrets) {
        s.gen = gen;
        secrets.set(s.name, s);
        if (s.deletionDate !== undefined) nextPurgeAt = Math.min(nextPurgeAt, s.deletionDate);
      }
      partitions.set(partitionKey(l.accountId, l.region), { accountId: l.accountId, region: l.region, gen, secrets, nextPurgeAt });
    }
    this.partitions = partitions;
    this.partitionsGen = gen;
    this.revision++;
    this.membershipRevision++;
    this.epoch++;
    this.notifyChange();
  }

  /**
   * Adds the secrets of a fixture document, through the same checks as CreateSecret (names,
   * sizes, tags). All or nothing: a refused secret leaves the store as it was.
   *
   * @example
   * ```ts
   * store.seed({ secrets: { "prod/db": { SecretString: '{"password":"x"}', Tags: { team: "core" } } } });
   * ```
   */
  seed(fixtures: FixtureDocument): void {
    this.requireFixtureApplier()(this, fixtures);
  }

  private requireFixtureApplier(): FixtureApplier {
    if (this.fixtureApplier === undefined) {
      throw new TypeError("secrets-manager-mock: this store can't load fixture documents (create it with new SecretsStore())");
    }
    return this.fixtureApplier;
  }

  /** Puts the store back to its content right after construction (empty, or its fixtures / loaded state). Cheap. */
  reset(): void {
    this.revert(this.initial);
  }

  /**
   * Resolves once every change is saved (with `persist`); rejects when saving failed. Resolves at
   * once without `persist`.
   */
  flush(): Promise<void> {
    return this.persister === undefined ? Promise.resolve() : this.persister.flush();
  }

  /**
   * With `persist`: saves pending changes, then gives the state file up, so another store (in
   * this process or another) can open it. The store keeps working in memory, but later changes
   * are not saved ({@link flush} then rejects). When saving fails, it rejects and keeps the file
   * (call it again). The file is also given up when the process exits. Resolves at once without `persist`.
   *
   * @example
   * ```ts
   * const store = new SecretsStore({ persist: { path: "./secrets.json" } });
   * // ... use it ...
   * await store.close(); // now another store or process may open ./secrets.json
   * ```
   */
  close(): Promise<void> {
    return this.persister === undefined ? Promise.resolve() : this.persister.close();
  }

  /**
   * @internal Runs `fn` as one change: when it throws, the store goes back to how it was before
   * (without telling listeners); otherwise listeners hear about it once.
   */
  atomically<T>(fn: () => T): T {
    const snap = this.snapshot();
    const revision = this.revision;
    this.muted++;
    let result: T;
    try {
      result = fn();
    } catch (e) {
      this.partitions = snap.partitions as Map<string, Partition>;
      this.generation++;
      this.membershipRevision++;
      throw e;
    } finally {
      this.muted--;
    }
    if (this.revision !== revision) this.notifyChange();
    return result;
  }

  /** The store's current time in epoch milliseconds. */
  now(): number {
    return readClock(this.clock);
  }

  /**
   * The map key of (account, region), kept for the last pair asked: a call looks its partition up
   * several times, and building the key anew each time costs a string and its hash.
   */
  private keyOf(accountId: string, region: string): string {
    if (accountId !== this.lastKeyAccount || region !== this.lastKeyRegion) {
      this.lastKey = partitionKey(accountId, region);
      this.lastKeyAccount = accountId;
      this.lastKeyRegion = region;
    }
    return this.lastKey;
  }

  /** The partition of (account, region), or undefined when nothing was ever stored there. */
  partition(accountId: string, region: string): Partition | undefined {
    return this.partitions.get(this.keyOf(accountId, region));
  }

  /** Every partition that holds or held secrets. */
  allPartitions(): IterableIterator<Partition> {
    return this.partitions.values();
  }

  /** A secret by exact name (read-only view), or undefined. */
  getSecret(accountId: string, region: string, name: string): SecretRecord | undefined {
    return this.partitions.get(this.keyOf(accountId, region))?.secrets.get(name);
  }

  /** @internal A partition that may be changed (copied first when a snapshot shares it). */
  writablePartition(accountId: string, region: string): Partition {
    if (this.partitionsGen !== this.generation) {
      this.partitions = new Map(this.partitions);
      this.partitionsGen = this.generation;
    }
    const key = this.keyOf(accountId, region);
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

  /**
   * @internal {@link edit} for a record just read from this store: the record itself when no
   * snapshot shares it (no lookups), a writable copy otherwise.
   */
  editRecord(accountId: string, region: string, secret: SecretRecord): SecretRecord {
    if (secret.gen === this.generation && this.partitionsGen === this.generation) {
      this.revision++;
      return secret;
    }
    return this.edit(accountId, region, secret.name);
  }

  /** @internal Adds a new secret (the caller checked the name is free). */
  insert(accountId: string, region: string, secret: SecretRecord): void {
    const p = this.writablePartition(accountId, region);
    secret.gen = this.generation;
    p.secrets.set(secret.name, secret);
    if (secret.deletionDate !== undefined) p.nextPurgeAt = Math.min(p.nextPurgeAt, secret.deletionDate);
    this.revision++;
    this.membershipRevision++;
  }

  /** @internal Removes a secret at once. */
  remove(accountId: string, region: string, name: string): void {
    const p = this.writablePartition(accountId, region);
    if (p.secrets.delete(name)) {
      this.revision++;
      this.membershipRevision++;
    }
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
      if (s.deletionDate <= now) {
        p.secrets.delete(name);
        this.membershipRevision++;
      } else {
        next = Math.min(next, s.deletionDate);
      }
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
    this.membershipRevision++;
    this.epoch++;
    this.notifyChange();
  }

  /** Removes every secret of every partition. */
  clear(): void {
    this.partitions = new Map();
    this.generation++;
    this.partitionsGen = this.generation;
    this.revision++;
    this.membershipRevision++;
    this.epoch++;
    this.notifyChange();
  }

  /**
   * Makes `fn` the rotation function behind the Lambda ARN `lambdaArn`: RotateSecret with that
   * ARN runs it for createSecret, setSecret, testSecret and finishSecret. A RotateSecret naming an
   * ARN with no function fails as AWS does for a Lambda it can't invoke. Returns a function that
   * unregisters it.
   */
  registerRotationFunction(lambdaArn: string, fn: RotationFunction): () => void {
    this.rotationFunctions.set(lambdaArn, fn);
    return () => {
      if (this.rotationFunctions.get(lambdaArn) === fn) this.rotationFunctions.delete(lambdaArn);
    };
  }

  /** Removes the rotation function of `lambdaArn`. True when there was one. */
  unregisterRotationFunction(lambdaArn: string): boolean {
    return this.rotationFunctions.delete(lambdaArn);
  }

  /** @internal The rotation function registered for `lambdaArn`. */
  rotationFunction(lambdaArn: string): RotationFunction | undefined {
    return this.rotationFunctions.get(lambdaArn);
  }

  /** Calls `listener` after every change (used by persistence). Returns a function that unsubscribes. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** @internal Tells listeners the store changed. */
  notifyChange(): void {
    if (this.muted > 0) return;
    for (const l of this.changeListeners) l();
  }
}
