/**
 * Command descriptors for the model-based tests: what fast-check generates (abstract references
 * into small pools of names, tokens, values and labels), and how a descriptor becomes a concrete
 * SDK input once the model's current state is known (e.g. "the 2nd version of this secret").
 */
import fc from "fast-check";
import { supportedOperations } from "secrets-manager-mock";
import { ARN_PREFIX, type Model } from "./model";

/** Valid secret names the sequences use (few, so that commands collide on the same secrets). */
export const NAMES = ["alpha", "__proto__", "db/prod-1"] as const;
/** Idempotency tokens shared by every secret (so tokens are reused, across and within secrets). */
export const TOKENS = [
  "00000000-0000-4000-8000-000000000001",
  "00000000-0000-4000-8000-000000000002",
  "00000000-0000-4000-8000-000000000003",
  "00000000-0000-4000-8000-000000000004",
  "00000000-0000-4000-8000-000000000005",
] as const;
/** A VersionId no version ever has (right length, so it passes the model's constraints). */
export const UNKNOWN_VERSION = "ffffffff-ffff-4fff-8fff-ffffffffffff";
export const LABELS = ["AWSCURRENT", "AWSPREVIOUS", "AWSPENDING", "L1", "constructor"] as const;
const STRINGS = ["s3cr3t", "other", '{"password":"p"}'] as const;
const BINARIES = [
  [1, 2, 3],
  [0, 255],
  [1, 2, 3, 4],
] as const;

export type NameRef = { n: number; form: "name" | "arn" | "partial" } | { bad: string } | { unknown: string };
export type TokenRef = number | "omit" | "short";
export type VersionRef = number | "unknown" | "short";
export type ValueRef = { s: number } | { b: number } | "both" | "none" | "empty";

/** One step of a sequence. */
export type Desc =
  | { k: "CreateSecret"; name: NameRef; token: TokenRef; value: ValueRef; description?: string; tags?: [string, string][] }
  | { k: "PutSecretValue"; name: NameRef; token: TokenRef; value: ValueRef; stages?: string[] }
  | { k: "UpdateSecret"; name: NameRef; token: TokenRef; value: ValueRef; description?: string }
  | { k: "UpdateSecretVersionStage"; name: NameRef; stage: string; from?: VersionRef; to?: VersionRef }
  | { k: "DeleteSecret"; name: NameRef; force: boolean; window?: number }
  | { k: "RestoreSecret"; name: NameRef }
  | { k: "GetSecretValue"; name: NameRef; versionId?: VersionRef; stage?: string }
  | { k: "DescribeSecret"; name: NameRef }
  | { k: "ListSecretVersionIds"; name: NameRef; includeDeprecated: boolean }
  | { k: "TagResource"; name: NameRef; tags: [string, string][] }
  | { k: "UntagResource"; name: NameRef; keys: string[] }
  | { k: "advance"; ms: number };

const anyNameRef: fc.Arbitrary<NameRef> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      n: fc.nat(NAMES.length - 1),
      form: fc.constantFrom("name" as const, "name" as const, "arn" as const, "partial" as const),
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom({ bad: "bad name" }, { bad: "x*?" }) },
  { weight: 1, arbitrary: fc.constant({ unknown: "ghost" }) },
);
const tokenRef: fc.Arbitrary<TokenRef> = fc.oneof(
  { weight: 6, arbitrary: fc.nat(TOKENS.length - 1) },
  { weight: 3, arbitrary: fc.constant("omit" as const) },
  { weight: 1, arbitrary: fc.constant("short" as const) },
);
const versionRef: fc.Arbitrary<VersionRef> = fc.oneof(
  { weight: 8, arbitrary: fc.nat(5) },
  { weight: 1, arbitrary: fc.constant("unknown" as const) },
  { weight: 1, arbitrary: fc.constant("short" as const) },
);
const someValue: fc.Arbitrary<ValueRef> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ s: fc.nat(STRINGS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ b: fc.nat(BINARIES.length - 1) }) },
);
const tagKey = fc.constantFrom("env", "team", "__proto__", "toString", "aws:reserved");
const tags = fc.array(fc.tuple(tagKey, fc.constantFrom("", "a", "b")), { maxLength: 3 });

/** Options of {@link descArbitrary}. */
export interface DescOptions {
  /** Staging labels to draw from (default {@link LABELS}). */
  labels?: readonly string[];
  /** Most labels in one PutSecretValue (default 3). */
  maxStages?: number;
  /** Only these operations (default: all modelled ones). */
  only?: readonly Exclude<Desc["k"], "advance">[];
  /** Aim every command at the first secret (by name or ARN), mostly with fresh tokens, instead of a mix of names. */
  oneSecret?: boolean;
}

