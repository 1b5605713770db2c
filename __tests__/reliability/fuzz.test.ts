/**
 * Fuzzed inputs, driven by the model's input shapes (INPUT_SHAPES): every member of every
 * supported operation (nested members too) gets wrong types, empty and over-long strings, lone
 * surrogates, huge payloads; inputs get unknown members; and fast-check throws arbitrary values at
 * every member. Through a real SecretsManagerClient, an invalid input must give an AWS error (an
 * SDK ServiceException with `$fault` and HTTP 400), never a TypeError or a crash, and must leave
 * the store exactly as it was. A valid-but-odd input (null for an optional member, an unknown
 * member) may succeed, but must never crash.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import fc from "fast-check";
import { mockSecretsManager, OPERATION_NAMES, supportedOperations } from "secrets-manager-mock";
import type { OperationName, SecretsStore } from "secrets-manager-mock";
import { INPUT_SHAPES, type Shape } from "secrets-manager-mock/operations/shapes";
import { isAwsError, send } from "./harness";
import { storeSnapshot } from "./invariants";
import { fixtureStore, VALID_INPUTS } from "./valid-inputs";

jest.setTimeout(120_000);

type Struct = Extract<Shape, { t: "structure" }>;

/** A value that satisfies `shape` (used to build containers around a spoiled nested member). */
function minimal(shape: Shape, name: string): unknown {
  switch (shape.t) {
    case "string":
      if (shape.enum) return shape.enum[0];
      if (name === "Region") return "eu-west-1";
      if (name === "Duration") return "2h";
      if (name === "ScheduleExpression") return "rate(1 days)";
      return "a".repeat(Math.max(shape.min ?? 1, 1));
    case "integer":
      return shape.min ?? 1;
    case "boolean":
      return false;
    case "blob":
      return new Uint8Array([1]);
    case "list":
      return [minimal(shape.member, name)];
    case "structure":
      return Object.fromEntries((shape.required ?? []).map((m) => [m, minimal(shape.members[m]!, m)]));
  }
}

const HUGE = "h".repeat(1_100_000);
const LONE_SURROGATES = ["\uD800", "ab\uDFFFcd", "\uDBFF\uDBFF"];

/** True when the string "x" satisfies `shape`. */
function acceptsX(shape: Shape): boolean {
  if (shape.t !== "string") return false;
  return (shape.min ?? 0) <= 1 && (shape.max ?? 1) >= 1 && (shape.pattern?.test("x") ?? true) && (shape.enum?.includes("x") ?? true);
}

interface Spoil {
  label: string;
  value: unknown;
  /** True when the value breaks the shape (an AWS error is required). */
  invalid: boolean;
}

/** Spoiled values for a member of `shape`; `required` says whether null breaks it. */
function spoils(shape: Shape, required: boolean): Spoil[] {
  const isString = shape.t === "string";
  const out: Spoil[] = [
    { label: "number", value: 42, invalid: shape.t !== "integer" },
    { label: "fraction", value: 1.5, invalid: true },
    { label: "NaN", value: Number.NaN, invalid: true },
    { label: "boolean", value: true, invalid: shape.t !== "boolean" },
    { label: "object", value: { a: 1 }, invalid: shape.t !== "structure" },
    { label: "array", value: ["x", 1], invalid: true },
    { label: "empty array", value: [], invalid: shape.t !== "list" || (shape.min ?? 0) > 0 },
    { label: "null", value: null, invalid: required },
    { label: "empty string", value: "", invalid: !isString || (shape.min ?? 0) > 0 || shape.enum !== undefined || shape.pattern?.test("") === false },
    { label: "huge string", value: HUGE, invalid: true },
    { label: "Date", value: new Date(0), invalid: shape.t !== "structure" },
    { label: "huge list", value: new Array(50_000).fill("x"), invalid: !(shape.t === "list" && shape.max === undefined && acceptsX(shape.member)) },
    { label: "bytes", value: new Uint8Array([1, 2]), invalid: shape.t !== "blob" },
  ];
  if (isString && shape.max !== undefined) out.push({ label: "over-long", value: "o".repeat(shape.max + 1), invalid: true });
  for (const s of LONE_SURROGATES) out.push({ label: "lone surrogate", value: s, invalid: true });
  return out;
}

