/**
 * Model-based testing: random sequences of commands (valid and invalid: unknown names, bad
 * tokens, wrong version ids, reused tokens with other values, invalid names, clock advances) run
 * against a real SecretsManagerClient served by the mock and against the reference model
 * (model.ts). Outputs and errors must match after every step, a failed call must leave the store
 * as it was, and the store invariants (invariants.ts) must hold.
 *
 * CI runs 1,000 sequences through the typed middleware (and 250 through each wire way in) with a
 * fixed seed; `npm run test:deep` runs 20,000 (5,000 per wire way in) (DEEP=1), or set MODEL_RUNS /
 * MODEL_SEED.
 */
import fc from "fast-check";
import { modelledOperations, sequenceArbitrary } from "./commands";
import { WAYS_IN } from "../helpers/ways-in";
import { outcomeCounts, runSequence } from "./harness";

const RUNS = Number(process.env.MODEL_RUNS ?? (process.env.DEEP ? 20_000 : 1_000));
const SEED = Number(process.env.MODEL_SEED ?? 20_261_122);

jest.setTimeout(60_000 + RUNS * 100);

/** The typed middleware gets every sequence; the other ways in (wire protocol) a quarter each. */
const WAYS = WAYS_IN.map((way, i) => [way.name, way, i === 0 ? RUNS : Math.ceil(RUNS / 4), SEED + i] as const);

describe.each(WAYS)("via %s", (_name, way, runs, seed) => {
  test(`${runs} random command sequences agree with the reference model (seed ${seed})`, async () => {
    let sequences = 0;
    let steps = 0;
    outcomeCounts.clear();
    await fc.assert(
      fc.asyncProperty(sequenceArbitrary(22), async (descs) => {
        sequences++;
        steps += await runSequence(descs, way);
      }),
      { numRuns: runs, seed },
    );

    const covered = [...outcomeCounts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
    console.log(`model-based via ${way.name}: ${runs} sequences, ${steps} steps; outcomes: ${covered.join(", ")}`);
    expect(sequences).toBe(runs);
    // Every modelled operation both succeeded and failed somewhere in the run.
    for (const op of modelledOperations()) {
      expect([op, outcomeCounts.get(`${op}:ok`) ?? 0]).not.toEqual([op, 0]);
      expect([op, [...outcomeCounts.keys()].some((k) => k.startsWith(`${op}:`) && !k.endsWith(":ok"))]).toEqual([op, true]);
    }
  });
});

/** Many labels on few secrets: the 20-label limit, label moves and orphaned versions. */
const MANY_LABELS = ["AWSCURRENT", "AWSPREVIOUS", "AWSPENDING", ...Array.from({ length: 21 }, (_, i) => `L${i}`)];

test(`${Math.ceil(RUNS / 4)} label-heavy sequences (one secret, 24 labels, up to 12 per write) agree with the model`, async () => {
  let steps = 0;
  outcomeCounts.clear();
  const arb = sequenceArbitrary(30, {
    labels: MANY_LABELS,
    maxStages: 12,
    oneSecret: true,
    only: ["PutSecretValue", "UpdateSecretVersionStage", "GetSecretValue", "DescribeSecret", "ListSecretVersionIds"],
  });
  await fc.assert(
    fc.asyncProperty(arb, async (descs) => {
      steps += await runSequence(descs);
    }),
    { numRuns: Math.ceil(RUNS / 4), seed: SEED + 100 },
  );

  const covered = [...outcomeCounts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
  console.log(`model-based (label-heavy): ${Math.ceil(RUNS / 4)} sequences, ${steps} steps; outcomes: ${covered.join(", ")}`);
  // The 20-label limit was reached (UpdateSecretVersionStage's own check: regressions.test.ts).
  expect(outcomeCounts.get("PutSecretValue:LimitExceededException")).toBeGreaterThan(0);
});
