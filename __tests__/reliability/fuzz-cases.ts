/**
 * Spoiled inputs for every member of every operation, driven by the model's input shapes
 * (INPUT_SHAPES): wrong types, empty and over-long strings, lone surrogates, huge payloads,
 * unknown members. Shared by the SDK-client fuzzer and the HTTP-endpoint fuzzer.
 */
import type { OperationName } from "secrets-manager-mock";
import { INPUT_SHAPES, type Shape } from "secrets-manager-mock/operations/shapes";
import { VALID_INPUTS } from "./valid-inputs";

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
      return Object.fromEntries((shape.required ?? []).map((m) => [m, minimal(shape.members[m], m)]));
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
    {
      label: "empty string",
      value: "",
      invalid: !isString || (shape.min ?? 0) > 0 || shape.enum !== undefined || shape.pattern?.test("") === false,
    },
    { label: "huge string", value: HUGE, invalid: true },
    { label: "Date", value: new Date(0), invalid: shape.t !== "structure" },
    {
      label: "huge list",
      value: new Array(50_000).fill("x"),
      invalid: !(shape.t === "list" && shape.max === undefined && acceptsX(shape.member)),
    },
    { label: "bytes", value: new Uint8Array([1, 2]), invalid: shape.t !== "blob" },
  ];
  if (isString && shape.max !== undefined) out.push({ label: "over-long", value: "o".repeat(shape.max + 1), invalid: true });
  // A string given for a blob is sent as its UTF-8 bytes by the SDK (a lone surrogate becomes U+FFFD).
  for (const s of LONE_SURROGATES) out.push({ label: "lone surrogate", value: s, invalid: shape.t !== "blob" });
  return out;
}

export interface Case {
  op: OperationName;
  path: string;
  label: string;
  input: Record<string, unknown>;
  invalid: boolean;
}

/** Every spoiled input of `op`: each member, at every depth, replaced by each spoil. */
export function cases(op: OperationName): Case[] {
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
  walk(INPUT_SHAPES[op], (m, v) => ({ ...base, [m]: v }), "", 0);
  out.push({
    op,
    path: "(input)",
    label: "unknown member",
    input: { ...base, NotAMember: "x", __proto__: { polluted: true } },
    invalid: false,
  });
  const ownProto = JSON.parse(JSON.stringify(base).replace(/^\{/, '{"__proto__":{"polluted":true},'));
  out.push({ op, path: "(input)", label: "own __proto__ member", input: ownProto, invalid: false });
  out.push({
    op,
    path: "(input)",
    label: "unknown members only",
    input: { Foo: 1, Bar: [null] },
    invalid: (INPUT_SHAPES[op].required ?? []).length > 0,
  });
  return out;
}
