/**
 * `expect` matchers on a mock's call history, for Jest and Vitest (`expect.extend(secretsManagerMatchers)`):
 * the six of aws-sdk-client-mock-jest 4.x (and their `toReceive…` aliases) with the same names,
 * argument order, semantics and failure messages, except that secret values print as `"***"`.
 * They accept a `SecretsManagerMock` or the handle returned by `useSecretsManagerMock`.
 */
import type { MetadataBearer } from "@smithy/types";
import { type CallRecord, type CallsOptions, redactSecrets } from "../sdk/call-history.js";
import { type CommandRef, operationOf, type OperationInput, type SdkCommandClass } from "../calls/command-types.js";
import { containsMembers } from "../calls/input-matching.js";
import type { OperationName } from "../operations/shapes.js";

/** Anything whose calls can be checked: a mock, or a handle with a `mock`. */
export type CallSource =
  | { calls(operation?: string, options?: CallsOptions): CallRecord[] }
  | { readonly mock: { calls(operation?: string, options?: CallsOptions): CallRecord[] } };

export type { CommandRef };

/**
 * The printing helpers the matchers use from Jest's and Vitest's `this.utils` (plain text without
 * them). The two frameworks' diff helpers take different arguments: only what both accept is typed.
 */
export interface MatcherUtils {
  printExpected?(value: unknown): string;
  printReceived?(value: unknown): string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  printDiffOrStringify?(...args: any[]): string | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  diff?(...args: any[]): string | null | undefined;
}

/** The part of a matcher's `this` the matchers use (Jest's and Vitest's both have it). */
export interface MatcherContext {
  isNot?: boolean;
  equals?(a: unknown, b: unknown): boolean;
  utils?: MatcherUtils;
}

/** Whose helpers print the expected/received diff of the Nth matchers. */
export type DiffStyle = "jest" | "vitest";

/** The printing the messages use. */
interface Printer {
  printExpected(value: unknown): string;
  printReceived(value: unknown): string;
  diff(expected: unknown, received: unknown): string;
}

/** What a matcher returns. */
export interface MatcherResult {
  pass: boolean;
  message(): string;
}

/** Text for values when no test framework prints them: JSON, with bytes, dates and matchers readable. */
function plainText(value: unknown): string {
  // JSON.stringify answers undefined for undefined and functions, whatever its type says.
  const json = JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Uint8Array) return `Uint8Array [${v.join(", ")}]`;
    if (typeof (v as { asymmetricMatch?: unknown } | null)?.asymmetricMatch === "function") return String(v);
    return v;
  }) as string | undefined;
  return json ?? String(value);
}

function printerOf(ctx: MatcherContext, style: DiffStyle): Printer {
  const u = ctx.utils ?? {};
  /* eslint-disable @typescript-eslint/unbound-method -- Jest's and Vitest's printers are plain functions */
  const printExpected = u.printExpected ?? plainText;
  const printReceived = u.printReceived ?? plainText;
  /* eslint-enable @typescript-eslint/unbound-method */
  const fallback = (expected: unknown, received: unknown) => `Expected: ${printExpected(expected)}\nReceived: ${printReceived(received)}`;
  // Jest's printDiffOrStringify (what aws-sdk-client-mock-jest prints) is (expected, received, labels, expand); Vitest's is (received, expected, options).
  const diff =
    style === "jest" && u.printDiffOrStringify !== undefined
      ? (expected: unknown, received: unknown) =>
          u.printDiffOrStringify!(expected, received, "Expected", "Received", false) ?? fallback(expected, received)
      : style === "vitest" && u.diff !== undefined
        ? (expected: unknown, received: unknown) => u.diff!(expected, received) ?? fallback(expected, received)
        : fallback;
  return { printExpected, printReceived, diff };
}

const MOCK_NEEDED = "secrets-manager-mock matchers: expect() needs a SecretsManagerMock or the handle of useSecretsManagerMock";

interface Source {
  calls(operation?: string, options?: CallsOptions): CallRecord[];
  clientName?(): string;
}

function sourceOf(received: unknown): Source {
  const r = received as { calls?: unknown; mock?: { calls?: unknown } } | null;
  const source = typeof r?.calls === "function" ? r : typeof r?.mock?.calls === "function" ? r.mock : undefined;
  if (source === undefined) throw new TypeError(MOCK_NEEDED);
  return source as Source;
}

