/**
 * Paging through the secrets of a partition in a sort order: what ListSecrets and
 * BatchGetSecretValue (Filters mode) share.
 *
 * Cost: a sorted view of the partition is built once and reused by every page until a secret is
 * added or removed (or, for the date sorts that can change, until anything changes); a page
 * resumes from its token in O(1), so a full paginated walk costs time linear in the number of
 * secrets. Secrets are read from the live partition, so a reused view never returns stale data.
 *
 * Tokens are keyset tokens (sort key + name of the last secret returned): resuming continues after
 * that secret even when secrets were added or removed between pages, so every secret that exists
 * for the whole walk is listed exactly once.
 */
import { ServiceError } from "../errors.js";
import type { SecretRecord } from "../store/records.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";
import type { OperationContext } from "./context.js";
import type { CompiledFilters } from "./secret-filters.js";

/** ListSecrets' `SortBy`. */
export type SortBy = "created-date" | "last-accessed-date" | "last-changed-date" | "name";
/** ListSecrets' `SortOrder`. */
export type SortOrder = "asc" | "desc";

/** One page request. */
export interface PageRequest {
  sortBy: SortBy;
  order: SortOrder;
  /** Secrets to keep (all when undefined). */
  filter?: CompiledFilters | undefined;
  /** Whether secrets scheduled for deletion are listed. */
  includePlannedDeletion: boolean;
  pageSize: number;
  nextToken?: string | undefined;
}

/** One page: the secrets, and the token of the next page when more secrets follow. */
export interface Page {
  secrets: SecretRecord[];
  nextToken?: string;
}

/** The text of InvalidNextTokenException (AWS's exact text is unverified). */
export const INVALID_NEXT_TOKEN = "The NextToken value is invalid.";

type Key = number | string;

/** A partition's secret names in one sort order. */
interface SortedView {
  readonly membership: number;
  readonly revision: number;
  /** Store generation: records are replaced (copy-on-write) only when it changes. */
  readonly generation: number;
  readonly size: number;
  readonly names: string[];
  readonly keys: Key[];
  /**
   * The records, in view order: valid while the view is (no secret added or removed, same
   * generation), because records are changed in place within a generation. Reading them here
   * instead of looking each name up keeps a filtered walk over a large partition cheap.
   */
  readonly records: SecretRecord[];
  /** Name → position, built on the first resume that needs it. */
  index?: Map<string, number>;
  /**
   * Every name in view order in one string, each followed by NUL (which no name or filter value
   * holds), and where each starts: a name filter reads one contiguous string instead of a string
   * object per secret, scattered over the heap. Built on the first filtered page.
   */
  text?: { readonly all: string; readonly starts: Int32Array };
}

/** The names of a view as one string (see {@link SortedView.text}). */
function namesText(view: SortedView): { readonly all: string; readonly starts: Int32Array } {
  if (view.text !== undefined) return view.text;
  const starts = new Int32Array(view.names.length);
  let at = 0;
  for (let i = 0; i < view.names.length; i++) {
    starts[i] = at;
    at += view.names[i].length + 1;
  }
  view.text = { all: view.names.join("\0") + "\0", starts };
  return view.text;
}

const views = new WeakMap<SecretsStoreCore, Map<string, SortedView>>();

function sortKey(sortBy: SortBy, s: SecretRecord): Key {
  switch (sortBy) {
    case "created-date":
      return s.createdDate;
    case "last-changed-date":
      return s.lastChangedDate;
    // Never-read secrets sort before every read one.
    case "last-accessed-date":
      return s.lastAccessedDate ?? -Infinity;
    case "name":
      return s.name;
  }
}

const compareKeys = (a: Key, b: Key): number => (a < b ? -1 : a > b ? 1 : 0);

/** Created date and name never change, so their order only moves when secrets come or go. */
const isStableSort = (sortBy: SortBy) => sortBy === "created-date" || sortBy === "name";

function buildView(store: SecretsStoreCore, secrets: ReadonlyMap<string, SecretRecord>, sortBy: SortBy, order: SortOrder): SortedView {
  let names: string[] = [];
  let keys: Key[] = [];
  let sorted = true;
  for (const s of secrets.values()) {
    const k = sortKey(sortBy, s);
    if (keys.length > 0 && compareKeys(keys[keys.length - 1], k) > 0) sorted = false;
    names.push(s.name);
    keys.push(k);
  }
  if (!sorted && sortBy === "name") {
    // Names are unique strings: the native comparison (UTF-16 code units) is the fastest sort.
    names.sort();
    keys = names.slice();
  } else if (!sorted) {
    // Stable: equal keys keep the partition's order, which is creation order.
    const perm = names.map((_, i) => i).sort((a, b) => compareKeys(keys[a], keys[b]));
    names = perm.map((i) => names[i]);
    keys = perm.map((i) => keys[i]);
  }
  if (order === "desc") {
    names.reverse();
    keys.reverse();
  }
  const records = names.map((n) => secrets.get(n)!);
  return {
    membership: store.membershipRevision,
    revision: store.revision,
    generation: store.generation,
    size: secrets.size,
    names,
    keys,
    records,
  };
}