interface Case {
  op: OperationName;
  path: string;
  label: string;
  input: Record<string, unknown>;
  invalid: boolean;
}

/** Every spoiled input of `op`: each member, at every depth, replaced by each spoil. */
function cases(op: OperationName): Case[] {
  const out: Case[] = [];
  const base = VALID_INPUTS[op];
  const walk = (shape: Struct, build: (member: string, v: unknown) => Record<string, unknown>, path: string, depth: number) => {
    for (const [member, memberShape] of Object.entries(shape.members)) {
      const required = (shape.required ?? []).includes(member);
      for (const s of spoils(memberShape, required)) {
        out.push({ op, path: `${path}${member}`, label: s.label, input: build(member, s.value), invalid: s.invalid });
      }
      if (depth > 2) continue;
      const inner = memberShape.t === "list" ? memberShape.member : memberShape;
      if (inner.t !== "structure") continue;
      const wrap = (v: Record<string, unknown>) => (memberShape.t === "list" ? [v] : v);
      walk(
        inner,
        (m, v) => build(member, wrap({ ...(minimal(inner, member) as object), [m]: v })),
        `${path}${member}${memberShape.t === "list" ? "[0]" : ""}.`,
        depth + 1,
      );
    }
  };
  walk(INPUT_SHAPES[op] as Struct, (m, v) => ({ ...base, [m]: v }), "", 0);
  out.push({ op, path: "(input)", label: "unknown member", input: { ...base, NotAMember: "x", __proto__: { polluted: true } }, invalid: false });
  const ownProto = JSON.parse(JSON.stringify(base).replace(/^\{/, '{"__proto__":{"polluted":true},'));
  out.push({ op, path: "(input)", label: "own __proto__ member", input: ownProto, invalid: false });
  out.push({ op, path: "(input)", label: "unknown members only", input: { Foo: 1, Bar: [null] }, invalid: (INPUT_SHAPES[op].required ?? []).length > 0 });
  return out;
}

const supported = () => OPERATION_NAMES.filter((op) => supportedOperations().includes(op));

interface Tally {
  inputs: number;
  errors: number;
}

/** Runs one input; asserts the AWS-error/no-change contract. */
async function check(client: SecretsManagerClient, store: SecretsStore, op: OperationName, input: unknown, mustFail: boolean, what: string, tally: Tally) {
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
  if (!isAwsError(error)) throw new Error(`${op} ${what}: not an AWS error: ${String((error as Error)?.stack ?? error)}`);
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
    // eslint-disable-next-line no-console
    console.log(`fuzz: ${tally.inputs} inputs fuzzed through the SDK client (${tally.errors} AWS errors, 0 crashes) over ${supported().length} operations`);
  });

  test.each(OPERATION_NAMES.map((op) => [op]))("%s: every spoiled member is an AWS error that changes nothing", async (op) => {
    if (!supportedOperations().includes(op)) return; // covered automatically once it lands
    const base = store.snapshot();
    for (const c of cases(op)) {
      await check(client, store, op, c.input, c.invalid, `${c.path} = ${c.label}`, tally);
      store.revert(base);
    }
  });

  test.each(OPERATION_NAMES.map((op) => [op]))("%s: arbitrary values for any member never crash, and failures change nothing", async (op) => {
    if (!supportedOperations().includes(op)) return;
    const members = Object.keys(INPUT_SHAPES[op].members);
    const base = store.snapshot();
    const anyValue = fc.oneof(
      fc.anything({ maxDepth: 2, withBigInt: false, withDate: true, withTypedArray: true, withNullPrototype: true, withUnicodeString: true }),
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.uint8Array({ maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...members, "Extra"), anyValue, { maxKeys: 4 }), fc.boolean(), async (spoiled, onBase) => {
        const input = onBase ? { ...VALID_INPUTS[op], ...spoiled } : spoiled;
        await check(client, store, op, input, false, JSON.stringify(input, (_k, v) => (typeof v === "bigint" ? String(v) : v)), tally);
        store.revert(base);
      }),
      { numRuns: 150, seed: 424_242 },
    );
  });
});