function ensureNoOtherArgs(other: unknown[]): void {
  if (other.length > 0) throw new TypeError("Too many matcher arguments");
}

function ensureCallNumber(call: unknown): asserts call is number {
  if (typeof call !== "number" || !(call > 0)) throw new TypeError("Call number must be a number greater than 0");
}

/** What a check sees: every call, and the calls of the command (with secret values, for comparing). */
interface Seen {
  calls: CallRecord[];
  commandCalls: CallRecord[];
}

interface MessageParts {
  client: string;
  cmd: string;
  notPrefix: string;
  utils: Printer;
  /** Every call, secret values hidden. */
  shown: CallRecord[];
  /** The calls of the command, secret values hidden. */
  shownCommandCalls: CallRecord[];
}

/**
 * Runs one matcher as aws-sdk-client-mock-jest's `processMatch` does: `check` decides on the real
 * inputs; the message is built from copies with secret values hidden.
 */
function processMatch<D>(
  style: DiffStyle,
  ctx: MatcherContext,
  received: unknown,
  command: CommandRef | undefined,
  check: (seen: Seen) => { pass: boolean; data: D },
  message: (parts: MessageParts, data: D) => string[],
): MatcherResult {
  const source = sourceOf(received);
  const operation = command === undefined ? undefined : operationOf(command, "secrets-manager-mock matchers");
  const calls = source.calls(undefined, { includeSecrets: true });
  const commandCalls = operation === undefined ? [] : calls.filter((c) => c.operation === operation);
  const { pass, data } = check({ calls, commandCalls });
  return {
    pass,
    message: () => {
      const shown = source.calls(undefined, { includeSecrets: false });
      const parts: MessageParts = {
        client: source.clientName?.() ?? "SecretsManagerClient",
        cmd: operation === undefined ? "Any Command" : `${operation}Command`,
        notPrefix: ctx.isNot ? "not " : "",
        utils: printerOf(ctx, style),
        shown,
        shownCommandCalls: operation === undefined ? [] : shown.filter((c) => c.operation === operation),
      };
      return withCalls(parts, message(parts, data));
    },
  };
}

/** aws-sdk-client-mock-jest's `addCalls`: the message, then every call the mock received. */
function withCalls({ utils, shown }: MessageParts, lines: string[]): string {
  if (shown.length === 0) return lines.join("\n");
  return [...lines, "", "Calls:", ...shown.map((c, i) => `  ${i + 1}. ${c.operation}Command: ${utils.printReceived(c.input)}`)].join("\n");
}

function matchesInput(ctx: MatcherContext, call: CallRecord, input: Record<string, unknown>): boolean {
  return containsMembers(call.input, input, ctx.equals?.bind(ctx));
}

/** The Nth matchers: the `call`-th of every call (`specific` false) or of the command's calls. */
function nthCommandWith(
  style: DiffStyle,
  ctx: MatcherContext,
  received: unknown,
  call: number,
  command: CommandRef,
  input: Record<string, unknown>,
  specific: boolean,
): MatcherResult {
  ensureCallNumber(call);
  const operation = operationOf(command, "secrets-manager-mock matchers");
  return processMatch(
    style,
    ctx,
    received,
    command,
    (seen) => {
      // `call` may lie past the end of the calls.
      const target = (specific ? seen.commandCalls : seen.calls)[call - 1] as (typeof seen.calls)[number] | undefined;
      return {
        pass: target !== undefined && target.operation === operation && matchesInput(ctx, target, input),
        data: target !== undefined,
      };
    },
    (p, wasReceived) => {
      const lines = [
        `Expected ${p.client} to ${p.notPrefix}receive ${call}. ${p.utils.printExpected(p.cmd)} with ${p.utils.printExpected(redactSecrets(input))}`,
      ];
      if (!wasReceived) return lines;
      const shown = (specific ? p.shownCommandCalls : p.shown)[call - 1];
      return [
        ...lines,
        `${p.client} received ${p.utils.printReceived(`${shown.operation}Command`)} with input:`,
        p.utils.diff(redactSecrets(input), shown.input),
      ];
    },
  );
}

