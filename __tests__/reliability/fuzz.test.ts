/**
 * Fuzzed inputs, driven by the model's input shapes (INPUT_SHAPES): every member of every
 * supported operation (nested members too) gets wrong types, empty and over-long strings, lone
 * surrogates, huge payloads; inputs get unknown members; and fast-check throws arbitrary values at
 * every member. Through a real SecretsManagerClient, an invalid input must give an AWS error (an
 * SDK ServiceException with `$fault` and HTTP 400), never a TypeError or a crash, and must leave
 * the store exactly as it was. A valid-but-odd input (null for an optional member, an unknown
 * member) may succeed, but must never crash.
 */
import { inspect } from "node:util";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import fc from "fast-check";
import { mockSecretsManager, OPERATION_NAMES, supportedOperations } from "secrets-manager-mock";
import type { OperationName, SecretsStore } from "secrets-manager-mock";
import { INPUT_SHAPES } from "secrets-manager-mock/operations/shapes";
import { cases } from "./fuzz-cases";
import { isAwsError, send } from "./harness";
import { storeSnapshot } from "./invariants";
import { fixtureStore, VALID_INPUTS } from "./valid-inputs";

jest.setTimeout(120_000);

const supported = () => OPERATION_NAMES.filter((op) => supportedOperations().includes(op));

interface Tally {
  inputs: number;
  errors: number;
}

/** Runs one input; asserts the AWS-error/no-change contract. */
async function check(
  client: SecretsManagerClient,
  store: SecretsStore,
  op: OperationName,
  input: unknown,
  mustFail: boolean,
  what: string,
  tally: Tally,
) {
  const revision = store.revision;
  const before = storeSnapshot(store);
  tally.inputs++;
  let error: unknown;
  try {
    await send(client, op, input as object);
  } catch (e) {
    error = e;
  }
  if (error === undefined) {
    if (mustFail) throw new Error(`${op} ${what}: accepted an invalid input`);
    return;
  }
  tally.errors++;
  if (!isAwsError(error)) throw new Error(`${op} ${what}: not an AWS error: ${inspect(error)}`);
  if (error.$metadata.httpStatusCode !== 400) throw new Error(`${op} ${what}: HTTP ${error.$metadata.httpStatusCode} (${error.name})`);
  if (store.revision !== revision) throw new Error(`${op} ${what}: failed with ${error.name} but changed store.revision`);
  expect(storeSnapshot(store)).toEqual(before);
}

describe("fuzzed inputs through a SecretsManagerClient", () => {
  const tally: Tally = { inputs: 0, errors: 0 };
  let store: SecretsStore;
  let client: SecretsManagerClient;

  beforeAll(() => {
    ({ store } = fixtureStore());
    client = new SecretsManagerClient({});
    mockSecretsManager(client, { store });
  });

  afterAll(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    console.log(
      `fuzz: ${tally.inputs} inputs fuzzed through the SDK client (${tally.errors} AWS errors, 0 crashes) over ${supported().length} operations`,
    );
  });

  test.each(OPERATION_NAMES.map((op) => [op]))("%s: every spoiled member is an AWS error that changes nothing", async (op) => {
    if (!supportedOperations().includes(op)) return; // covered automatically once it lands
    const base = store.snapshot();
    for (const c of cases(op)) {
      await check(client, store, op, c.input, c.invalid, `${c.path} = ${c.label}`, tally);
      store.revert(base);
    }
  });

  test.each(OPERATION_NAMES.map((op) => [op]))(
    "%s: arbitrary values for any member never crash, and failures change nothing",
    async (op) => {
      if (!supportedOperations().includes(op)) return;
      const members = Object.keys(INPUT_SHAPES[op].members);
      const base = store.snapshot();
      const anyValue = fc.oneof(
        fc.anything({
          maxDepth: 2,
          withBigInt: false,
          withDate: true,
          withTypedArray: true,
          withNullPrototype: true,
          stringUnit: "binary",
        }),
        fc.string({ unit: "binary", maxLength: 80 }),
        fc.uint8Array({ maxLength: 8 }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom(...members, "Extra"), anyValue, { maxKeys: 4 }),
          fc.boolean(),
          async (spoiled, onBase) => {
            const input = onBase ? { ...VALID_INPUTS[op], ...spoiled } : spoiled;
            await check(
              client,
              store,
              op,
              input,
              false,
              JSON.stringify(input, (_k, v) => (typeof v === "bigint" ? String(v) : v)),
              tally,
            );
            store.revert(base);
          },
        ),
        { numRuns: 150, seed: 424_242 },
      );
    },
  );
});
