/**
 * What the sidecars (the Lambda extension, the Secrets Manager Agent, Cloud Extensions' Secrets
 * Manager extension) have in common: a cache of answers on the store's clock, the calls they make
 * to the store as the real sidecars make them to Secrets Manager, and the small interface the
 * server is handed for each of them.
 *
 * The cache never serves what the store lost: it remembers the store's `epoch` (which
 * `reset()`, a snapshot `revert()`, `clear()` and `importState()` increase) and empties itself
 * when that has moved.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ServiceError } from "../errors.js";
import { ResponseBatch } from "../server/http-responses.js";
import type { CallerIdentity } from "../operations/context.js";
import { dispatch } from "../operations/index.js";
import type { DescribeSecretResponse, GetSecretValueResponse } from "@aws-sdk/client-secrets-manager";
import type { SecretsStoreCore } from "../store/secrets-store.js";

/** What a cache entry is filed under: the request's own parameters, as the client gave them. */
export interface SidecarCacheKey {
  secretId: string;
  versionId?: string | undefined;
  versionStage?: string | undefined;
}

/** One cached answer as the console and `GET /_mock/sidecars` show it: never the value. */
export interface SidecarCacheEntryView {
  /** Which route family filled it (`secretsmanager`, or `parameter-reference` on the Lambda extension). */
  route: string;
  secretId: string;
  versionId?: string;
  versionStage?: string;
  /** The version the cached answer holds. */
  cachedVersionId: string;
  /** When it was stored (store clock, ISO 8601). */
  storedAt: string;
  /** When it stops being served as is (store clock, ISO 8601). */
  expiresAt: string;
}

/** Limits of a {@link SidecarCache}. */
export interface SidecarCacheLimits {
  /** How long an entry is served, in ms; 0 means every entry is expired as soon as it is stored. */
  ttlMs: number;
  /** Entries kept; the least recently stored goes first. 0 keeps nothing. */
  maxEntries: number;
}

/** What a cache holds for one key: the version it is of, the ARN to revalidate it with, and whatever the sidecar needs to answer. */
export interface CachedAnswer {
  arn: string;
  versionId: string;
}

/** A cached answer that is the sidecar's whole response body (every sidecar's). */
export interface BodyAnswer extends CachedAnswer {
  body: string;
}

/** The cached answer of GetSecretValue's `output`, answered with `body`. */
export function bodyAnswer(output: GetSecretValueResponse, body: string): BodyAnswer {
  return { arn: output.ARN!, versionId: output.VersionId!, body };
}

interface Entry<V> {
  route: string;
  key: SidecarCacheKey;
  value: V;
  storedAt: number;
}

/** An entry found in the cache, with whether its TTL has passed. */
export interface CacheHit<V> {
  value: V;
  expired: boolean;
}

/**
 * A sidecar's in-memory cache, on the store's clock. Entries are kept in the order they were
 * last stored (storing an existing key moves it to the end), and the oldest goes when the cache
 * is full: the Agent's `LinkedHashMap` cache (`aws_secretsmanager_caching`, memory_store).
 */
export class SidecarCache<V extends CachedAnswer> {
  private readonly entries = new Map<string, Entry<V>>();
  private epoch: number;

  constructor(
    private readonly store: SecretsStoreCore,
    readonly limits: SidecarCacheLimits,
  ) {
    this.epoch = store.epoch;
  }

  /** False when nothing is ever kept (`maxEntries` 0: the Lambda extension with its cache off or its TTL 0). */
  get enabled(): boolean {
    return this.limits.maxEntries > 0;
  }

  private sync(): void {
    if (this.epoch !== this.store.epoch) {
      this.entries.clear();
      this.epoch = this.store.epoch;
    }
  }

  /** The entry of `key`, fresh or expired; undefined when there is none. */
  get(route: string, key: SidecarCacheKey): CacheHit<V> | undefined {
    this.sync();
    const entry = this.entries.get(keyString(route, key));
    if (entry === undefined) return undefined;
    const age = this.store.now() - entry.storedAt;
    return { value: entry.value, expired: this.limits.ttlMs === 0 || age > this.limits.ttlMs };
  }

