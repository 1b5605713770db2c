/**
 * Durability under SIGKILL, with the store invariants checked on every file left behind.
 *
 *   npx tsx bench/durability.ts [kills=200] [seed=1] [concurrency=4]
 *
 * Prints the number of kills survived; exits 1 when any file failed a check.
 */
import { killAndCheck } from "../__tests__/reliability/durability-check";

async function main(): Promise<void> {
  const [kills = 200, seed = 1, concurrency = 4] = process.argv.slice(2).map(Number);
  const started = Date.now();
  const report = await killAndCheck(kills, seed, concurrency);
  for (const p of report.problems) console.log(p);
  console.log(
    `kills: ${report.kills}, survived: ${report.survived}, failures: ${report.problems.length} (seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (report.problems.length > 0) process.exitCode = 1;
}

void main();