const mostlyFreshTokenRef: fc.Arbitrary<TokenRef> = fc.oneof(
  { weight: 6, arbitrary: fc.constant("omit" as const) },
  { weight: 3, arbitrary: fc.nat(TOKENS.length - 1) },
  { weight: 1, arbitrary: fc.constant("short" as const) },
);

const oneSecretRef: fc.Arbitrary<NameRef> = fc.record({ n: fc.constant(0), form: fc.constantFrom("name" as const, "arn" as const) });

const arbitraries = (
  label: fc.Arbitrary<string>,
  maxStages: number,
  nameRef: fc.Arbitrary<NameRef>,
  tokenRef: fc.Arbitrary<TokenRef>,
): Record<Exclude<Desc["k"], "advance">, fc.Arbitrary<Desc>> => ({
  CreateSecret: fc.record(
    {
      k: fc.constant("CreateSecret" as const),
      name: nameRef,
      token: tokenRef,
      value: fc.oneof(
        { weight: 4, arbitrary: someValue },
        { weight: 1, arbitrary: fc.constantFrom("none" as const, "both" as const, "empty" as const) },
      ),
      description: fc.constantFrom("", "a secret"),
      tags,
    },
    { requiredKeys: ["k", "name", "token", "value"] },
  ),
  PutSecretValue: fc.record(
    {
      k: fc.constant("PutSecretValue" as const),
      name: nameRef,
      token: tokenRef,
      value: fc.oneof(
        { weight: 6, arbitrary: someValue },
        { weight: 1, arbitrary: fc.constantFrom("none" as const, "both" as const, "empty" as const) },
      ),
      stages: fc.array(label, { minLength: 1, maxLength: maxStages }),
    },
    { requiredKeys: ["k", "name", "token", "value"] },
  ),
  UpdateSecret: fc.record(
    {
      k: fc.constant("UpdateSecret" as const),
      name: nameRef,
      token: tokenRef,
      value: fc.oneof({ weight: 3, arbitrary: someValue }, { weight: 1, arbitrary: fc.constantFrom("none" as const, "both" as const) }),
      description: fc.constantFrom("", "changed"),
    },
    { requiredKeys: ["k", "name", "token", "value"] },
  ),
  UpdateSecretVersionStage: fc.record(
    { k: fc.constant("UpdateSecretVersionStage" as const), name: nameRef, stage: label, from: versionRef, to: versionRef },
    { requiredKeys: ["k", "name", "stage"] },
  ),
  DeleteSecret: fc.record(
    { k: fc.constant("DeleteSecret" as const), name: nameRef, force: fc.boolean(), window: fc.constantFrom(7, 30, 6, 31) },
    { requiredKeys: ["k", "name", "force"] },
  ),
  RestoreSecret: fc.record({ k: fc.constant("RestoreSecret" as const), name: nameRef }),
  GetSecretValue: fc.record(
    { k: fc.constant("GetSecretValue" as const), name: nameRef, versionId: versionRef, stage: label },
    { requiredKeys: ["k", "name"] },
  ),
  DescribeSecret: fc.record({ k: fc.constant("DescribeSecret" as const), name: nameRef }),
  ListSecretVersionIds: fc.record({ k: fc.constant("ListSecretVersionIds" as const), name: nameRef, includeDeprecated: fc.boolean() }),
  TagResource: fc.record({ k: fc.constant("TagResource" as const), name: nameRef, tags }),
  UntagResource: fc.record({ k: fc.constant("UntagResource" as const), name: nameRef, keys: fc.array(tagKey, { maxLength: 2 }) }),
});

const WEIGHTS: Record<Exclude<Desc["k"], "advance">, number> = {
  CreateSecret: 5,
  PutSecretValue: 6,
  UpdateSecret: 3,
  UpdateSecretVersionStage: 4,
  DeleteSecret: 2,
  RestoreSecret: 2,
  GetSecretValue: 3,
  DescribeSecret: 2,
  ListSecretVersionIds: 2,
  TagResource: 2,
  UntagResource: 2,
};

const advance: fc.Arbitrary<Desc> = fc.record({
  k: fc.constant("advance" as const),
  ms: fc.constantFrom(1, 1000, 3_600_000, 86_400_000, 8 * 86_400_000, 31 * 86_400_000),
});

/** The operations the sequences can exercise right now (the ones the mock supports). */
export function modelledOperations(): Exclude<Desc["k"], "advance">[] {
  const supported = new Set(supportedOperations());
  return (Object.keys(WEIGHTS) as Exclude<Desc["k"], "advance">[]).filter((op) => supported.has(op));
}

/** A step: any supported operation, or a clock advance. */
export function descArbitrary(options: DescOptions = {}): fc.Arbitrary<Desc> {
  const arbs = arbitraries(
    fc.constantFrom(...(options.labels ?? LABELS)),
    options.maxStages ?? 3,
    options.oneSecret ? oneSecretRef : anyNameRef,
    options.oneSecret ? mostlyFreshTokenRef : tokenRef,
  );
  const ops = modelledOperations().filter((op) => options.only === undefined || options.only.includes(op));
  return fc.oneof(...ops.map((op) => ({ weight: WEIGHTS[op], arbitrary: arbs[op] })), { weight: 2, arbitrary: advance });
}

