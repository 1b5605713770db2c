/**
 * Measuring helpers: every figure the bench reports is a ratio to a baseline measured in the
 * same round, and every round runs all the variants of a comparison back to back (in a rotating
 * order), so load from other processes and CPU frequency drift hit both sides of a ratio alike.
 */
import { Bench } from "tinybench";

/** One side of a comparison: an action repeated `batch` times per timed sample. */
export interface Variant {
  name: string;
  /** Runs the action once (a send through a client, usually). */
  run: () => Promise<unknown> | unknown;
}

/** How long and how often to measure. */
export interface MeasureOptions {
  /** Rounds; the reported figures are medians over them. */
  rounds: number;
  /** Time budget per variant per round (ms). */
  time: number;
  /** Warm-up time per variant per round (ms). */
  warmupTime: number;
  /** Actions per timed sample: amortizes the harness's own per-sample cost over fast actions. */
  batch: number;
}

/** Per-variant nanoseconds per action, one entry per round. */
export type RoundResults = Map<string, number[]>;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Measures every variant `rounds` times, interleaved. The figure of a round is the mean time per
 * action (so garbage collection caused by an action counts against it).
 */
export async function measureInterleaved(variants: readonly Variant[], o: MeasureOptions): Promise<RoundResults> {
  const out: RoundResults = new Map(variants.map((v) => [v.name, []]));
  for (let round = 0; round < o.rounds; round++) {
    const bench = new Bench({ time: o.time, warmupTime: o.warmupTime, warmupIterations: 2, iterations: 4, throws: true });
    // Rotate the order so no variant always runs first (or right after a GC-heavy neighbour).
    const order = variants.map((_, i) => variants[(i + round) % variants.length]!);
    for (const v of order) {
      const run = v.run;
      const batch = o.batch;
      bench.add(v.name, async () => {
        for (let i = 0; i < batch; i++) await run();
      });
    }
    await bench.run();
    for (const task of bench.tasks) {
      const r = task.result as { state: string; latency?: { mean: number }; error?: Error };
      if (r.state !== "completed" || r.latency === undefined) throw r.error ?? new Error(`${task.name}: ${r.state}`);
      out.get(task.name)!.push((r.latency.mean * 1e6) / o.batch);
    }
  }
  return out;
}

/** Median over rounds of (variant / baseline), each ratio taken within one round. */
export function medianRatio(results: RoundResults, variant: string, baseline: string): number {
  const v = results.get(variant)!;
  const b = results.get(baseline)!;
  return median(v.map((x, i) => x / b[i]!));
}

/** Median ns per action of a variant. */
export function medianNs(results: RoundResults, variant: string): number {
  return median(results.get(variant)!);
}

/** Times `fn` once, in nanoseconds. */
export async function timeOnce(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0);
}

/** Heap in use after a full collection (needs `node --expose-gc`). */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run node with --expose-gc");
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}
