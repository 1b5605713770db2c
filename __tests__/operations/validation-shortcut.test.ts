/**
 * validateInput answers a valid input from the members it holds, and sends everything else through
 * the full pass (which walks every member of the shape in model order and words AWS's errors). The
 * two must agree: an input the shortcut calls valid is one the full pass finds nothing wrong with.
 */
import fc from "fast-check";
import { OPERATION_NAMES } from "secrets-manager-mock";
import type { OperationName } from "secrets-manager-mock";
import { INPUT_SHAPES, validateInput, validateInputFully } from "secrets-manager-mock/operations/shapes";
import { cases } from "../reliability/fuzz-cases";
import { VALID_INPUTS } from "../reliability/valid-inputs";

/** What a pass says of an input: valid (and whether it held nulls), or the error it threw. */
function outcome(pass: (op: OperationName, input: unknown) => boolean, op: OperationName, input: unknown): string {
  try {
    return pass(op, input) ? "valid with nulls" : "valid";
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return `${err.code}: ${err.message}`;
  }
}

describe("the validation shortcut", () => {
  it.each(OPERATION_NAMES)("%s: agrees with the full pass on every fuzzed input", (op) => {
    const inputs: unknown[] = [VALID_INPUTS[op], ...cases(op).map((c) => c.input)];
    for (const input of inputs) expect(outcome(validateInput, op, input)).toBe(outcome(validateInputFully, op, input));
    // The fuzzed cases include invalid inputs: the comparison is not only of valid ones.
    expect(inputs.some((input) => outcome(validateInputFully, op, input) !== "valid")).toBe(true);
  });

  it("agrees with the full pass on arbitrary values of every member", () => {
    const ops = fc.constantFrom(...OPERATION_NAMES);
    fc.assert(
      fc.property(ops, fc.dictionary(fc.string(), fc.anything()), fc.anything(), (op, extra, value) => {
        const members = Object.keys(INPUT_SHAPES[op].members);
        for (const name of members) {
          const input = { ...VALID_INPUTS[op], ...extra, [name]: value };
          expect(outcome(validateInput, op, input)).toBe(outcome(validateInputFully, op, input));
        }
      }),
      { numRuns: 300, seed: 20261130 },
    );
  });

  it("checks members that are own but not enumerable, and ignores inherited ones, as the full pass does", () => {
    const hidden = { SecretId: "db" };
    Object.defineProperty(hidden, "SecretString", { value: 42, enumerable: false });
    expect(outcome(validateInput, "PutSecretValue", hidden)).toMatch(/^SerializationException/);
    const inherited = Object.create({ SecretString: 42 }) as Record<string, unknown>;
    inherited.SecretId = "db";
    expect(outcome(validateInput, "PutSecretValue", inherited)).toBe(outcome(validateInputFully, "PutSecretValue", inherited));
    expect(outcome(validateInput, "PutSecretValue", { SecretId: "db", SecretString: null })).toBe("valid with nulls");
  });
});
