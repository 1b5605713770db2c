/**
 * Durability: 20 SIGKILLs of a persisting writer at seeded random moments; every lock left is
 * taken over by the next store, and every file left loads, holds a committed state, satisfies the
 * store invariants and round-trips through
 * exportState/fromState. `npx tsx bench/durability.ts 200` runs the same with 200 kills.
 */
import { killAndCheck } from "./durability-check";

jest.setTimeout(120_000);

test("20 kills at random moments: every lock left is taken over, every file left is a committed state that keeps the invariants", async () => {
  const report = await killAndCheck(20, 20_261_123, 4);
  expect(report.problems).toEqual([]);
  expect(report.kills).toBe(20);
  expect(report.survived).toBe(20);

  console.log(`durability: ${report.survived}/${report.kills} kills survived`);
});
