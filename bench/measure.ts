/**
 * Measuring helpers. Every figure the bench reports is a ratio to a baseline measured in the same
 * run, and the variants of a comparison are interleaved finely: each round runs every variant
 * for about one millisecond, in a rotating order, and a ratio is the median over rounds of
 * (variant / baseline) within a round. Load from other processes and CPU frequency changes then
 * hit both sides of a ratio alike, and a burst of load spoils a few rounds, not a whole figure.
 * (A benchmark library's per-task time budget runs one variant for its whole budget, then the
 * next: on a shared machine that turns load swings into ratio errors of ±50 %.)
 */

/** One side of a comparison: one action (a send through a client, usually). */
export interface Variant {
  name: string;
  run: () => unknown;
}

/** How long and how often to measure. */
export interface MeasureOptions {
  /** Measuring time for the whole comparison (ms), warm-up excluded. */
  time: number;
  /** At least this many rounds, whatever the time. */
  minRounds: number;
  /** Warm-up time per variant (ms): the JIT settles and state reaches its steady size. */
  warmupTime: number;
  /** Target duration of one variant's slice in a round (ms). Default 1. */
  sliceMs?: number;
}

/** Per-variant nanoseconds per action, one entry per round. */
export type RoundResults = Map<string, number[]>;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const now = () => Number(process.hrtime.bigint());

async function runFor(v: Variant, ms: number): Promise<{ n: number; ns: number }> {
  const t0 = now();
  const end = t0 + ms * 1e6;
  let n = 0;
  let t: number;
  do {
    for (let i = 0; i < 8; i++) await v.run();
    n += 8;
    t = now();
  } while (t < end);
  return { n, ns: t - t0 };
}

async function runN(v: Variant, n: number): Promise<number> {
  const t0 = now();
  for (let i = 0; i < n; i++) await v.run();
  return now() - t0;
}

/**
 * Measures the variants interleaved. Each variant gets its own batch size (about `sliceMs` of
 * work, from its warm-up speed); a round runs one batch of each, the order rotating by round.
 */
export async function measureInterleaved(variants: readonly Variant[], o: MeasureOptions): Promise<RoundResults> {
  const sliceMs = o.sliceMs ?? 1;
  const batch = new Map<string, number>();
  for (const v of variants) {
    const { n, ns } = await runFor(v, o.warmupTime);
    batch.set(v.name, Math.max(1, Math.round((sliceMs * 1e6 * n) / ns)));
  }
  const out: RoundResults = new Map(variants.map((v) => [v.name, []]));
  const end = now() + o.time * 1e6;
  for (let round = 0; round < o.minRounds || now() < end; round++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(k + round) % variants.length];
      const n = batch.get(v.name)!;
      out.get(v.name)!.push((await runN(v, n)) / n);
    }
  }
  return out;
}

/** Median over rounds of (variant / baseline), each ratio taken within one round. */
export function medianRatio(results: RoundResults, variant: string, baseline: string): number {
  const v = results.get(variant)!;
  const b = results.get(baseline)!;
  return median(v.map((x, i) => x / b[i]));
}

/** Median ns per action of a variant. */
export function medianNs(results: RoundResults, variant: string): number {
  return median(results.get(variant)!);
}

/** Number of rounds measured. */
export function roundsOf(results: RoundResults): number {
  return results.values().next().value?.length ?? 0;
}

/** Times `fn` once, in nanoseconds. */
export async function timeOnce(fn: () => unknown): Promise<number> {
  const t0 = now();
  await fn();
  return now() - t0;
}

/** Heap in use after a full collection (needs `node --expose-gc`). */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run node with --expose-gc");
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}