/** Turns references into a concrete input, resolved against the model's current state. */
export function concretize(d: Exclude<Desc, { k: "advance" }>, model: Model, lastArns: Map<string, string>): Record<string, unknown> {
  const name = (ref: NameRef): string => {
    if ("bad" in ref) return ref.bad;
    if ("unknown" in ref) return ref.unknown;
    const n = NAMES[ref.n];
    if (ref.form === "name") return n;
    if (ref.form === "partial") return ARN_PREFIX + n;
    return lastArns.get(n) ?? `${ARN_PREFIX}${n}-AbCdEf`;
  };
  const plainName = (ref: NameRef): string | undefined => ("n" in ref ? NAMES[ref.n] : undefined);
  const token = (t: TokenRef): Record<string, unknown> =>
    t === "omit" ? {} : { ClientRequestToken: t === "short" ? "short-token" : TOKENS[t] };
  const value = (v: ValueRef): Record<string, unknown> => {
    if (v === "none") return {};
    if (v === "empty") return { SecretString: "" };
    if (v === "both") return { SecretString: STRINGS[0], SecretBinary: Uint8Array.from(BINARIES[0]) };
    if ("s" in v) return { SecretString: STRINGS[v.s] };
    return { SecretBinary: Uint8Array.from(BINARIES[v.b]) };
  };
  const version = (secretRef: NameRef, v: VersionRef): string => {
    if (v === "unknown") return UNKNOWN_VERSION;
    if (v === "short") return "not-a-version";
    const n = plainName(secretRef);
    const versions = n === undefined ? [] : (model.secrets.get(n)?.versions ?? []);
    return versions.length === 0 ? UNKNOWN_VERSION : versions[v % versions.length].id;
  };
  const tagList = (t: [string, string][]) => t.map(([Key, Value]) => ({ Key, Value }));
  switch (d.k) {
    case "CreateSecret":
      return {
        Name: "n" in d.name ? NAMES[d.name.n] : name(d.name),
        ...token(d.token),
        ...value(d.value),
        ...(d.description !== undefined && { Description: d.description }),
        ...(d.tags !== undefined && { Tags: tagList(d.tags) }),
      };
    case "PutSecretValue":
      return { SecretId: name(d.name), ...token(d.token), ...value(d.value), ...(d.stages !== undefined && { VersionStages: d.stages }) };
    case "UpdateSecret":
      return {
        SecretId: name(d.name),
        ...token(d.token),
        ...value(d.value),
        ...(d.description !== undefined && { Description: d.description }),
      };
    case "UpdateSecretVersionStage":
      return {
        SecretId: name(d.name),
        VersionStage: d.stage,
        ...(d.from !== undefined && { RemoveFromVersionId: version(d.name, d.from) }),
        ...(d.to !== undefined && { MoveToVersionId: version(d.name, d.to) }),
      };
    case "DeleteSecret":
      return {
        SecretId: name(d.name),
        ...(d.force && { ForceDeleteWithoutRecovery: true }),
        ...(d.window !== undefined && { RecoveryWindowInDays: d.window }),
      };
    case "RestoreSecret":
    case "DescribeSecret":
      return { SecretId: name(d.name) };
    case "GetSecretValue":
      return {
        SecretId: name(d.name),
        ...(d.versionId !== undefined && { VersionId: version(d.name, d.versionId) }),
        ...(d.stage !== undefined && { VersionStage: d.stage }),
      };
    case "ListSecretVersionIds":
      return { SecretId: name(d.name), ...(d.includeDeprecated && { IncludeDeprecated: true }) };
    case "TagResource":
      return { SecretId: name(d.name), Tags: tagList(d.tags) };
    case "UntagResource":
      return { SecretId: name(d.name), TagKeys: d.keys };
  }
}

/**
 * A sequence: CreateSecret for two of the names (so that most later commands find a secret), then
 * up to `maxLength` random steps.
 */
export function sequenceArbitrary(maxLength: number, options: DescOptions = {}): fc.Arbitrary<Desc[]> {
  const create = (n: number) =>
    fc.record({
      k: fc.constant("CreateSecret" as const),
      name: fc.constant({ n, form: "name" as const }),
      token: tokenRef,
      value: fc.oneof({ weight: 4, arbitrary: someValue }, { weight: 1, arbitrary: fc.constant("none" as const) }),
    }) as fc.Arbitrary<Desc>;
  // The first two names exist from the start; the third is left to the random steps.
  return fc
    .tuple(create(0), create(1), fc.array(descArbitrary(options), { maxLength, size: "max" }))
    .map(([a, b, rest]) => [a, b, ...rest]);
}
