/**
 * Crash safety of persistence: a writer process is SIGKILLed at 20 seeded random moments; every
 * file it leaves must load and hold a committed state (never torn, never older than a flush).
 * bench/persist-durability.ts runs the same check with 200 kills.
 */
import { runDurability } from "../fixtures/persist-durability";

jest.setTimeout(60_000);

test("20 SIGKILLs at random moments leave a loadable, committed state every time", async () => {
  const results = await runDurability({ runs: 20, seed: 20241122, concurrency: 5 });
  const failures = results.filter((r) => !r.ok);
  expect(failures).toEqual([]);
  expect(results).toHaveLength(20);
  // The writer made progress past its first flush in most runs (the kills hit a busy writer).
  expect(results.filter((r) => r.loaded > 0).length).toBeGreaterThanOrEqual(3);
});