/** The six matchers, their diffs printed with `style`'s helpers. */
function baseMatchersFor(style: DiffStyle) {
  return {
    /** Passes when the mock received at least one `command`. */
    toHaveReceivedCommand(this: MatcherContext, received: CallSource, command: CommandRef, ...other: unknown[]): MatcherResult {
      ensureNoOtherArgs(other);
      return processMatch(
        style,
        this,
        received,
        command,
        ({ commandCalls }) => ({ pass: commandCalls.length > 0, data: undefined }),
        (p) => [
          `Expected ${p.client} to ${p.notPrefix}receive ${p.utils.printExpected(p.cmd)}`,
          `${p.client} received ${p.utils.printExpected(p.cmd)} ${p.utils.printReceived(p.shownCommandCalls.length)} times`,
        ],
      );
    },

    /** Passes when the mock received `command` exactly `times` times. */
    toHaveReceivedCommandTimes(
      this: MatcherContext,
      received: CallSource,
      command: CommandRef,
      times: number,
      ...other: unknown[]
    ): MatcherResult {
      ensureNoOtherArgs(other);
      return processMatch(
        style,
        this,
        received,
        command,
        ({ commandCalls }) => ({ pass: commandCalls.length === times, data: undefined }),
        (p) => [
          `Expected ${p.client} to ${p.notPrefix}receive ${p.utils.printExpected(p.cmd)} ${p.utils.printExpected(times)} times`,
          `${p.client} received ${p.utils.printExpected(p.cmd)} ${p.utils.printReceived(p.shownCommandCalls.length)} times`,
        ],
      );
    },

    /**
     * Passes when some `command` call's input has the members of `input`, as
     * `expect.objectContaining(input)` (asymmetric matchers such as `expect.any(String)` work).
     * Secret values are compared, but never printed.
     */
    toHaveReceivedCommandWith(
      this: MatcherContext,
      received: CallSource,
      command: CommandRef,
      input: Record<string, unknown>,
      ...other: unknown[]
    ): MatcherResult {
      ensureNoOtherArgs(other);
      return processMatch(
        style,
        this,
        received,
        command,
        ({ commandCalls }) => {
          const matchCount = commandCalls.filter((c) => matchesInput(this, c, input)).length;
          return { pass: matchCount > 0, data: matchCount };
        },
        (p, matchCount) => [
          `Expected ${p.client} to ${p.notPrefix}receive ${p.utils.printExpected(p.cmd)} with ${p.utils.printExpected(redactSecrets(input))}`,
          `${p.client} received matching ${p.utils.printExpected(p.cmd)} ${p.utils.printReceived(matchCount)} times`,
        ],
      );
    },

    /** Passes when the `call`-th call (1-based, counting every command) was `command` with an input that has the members of `input`. */
    toHaveReceivedNthCommandWith(
      this: MatcherContext,
      received: CallSource,
      call: number,
      command: CommandRef,
      input: Record<string, unknown>,
      ...other: unknown[]
    ): MatcherResult {
      ensureNoOtherArgs(other);
      return nthCommandWith(style, this, received, call, command, input, false);
    },

    /** Passes when the `call`-th `command` call (1-based, counting only that command) had an input with the members of `input`. */
    toHaveReceivedNthSpecificCommandWith(
      this: MatcherContext,
      received: CallSource,
      call: number,
      command: CommandRef,
      input: Record<string, unknown>,
      ...other: unknown[]
    ): MatcherResult {
      ensureNoOtherArgs(other);
      return nthCommandWith(style, this, received, call, command, input, true);
    },

    /** Passes when the mock received any command at all. */
    toHaveReceivedAnyCommand(this: MatcherContext, received: CallSource, ...other: unknown[]): MatcherResult {
      ensureNoOtherArgs(other);
      return processMatch(
        style,
        this,
        received,
        undefined,
        ({ calls }) => ({ pass: calls.length > 0, data: undefined }),
        (p) => [
          `Expected ${p.client} to ${p.notPrefix}receive any command`,
          `${p.client} received any command ${p.utils.printReceived(p.shown.length)} times`,
        ],
      );
    },
  };
}