  /** Stores `value` under `key` now (a stored key moves to the end and its TTL starts again). */
  set(route: string, key: SidecarCacheKey, value: V): void {
    if (!this.enabled) return;
    this.sync();
    const k = keyString(route, key);
    this.entries.delete(k);
    this.entries.set(k, { route, key: { ...key }, value, storedAt: this.store.now() });
    if (this.entries.size > this.limits.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.clear();
    this.epoch = this.store.epoch;
  }

  /** Number of entries. */
  get size(): number {
    this.sync();
    return this.entries.size;
  }

  /** Every entry, oldest first, without values. */
  list(): SidecarCacheEntryView[] {
    this.sync();
    return [...this.entries.values()].map((e) => ({
      route: e.route,
      secretId: e.key.secretId,
      ...(e.key.versionId !== undefined && { versionId: e.key.versionId }),
      ...(e.key.versionStage !== undefined && { versionStage: e.key.versionStage }),
      cachedVersionId: e.value.versionId,
      storedAt: new Date(e.storedAt).toISOString(),
      expiresAt: new Date(e.storedAt + this.limits.ttlMs).toISOString(),
    }));
  }
}

function keyString(route: string, key: SidecarCacheKey): string {
  return JSON.stringify([route, key.secretId, key.versionId ?? null, key.versionStage ?? null]);
}

/** What the server is handed for each sidecar: its name, what answers its listener, and its cache. */
export interface Sidecar {
  /** `lambda-extension`, `agent` or `cloud-extensions`. */
  readonly name: SidecarName;
  /** Answers one request to the sidecar's listener (synchronously when it can). */
  answer(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
  /** What it has cached. */
  readonly cache: SidecarCache<CachedAnswer>;
}

/** The sidecars the mock answers as. */
export type SidecarName = "lambda-extension" | "agent" | "cloud-extensions";

/** What a sidecar's cache holds, as `GET /_mock/sidecars` and {@link SecretsManagerSidecarCaches} list it. */
export interface SidecarCacheReport {
  sidecar: SidecarName;
  ttlSeconds: number;
  maxEntries: number;
  entries: SidecarCacheEntryView[];
}

/** The caches of a server's sidecars (the server object's `sidecarCaches`). */
export interface SecretsManagerSidecarCaches {
  /** What each running sidecar has cached (keys, version ids and expiry; never values). */
  list(): SidecarCacheReport[];
  /** Empties every sidecar's cache, as restarting the sidecars would. */
  clear(): void;
}

/** The report of `sidecars`' caches. */
export function sidecarCacheReports(sidecars: readonly Sidecar[]): SidecarCacheReport[] {
  return sidecars.map((s) => ({
    sidecar: s.name,
    ttlSeconds: s.cache.limits.ttlMs / 1000,
    maxEntries: s.cache.limits.maxEntries,
    entries: s.cache.list(),
  }));
}

/** The store calls a sidecar makes, as the real one makes them to Secrets Manager, for one caller. */
export class SidecarBackend {
  constructor(
    readonly store: SecretsStoreCore,
    readonly caller: CallerIdentity,
  ) {}

  /** GetSecretValue; throws the ServiceError AWS would answer. */
  getSecretValue(key: SidecarCacheKey, caller: CallerIdentity = this.caller): GetSecretValueResponse {
    const input: Record<string, string> = { SecretId: key.secretId };
    if (key.versionId !== undefined) input.VersionId = key.versionId;
    if (key.versionStage !== undefined) input.VersionStage = key.versionStage;
    return this.call("GetSecretValue", input, caller);
  }

  /** DescribeSecret; throws the ServiceError AWS would answer. */
  describeSecret(secretId: string, caller: CallerIdentity = this.caller): DescribeSecretResponse {
    return this.call("DescribeSecret", { SecretId: secretId }, caller);
  }

  private call(operation: string, input: Record<string, string>, caller: CallerIdentity): object {
    let output: object | Promise<object>;
    try {
      output = dispatch(this.store, operation, input, caller);
    } catch (err) {
      throw err instanceof ServiceError ? err : new ServiceError("InternalServiceError", "An error occurred on the server side.");
    }
    // GetSecretValue and DescribeSecret are synchronous operations of the store.
    if (output instanceof Promise) throw new ServiceError("InternalServiceError", "An error occurred on the server side.");
    return output;
  }
}

/**
 * The Agent's read through its cache (`aws_secretsmanager_caching`, lib.rs), which Cloud
 * Extensions documents the same way:
 * - `refreshNow`: GetSecretValue, stored (TTL starts again), errors returned (not cached);
 * - a fresh entry is served;
 * - no entry: GetSecretValue, stored;
 * - an expired entry: DescribeSecret (by the cached ARN); when the version asked for is still
 *   the cached one, the entry is stored again (TTL reset) and served; else GetSecretValue anew.
 *
 * `answer` turns GetSecretValue's output into what is cached (the sidecar's body).
 */
export function readThroughRevalidatingCache<V extends CachedAnswer>(
  cache: SidecarCache<V>,
  backend: SidecarBackend,
  route: string,
  key: SidecarCacheKey,
  refreshNow: boolean,
  answer: (output: GetSecretValueResponse) => V,
  caller: CallerIdentity = backend.caller,
): V {
  if (!refreshNow) {
    const hit = cache.get(route, key);
    if (hit !== undefined && !hit.expired) return hit.value;
    if (hit !== undefined && isCurrent(backend, key, hit.value, caller)) {
      cache.set(route, key, hit.value);
      return hit.value;
    }
  }
  const value = answer(backend.getSecretValue(key, caller));
  cache.set(route, key, value);
  return value;
}

/** `is_current` of lib.rs: is the cached answer still the version asked for? */
function isCurrent(backend: SidecarBackend, key: SidecarCacheKey, cached: CachedAnswer, caller: CallerIdentity): boolean {
  const described = backend.describeSecret(cached.arn, caller);
  const stages = described.VersionIdsToStages;
  if (stages === undefined) return false;
  if (key.versionId !== undefined && key.versionStage === undefined) return Object.hasOwn(stages, key.versionId);
  const versionId = key.versionId ?? cached.versionId;
  const stage = key.versionStage ?? "AWSCURRENT";
  return Object.hasOwn(stages, versionId) && (stages[versionId] ?? []).includes(stage);
}

/** `true`, `false`, `1`, `0` in any case (the Agent's parse.rs); undefined for anything else. */
export function parseRefreshNow(value: string): boolean | undefined {
  switch (value.toLowerCase()) {
    case "true":
    case "1":
      return true;
    case "false":
    case "0":
      return false;
    default:
      return undefined;
  }
}

/** A header value that node:http accepts (printable ASCII), for the mock's own diagnostic headers. */
export function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?");
}

/** The sidecars' answers of one event-loop turn go out together at its end, as the API route's do. */
const batch = new ResponseBatch();

/** Sends a text body with `headers` and its length (at the end of this turn of the event loop). */
export function sendText(res: ServerResponse, statusCode: number, body: string, headers: Record<string, string> = {}): void {
  batch.send(res, { statusCode, headers, body });
}
