/**
 * Long durability run of persistence: SIGKILLs a writer at N seeded random moments (default 200)
 * and checks every file it leaves loads and holds a committed state.
 *
 *   node --import tsx bench/persist-durability.ts [runs=200] [seed=1] [concurrency=4] [maxDelayMs=250]
 *
 * Prints one line per failure and a summary; exits 1 when any run failed.
 */
import { runDurability } from "../__tests__/fixtures/persist-durability";

async function main(): Promise<void> {
  const [runs = 200, seed = 1, concurrency = 4, maxDelayMs = 250] = process.argv.slice(2).map(Number);
  const started = Date.now();
  const results = await runDurability({ runs, seed, concurrency, maxDelayMs });
  const failures = results.filter((r) => !r.ok);
  for (const f of failures) console.log(`run ${f.run} (kill after ${f.delayMs} ms): ${f.problem}`);
  const loaded = results.map((r) => r.loaded).sort((a, b) => a - b);
  const median = loaded[Math.floor(loaded.length / 2)] ?? 0;
  console.log(
    [
      `runs: ${results.length}, failures: ${failures.length}`,
      `kill delays: 0–${maxDelayMs} ms after the first flush (seed ${seed})`,
      `steps found on disk: min ${loaded[0]}, median ${median}, max ${loaded[loaded.length - 1]}`,
      `files ahead of the last reported flush (writes in flight were kept): ${results.filter((r) => r.loaded > r.committed).length}`,
      `runs that left a temporary file behind (harmless, never read): ${results.filter((r) => r.leftoverTempFiles > 0).length}`,
      `time: ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ].join("\n"),
  );
  if (failures.length > 0) process.exitCode = 1;
}

void main();