function viewFor(ctx: OperationContext, secrets: ReadonlyMap<string, SecretRecord>, sortBy: SortBy, order: SortOrder): SortedView {
  let perStore = views.get(ctx.store);
  if (perStore === undefined) views.set(ctx.store, (perStore = new Map<string, SortedView>()));
  const cacheKey = `${ctx.accountId}\u0000${ctx.region}\u0000${sortBy}\u0000${order}`;
  const cached = perStore.get(cacheKey);
  if (
    cached !== undefined &&
    cached.membership === ctx.store.membershipRevision &&
    cached.generation === ctx.store.generation &&
    cached.size === secrets.size &&
    (isStableSort(sortBy) || cached.revision === ctx.store.revision)
  ) {
    return cached;
  }
  const view = buildView(ctx.store, secrets, sortBy, order);
  perStore.set(cacheKey, view);
  return view;
}

/** What a token remembers: the sort, and where the last returned secret was. */
interface Cursor {
  /** Sort and order the token was made for. */
  s: SortBy;
  o: SortOrder;
  /** Sort key of the last secret returned (`null` for a never-read secret under last-accessed-date). */
  k: Key | null;
  /** Name of the last secret returned. */
  n: string;
  /** Its position in the view, and among the secrets sharing its key (hints for a fast resume). */
  p: number;
  t: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), "utf8").toString("base64");
}

function invalidToken(): ServiceError {
  return new ServiceError("InvalidNextTokenException", INVALID_NEXT_TOKEN);
}

function decodeCursor(token: string, sortBy: SortBy, order: SortOrder): Cursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch {
    throw invalidToken();
  }
  if (typeof c !== "object" || c === null) throw invalidToken();
  const { s, o, k, n, p, t } = c as Record<string, unknown>;
  const keyOk = typeof k === "string" || typeof k === "number" || k === null;
  if (s !== sortBy || o !== order || !keyOk || typeof n !== "string" || !Number.isInteger(p) || !Number.isInteger(t)) {
    throw invalidToken();
  }
  return c as Cursor;
}

/** First position whose key is at or after `k` in the view's direction (`strict`: after). */
function seek(view: SortedView, k: Key, dir: number, strict: boolean): number {
  let lo = 0;
  let hi = view.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareKeys(view.keys[mid], k) * dir;
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where a page continues after the secret a cursor names. */
function resumeAt(view: SortedView, c: Cursor, dir: number): number {
  const key: Key = c.k === null ? -Infinity : c.k;
  if (view.names[c.p] === c.n && view.keys[c.p] === key) return c.p + 1;
  if (view.index === undefined) {
    view.index = new Map();
    view.names.forEach((name, i) => view.index!.set(name, i));
  }
  const at = view.index.get(c.n);
  if (at !== undefined && view.keys[at] === key) return at + 1;
  // The last secret is gone (or its sort key moved): continue after its old place among the
  // secrets that share its key, which keep their relative order.
  const first = seek(view, key, dir, false);
  const after = seek(view, key, dir, true);
  return Math.min(first + c.t, after);
}

/** One page of the caller's partition. */
export function listPage(ctx: OperationContext, req: PageRequest): Page {
  const partition = ctx.store.partition(ctx.accountId, ctx.region);
  const cursor = req.nextToken === undefined ? undefined : decodeCursor(req.nextToken, req.sortBy, req.order);
  if (partition === undefined) return { secrets: [] };
  const view = viewFor(ctx, partition.secrets, req.sortBy, req.order);
  const records = view.records;
  const dir = req.order === "asc" ? 1 : -1;
  const byName = req.filter?.byName;
  const text = byName === undefined ? undefined : namesText(view);
  const live = (s: SecretRecord | undefined): s is SecretRecord =>
    s !== undefined && (req.includePlannedDeletion || s.deletedDate === undefined);
  // A name filter is tested on the view's names first: the record is fetched only for a match.
  const keep = (i: number): boolean =>
    byName !== undefined
      ? byName(text!.all, text!.starts[i]) && live(records[i])
      : live(records[i]) && (req.filter === undefined || req.filter(records[i]));

  const out: SecretRecord[] = [];
  let i = cursor === undefined ? 0 : resumeAt(view, cursor, dir);
  let last = -1;
  for (; i < view.names.length && out.length < req.pageSize; i++) {
    if (keep(i)) {
      out.push(records[i]);
      last = i;
    }
  }
  let more = false;
  for (; i < view.names.length && !more; i++) more = keep(i);
  if (!more || last < 0) return { secrets: out };
  const key = view.keys[last];
  const nextToken = encodeCursor({
    s: req.sortBy,
    o: req.order,
    k: key === -Infinity ? null : key,
    n: view.names[last],
    p: last,
    t: last - seek(view, key, dir, false),
  });
  return { secrets: out, nextToken };
}
