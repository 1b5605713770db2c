/**
 * Scale: the cost of a call must not grow with the store. Lookups in a 100,000-secret store vs a
 * 10-secret store (by name, full ARN and partial ARN); PutSecretValue on a secret holding 100
 * deprecated versions vs a fresh one; a full ListSecrets walk at 100,000 vs 1,000 secrets.
 * Measured through a `cacheMiddleware` client, where the SDK's own cost is smallest and the
 * mock's is most visible.
 */
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  paginateListSecrets,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore, supportedOperations } from "secrets-manager-mock";
import { middlewareClient, mockedClient } from "./clients.js";
import { dispatchSync, filledStore, type FilledStore, kibValue, secretName, START } from "./fixtures.js";
import { type MeasureOptions, measureInterleaved, median, medianNs, medianRatio, timeOnce } from "./measure.js";

export type IdKind = "name" | "full ARN" | "partial ARN";

export interface LookupRow {
  operation: "GetSecretValue" | "DescribeSecret";
  by: IdKind;
  /** 10-secret store, its 10 secrets read in turn. */
  smallNs: number;
  /** 100,000-secret store, 10 secrets spread over it read in turn (same working set: the store's size alone differs). */
  largeNs: number;
  ratio: number;
  /** 100,000-secret store, 1,024 secrets spread over it read in turn (a larger working set; reported, no target). */
  largeWideNs: number;
  wideRatio: number;
}

function idOf(store: SecretsStore, name: string, kind: IdKind): string {
  const arn = store.getSecret(store.accountId, store.region, name)!.arn;
  if (kind === "name") return name;
  if (kind === "full ARN") return arn;
  return arn.slice(0, -7); // without "-XXXXXX"
}

/** Up to `n` secret ids spread evenly over the store. */
function sampleIds(f: FilledStore, n: number, kind: IdKind): string[] {
  const step = Math.max(1, Math.floor(f.count / n));
  const ids: string[] = [];
  for (let i = 0; i < f.count && ids.length < n; i += step) ids.push(idOf(f.store, secretName(i), kind));
  return ids;
}

/** GetSecretValue / DescribeSecret at 100,000 secrets vs 10, each id kind. */
export async function benchLookups(small: FilledStore, large: FilledStore, o: MeasureOptions): Promise<LookupRow[]> {
  const smallClient = middlewareClient("cacheMiddleware", small.store);
  const largeClient = middlewareClient("cacheMiddleware", large.store);
  const rows: LookupRow[] = [];
  for (const operation of ["GetSecretValue", "DescribeSecret"] as const) {
    const Cmd = operation === "GetSecretValue" ? GetSecretValueCommand : DescribeSecretCommand;
    for (const by of ["name", "full ARN", "partial ARN"] as const) {
      const loop = (client: SecretsManagerClient, ids: string[]) => {
        let i = 0;
        return () => client.send(new Cmd({ SecretId: ids[i++ % ids.length] }));
      };
      const results = await measureInterleaved(
        [
          { name: "small", run: loop(smallClient, sampleIds(small, 10, by)) },
          { name: "large", run: loop(largeClient, sampleIds(large, 10, by)) },
          { name: "large, 1,024 secrets", run: loop(largeClient, sampleIds(large, 1024, by)) },
        ],
        o,
      );
      rows.push({
        operation,
        by,
        smallNs: medianNs(results, "small"),
        largeNs: medianNs(results, "large"),
        ratio: medianRatio(results, "large", "small"),
        largeWideNs: medianNs(results, "large, 1,024 secrets"),
        wideRatio: medianRatio(results, "large, 1,024 secrets", "small"),
      });
    }
  }
  return rows;
}

export interface RetentionResult {
  freshNs: number;
  deprecatedNs: number;
  ratio: number;
  deprecatedVersionsHeld: number;
}

/**
 * PutSecretValue on secrets that hold 100 deprecated versions (each put, 25 h after the last,
 * removes the oldest: the retention rule runs on every call) vs fresh secrets, in one store.
 */
export async function benchRetention(o: MeasureOptions): Promise<RetentionResult> {
  const HEAVY = 16;
  const FRESH = 10_000;
  const clock = new ManualClock(START);
  const store = new SecretsStore({ clock });
  const caller = { accountId: store.accountId, region: store.region };
  let t = START;
  const advance = () => clock.set((t += 25 * 3_600_000));
  for (let i = 0; i < FRESH; i++) dispatchSync(store, "CreateSecret", { Name: `fresh/${i}`, SecretString: "v0" }, caller);
  for (let h = 0; h < HEAVY; h++) {
    dispatchSync(store, "CreateSecret", { Name: `heavy/${h}`, SecretString: "v0" }, caller);
    for (let k = 0; k < 110; k++) {
      advance();
      dispatchSync(store, "PutSecretValue", { SecretId: `heavy/${h}`, SecretString: `v${k}` }, caller);
    }
  }
  const client = middlewareClient("cacheMiddleware", store);
  const values = Array.from({ length: 64 }, (_, i) => `value-${i}`);
  const loop = (prefix: string, n: number) => {
    let i = 0;
    return () => {
      advance();
      i++;
      return client.send(new PutSecretValueCommand({ SecretId: `${prefix}/${i % n}`, SecretString: values[i & 63] }));
    };
  };
  const results = await measureInterleaved(
    [
      { name: "fresh", run: loop("fresh", FRESH) },
      { name: "deprecated", run: loop("heavy", HEAVY) },
    ],
    o,
  );
  const heavy = store.getSecret(store.accountId, store.region, "heavy/0")!;
  let deprecated = 0;
  for (const v of heavy.versions.values()) if (v.stages.length === 0) deprecated++;
  return {
    freshNs: medianNs(results, "fresh"),
    deprecatedNs: medianNs(results, "deprecated"),
    ratio: medianRatio(results, "deprecated", "fresh"),
    deprecatedVersionsHeld: deprecated,
  };
}

