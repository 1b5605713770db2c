/**
 * `expect` matchers on a mock's call history, for Jest and Vitest (`expect.extend(secretsManagerMatchers)`).
 * They accept a `SecretsManagerMock` or the handle returned by `useSecretsManagerMock`.
 */
import { type CallRecord, type CallsOptions, redactSecrets } from "../adapters/call-history.js";

/** Anything whose calls can be checked: a mock, or a handle with a `mock`. */
export type CallSource = { calls(operation?: string, options?: CallsOptions): CallRecord[] } | { readonly mock: { calls(operation?: string, options?: CallsOptions): CallRecord[] } };

/** A command class (`GetSecretValueCommand`) or an operation name (`"GetSecretValue"`). */
export type CommandRef = string | { readonly name: string };

/** The part of a matcher's `this` the matchers use (Jest's and Vitest's both have it). */
interface MatcherContext {
  isNot?: boolean;
  equals?(a: unknown, b: unknown): boolean;
  utils?: { printExpected?(v: unknown): string; printReceived?(v: unknown): string };
}

interface MatcherResult {
  pass: boolean;
  message(): string;
}

function operationOf(command: CommandRef): string {
  // Plain-JavaScript tests can pass anything, `undefined` included.
  const name: unknown = typeof command === "string" ? command : (command as { readonly name: string } | undefined)?.name;
  if (typeof name !== "string" || name === "") throw new TypeError("secrets-manager-mock matchers: expected a command class or an operation name");
  return name.endsWith("Command") ? name.slice(0, -"Command".length) : name;
}

function callsOf(received: unknown, operation: string, includeSecrets: boolean): CallRecord[] {
  const r = received as { calls?: unknown; mock?: { calls?: unknown } } | null;
  const source = typeof r?.calls === "function" ? r : typeof r?.mock?.calls === "function" ? r.mock : undefined;
  if (source === undefined) {
    throw new TypeError("secrets-manager-mock matchers: expect() needs a SecretsManagerMock or the handle of useSecretsManagerMock");
  }
  return (source as { calls(op: string, o: CallsOptions): CallRecord[] }).calls(operation, { includeSecrets });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** True when `actual` has every member of `expected` (recursively for plain objects; asymmetric matchers honoured). */
function matchesPartial(ctx: MatcherContext, actual: unknown, expected: unknown): boolean {
  if (typeof (expected as { asymmetricMatch?: unknown } | null | undefined)?.asymmetricMatch === "function") {
    return (expected as { asymmetricMatch(v: unknown): boolean }).asymmetricMatch(actual);
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false;
    return Object.keys(expected).every((k) => matchesPartial(ctx, actual[k], expected[k]));
  }
  return ctx.equals ? ctx.equals(actual, expected) : deepEqual(actual, expected);
}

const show = (ctx: MatcherContext, v: unknown, expected: boolean) => {
  const hidden = redactSecrets(v);
  return (expected ? ctx.utils?.printExpected?.(hidden) : ctx.utils?.printReceived?.(hidden)) ?? JSON.stringify(hidden);
};

function inputsList(calls: CallRecord[]): string {
  if (calls.length === 0) return "  (none)";
  return calls.map((c, i) => `  ${i + 1}: ${JSON.stringify(c.input)}`).join("\n");
}

/** The matchers; register them with `expect.extend(secretsManagerMatchers)`. */
export const secretsManagerMatchers = {
  /** Passes when the mock received at least one `command`. */
  toHaveReceivedCommand(this: MatcherContext, received: CallSource, command: CommandRef): MatcherResult {
    const op = operationOf(command);
    const n = callsOf(received, op, false).length;
    return {
      pass: n > 0,
      message: () =>
        n > 0 ? `expected the mock not to have received ${op}, but it received it ${n} time(s)` : `expected the mock to have received ${op}, but it never did`,
    };
  },

  /** Passes when the mock received `command` exactly `times` times. */
  toHaveReceivedCommandTimes(this: MatcherContext, received: CallSource, command: CommandRef, times: number): MatcherResult {
    const op = operationOf(command);
    const n = callsOf(received, op, false).length;
    return {
      pass: n === times,
      message: () =>
        n === times
          ? `expected the mock not to have received ${op} ${times} time(s), but it did`
          : `expected the mock to have received ${op} ${times} time(s), but it received it ${n} time(s)`,
    };
  },

  /**
   * Passes when some `command` call's input contains `input` (a partial match; asymmetric matchers
   * such as `expect.any(String)` work). Secret values are compared, but never printed.
   */
  toHaveReceivedCommandWith(this: MatcherContext, received: CallSource, command: CommandRef, input: Record<string, unknown>): MatcherResult {
    const op = operationOf(command);
    const pass = callsOf(received, op, true).some((c) => matchesPartial(this, c.input, input));
    return {
      pass,
      message: () => {
        const shown = callsOf(received, op, false);
        return pass
          ? `expected the mock not to have received ${op} with ${show(this, input, true)}, but it did`
          : `expected the mock to have received ${op} with ${show(this, input, true)}\nReceived ${op} inputs (secret values hidden):\n${inputsList(shown)}`;
      },
    };
  },
};

/** The matchers' signatures, for declaration merging with a test framework's `expect`. */
export interface SecretsManagerMatchers<R = unknown> {
  /** The mock received at least one `command`. */
  toHaveReceivedCommand(command: CommandRef): R;
  /** The mock received `command` exactly `times` times. */
  toHaveReceivedCommandTimes(command: CommandRef, times: number): R;
  /** Some `command` call's input contains `input` (partial match). */
  toHaveReceivedCommandWith(command: CommandRef, input: Record<string, unknown>): R;
}