/** The matchers and aws-sdk-client-mock-jest's `toReceive…` aliases, for `expect.extend(...)`. */
export function createSecretsManagerMatchers(style: DiffStyle) {
  const base = baseMatchersFor(style);
  /* eslint-disable @typescript-eslint/unbound-method -- the aliases are the same matcher functions; expect.extend calls each with its own context */
  return {
    ...base,
    toReceiveCommand: base.toHaveReceivedCommand,
    toReceiveCommandTimes: base.toHaveReceivedCommandTimes,
    toReceiveCommandWith: base.toHaveReceivedCommandWith,
    toReceiveNthCommandWith: base.toHaveReceivedNthCommandWith,
    toReceiveNthSpecificCommandWith: base.toHaveReceivedNthSpecificCommandWith,
    toReceiveAnyCommand: base.toHaveReceivedAnyCommand,
  };
  /* eslint-enable @typescript-eslint/unbound-method */
}

/** The matchers for Jest (and any runner without a diff helper); register them with `expect.extend(secretsManagerMatchers)`. */
export const secretsManagerMatchers = createSecretsManagerMatchers("jest");

/** The input a matcher takes for a command class: some of its members, each any value or an asymmetric matcher. */
export type InputSample<I> = Partial<{ [K in keyof I]: unknown }>;

/** The matchers' signatures, for declaration merging with a test framework's `expect`. */
export interface SecretsManagerMatchers<R = unknown> {
  /** The mock received at least one `command`. */
  toHaveReceivedCommand(command: SdkCommandClass | OperationName): R;
  /** The mock received `command` exactly `times` times. */
  toHaveReceivedCommandTimes(command: SdkCommandClass | OperationName, times: number): R;
  /** Some `command` call's input has the members of `input` (`expect.objectContaining`). */
  toHaveReceivedCommandWith<I extends object, O extends MetadataBearer>(command: SdkCommandClass<I, O>, input: InputSample<I>): R;
  /** Some call of operation `command` had an input with the members of `input`. */
  toHaveReceivedCommandWith<Op extends OperationName>(command: Op, input: InputSample<OperationInput<Op>>): R;
  /** The `call`-th call (1-based, of any command) was `command` with an input that has the members of `input`. */
  toHaveReceivedNthCommandWith<I extends object, O extends MetadataBearer>(
    call: number,
    command: SdkCommandClass<I, O>,
    input: InputSample<I>,
  ): R;
  /** The `call`-th call (1-based, of any command) was operation `command` with matching input. */
  toHaveReceivedNthCommandWith<Op extends OperationName>(call: number, command: Op, input: InputSample<OperationInput<Op>>): R;
  /** The `call`-th call of `command` (1-based, counting only that command) had an input with the members of `input`. */
  toHaveReceivedNthSpecificCommandWith<I extends object, O extends MetadataBearer>(
    call: number,
    command: SdkCommandClass<I, O>,
    input: InputSample<I>,
  ): R;
  /** The `call`-th call of operation `command` had matching input. */
  toHaveReceivedNthSpecificCommandWith<Op extends OperationName>(call: number, command: Op, input: InputSample<OperationInput<Op>>): R;
  /** The mock received at least one command of any kind. */
  toHaveReceivedAnyCommand(): R;

  // aws-sdk-client-mock-jest's aliases: the same signatures, overloads included.
  /** Alias of `toHaveReceivedCommand`. */
  toReceiveCommand: SecretsManagerMatchers<R>["toHaveReceivedCommand"];
  /** Alias of `toHaveReceivedCommandTimes`. */
  toReceiveCommandTimes: SecretsManagerMatchers<R>["toHaveReceivedCommandTimes"];
  /** Alias of `toHaveReceivedCommandWith`. */
  toReceiveCommandWith: SecretsManagerMatchers<R>["toHaveReceivedCommandWith"];
  /** Alias of `toHaveReceivedNthCommandWith`. */
  toReceiveNthCommandWith: SecretsManagerMatchers<R>["toHaveReceivedNthCommandWith"];
  /** Alias of `toHaveReceivedNthSpecificCommandWith`. */
  toReceiveNthSpecificCommandWith: SecretsManagerMatchers<R>["toHaveReceivedNthSpecificCommandWith"];
  /** Alias of `toHaveReceivedAnyCommand`. */
  toReceiveAnyCommand: SecretsManagerMatchers<R>["toHaveReceivedAnyCommand"];
}