export interface ListingResult {
  supported: boolean;
  smallCount?: number;
  largeCount?: number;
  /** ns per secret in the store, for a full walk. */
  unfiltered?: { smallNsPerSecret: number; largeNsPerSecret: number; ratio: number; sumRatio: number };
  /** Same, with a name-prefix filter keeping a tenth of the secrets. */
  filtered?: { smallNsPerSecret: number; largeNsPerSecret: number; ratio: number; sumRatio: number; filteredOverUnfiltered: number };
}

async function walk(client: SecretsManagerClient, filtered: boolean): Promise<number> {
  let n = 0;
  const input = filtered ? { Filters: [{ Key: "name" as const, Values: ["bench/g3/"] }] } : {};
  for await (const page of paginateListSecrets({ client, pageSize: 100 }, input)) n += page.SecretList?.length ?? 0;
  return n;
}

/** Small walks per slice of the large walk in {@link benchListing}. */
const SMALL_WALKS_PER_SLICE = 25;

/**
 * Full paginateListSecrets walks: ns per secret at `large` vs `small`. The large walk is timed in
 * slices of as many secrets as 25 small walks cover (250 pages, or 25 when filtered), each slice
 * followed by 25 small walks: a ratio per slice, the median over `walks` full large walks (a
 * filtered walk has a tenth of the pages, so it is repeated more often for as many slices).
 * (Timing two whole walks one after the other left every figure to the load of the moment:
 * per-round ratios of one run spread from ×0.85 to ×1.66 on a shared machine.)
 */
export async function benchListing(
  small: FilledStore,
  large: FilledStore,
  walks: { unfiltered: number; filtered: number },
): Promise<ListingResult> {
  if (!supportedOperations().includes("ListSecrets")) return { supported: false };
  const smallMock = mockedClient("cacheMiddleware", small.store);
  const largeMock = mockedClient("cacheMiddleware", large.store);
  const smallClient = smallMock.client;
  const largeClient = largeMock.client;
  // Warm up both paths (and check the walks see every secret).
  const seenSmall = await walk(smallClient, false);
  const seenLarge = await walk(largeClient, false);
  if (seenSmall !== small.count || seenLarge !== large.count) {
    throw new Error(`ListSecrets walk saw ${seenSmall}/${small.count} and ${seenLarge}/${large.count} secrets`);
  }
  await walk(smallClient, true);
  await walk(largeClient, true);

  const measure = async (filtered: boolean) => {
    const smallNs: number[] = [];
    const largeNs: number[] = [];
    let largeTotal = 0;
    let smallTotal = 0;
    // A fresh input per walk: the SDK's paginator sets NextToken on the input object it is given.
    const input = () => (filtered ? { Filters: [{ Key: "name" as const, Values: ["bench/g3/"] }] } : {});
    // A slice: the large walk's pages that scan as many secrets as SMALL_WALKS_PER_SLICE small walks
    // (slices as short as one small walk measured the switching between the two stores more than
    // either walk: ×1.45–×1.56 filtered with 1 or 10 walks a slice, ×1.2–×1.36 with 25).
    const pagesPerSlice = SMALL_WALKS_PER_SLICE * (filtered ? 1 : small.count / 100);
    for (let w = 0; w < (filtered ? walks.filtered : walks.unfiltered); w++) {
      // As between tests: each walk keeps its own calls, none of the earlier walks'.
      smallMock.mock.resetHistory();
      largeMock.mock.resetHistory();
      (globalThis as { gc?: () => void }).gc?.();
      const pages = paginateListSecrets({ client: largeClient, pageSize: 100 }, input())[Symbol.asyncIterator]();
      // The walk ends at the `break` below, after the slice that finds the generator finished.
      let done = false;
      for (;;) {
        const t0 = process.hrtime.bigint();
        for (let p = 0; p < pagesPerSlice && !done; p++) done = (await pages.next()).done === true;
        const largeTime = Number(process.hrtime.bigint() - t0);
        const smallTime = await timeOnce(async () => {
          for (let k = 0; k < SMALL_WALKS_PER_SLICE; k++) await walk(smallClient, filtered);
        });
        if (done) break; // the generator's last call only says it is finished
        largeNs.push(largeTime / (SMALL_WALKS_PER_SLICE * small.count));
        smallNs.push(smallTime / (SMALL_WALKS_PER_SLICE * small.count));
        largeTotal += largeTime;
        smallTotal += smallTime;
        smallMock.mock.resetHistory();
      }
    }
    return { smallNs, largeNs, sumRatio: largeTotal / smallTotal };
  };
  const u = await measure(false);
  const f = await measure(true);
  const ratio = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]));
  return {
    supported: true,
    smallCount: small.count,
    largeCount: large.count,
    unfiltered: {
      smallNsPerSecret: median(u.smallNs),
      largeNsPerSecret: median(u.largeNs),
      ratio: ratio(u.largeNs, u.smallNs),
      sumRatio: u.sumRatio,
    },
    filtered: {
      smallNsPerSecret: median(f.smallNs),
      largeNsPerSecret: median(f.largeNs),
      ratio: ratio(f.largeNs, f.smallNs),
      sumRatio: f.sumRatio,
      filteredOverUnfiltered: median(f.largeNs) / median(u.largeNs),
    },
  };
}

export { filledStore, kibValue };
