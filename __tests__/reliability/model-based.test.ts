/**
 * Model-based testing: random sequences of commands (valid and invalid: unknown names, bad
 * tokens, wrong version ids, reused tokens with other values, invalid names, clock advances) run
 * against a real SecretsManagerClient served by the mock and against the reference model
 * (model.ts). Outputs and errors must match after every step, a failed call must leave the store
 * as it was, and the store invariants (invariants.ts) must hold.
 *
 * CI runs 1,000 sequences with a fixed seed; `npm run test:deep` runs 20,000 (DEEP=1), or set
 * MODEL_RUNS / MODEL_SEED.
 */
import fc from "fast-check";
import { descArbitrary, modelledOperations } from "./commands";
import { runSequence } from "./harness";

const RUNS = Number(process.env.MODEL_RUNS ?? (process.env.DEEP ? 20_000 : 1_000));
const SEED = Number(process.env.MODEL_SEED ?? 20_261_122);

jest.setTimeout(process.env.DEEP ? 3_600_000 : 120_000);

test(`${RUNS} random command sequences agree with the reference model (seed ${SEED})`, async () => {
  let sequences = 0;
  let steps = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(descArbitrary(), { minLength: 1, maxLength: 25, size: "max" }), async (descs) => {
      sequences++;
      steps += await runSequence(descs);
    }),
    { numRuns: RUNS, seed: SEED },
  );
  // eslint-disable-next-line no-console
  console.log(`model-based: ${RUNS} sequences (${sequences} runs incl. shrinking, ${steps} steps), operations: ${modelledOperations().join(", ")}`);
  expect(sequences).toBeGreaterThanOrEqual(RUNS);
});
