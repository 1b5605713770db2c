/**
 * `secrets-manager-mock/node-test`: a per-test mock for `node:test` suites, and assertions on its
 * calls that need no `expect`. They throw node:assert's `AssertionError`, with the same messages as
 * the Jest/Vitest matchers (secret values as `"***"`).
 *
 * @example
 * ```ts
 * import { test } from "node:test";
 * import { GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
 * import { assertReceivedCommand, useSecretsManagerMock } from "secrets-manager-mock/node-test";
 *
 * const sm = useSecretsManagerMock({ fixtures: { secrets: { "prod/db": { SecretString: "pw" } } } });
 * test("reads the password", async () => {
 *   await readPassword();
 *   assertReceivedCommand(sm, GetSecretValueCommand, { SecretId: "prod/db" });
 * });
 * ```
 *
 * @packageDocumentation
 */
import { AssertionError } from "node:assert";
import { afterEach, beforeEach } from "node:test";
import { inspect } from "node:util";
import type { MetadataBearer } from "@smithy/types";
import type { OperationInput, SdkCommandClass } from "./calls/command-types.js";
import type { OperationName } from "./operations/shapes.js";
import { type CallSource, type InputSample, type MatcherContext, type MatcherResult, secretsManagerMatchers } from "./testing/matchers.js";
import {
  type SecretsManagerMockHandle,
  type TestHooks,
  type UseSecretsManagerMockOptions,
  useSecretsManagerMockWith,
} from "./testing/use-mock.js";

/**
 * Installs a mock on every `SecretsManagerClient` (or `options.client`) before each test and
 * removes it after, with node:test's `beforeEach`/`afterEach` (those of the enclosing `describe`
 * when called inside one). See `secrets-manager-mock/jest` for the options.
 */
export function useSecretsManagerMock(
  options: UseSecretsManagerMockOptions = {},
  hooks: TestHooks = { beforeEach, afterEach },
): SecretsManagerMockHandle {
  return useSecretsManagerMockWith(hooks, options);
}

const show = (value: unknown) => inspect(value, { depth: 8, breakLength: Infinity });
const context = (isNot: boolean): MatcherContext => ({ isNot, utils: { printExpected: show, printReceived: show } });

/** Throws an AssertionError when `result` isn't what was asserted; its stack starts at the caller's line. */
function settle(result: MatcherResult, isNot: boolean, assertion: (...args: never[]) => void): void {
  if (result.pass === isNot) throw new AssertionError({ message: result.message(), operator: assertion.name, stackStartFn: assertion });
}

/** An assertion on a command, optionally on some of its input members (typed with the SDK's input). */
export interface CommandAssertion {
  <I extends object, O extends MetadataBearer>(mock: CallSource, command: SdkCommandClass<I, O>, input?: InputSample<I>): void;
  <Op extends OperationName>(mock: CallSource, command: Op, input?: InputSample<OperationInput<Op>>): void;
}

/** An assertion on the `n`-th call (1-based) and some of its input members. */
export interface NthCommandAssertion {
  <I extends object, O extends MetadataBearer>(mock: CallSource, n: number, command: SdkCommandClass<I, O>, input: InputSample<I>): void;
  <Op extends OperationName>(mock: CallSource, n: number, command: Op, input: InputSample<OperationInput<Op>>): void;
}

type AnyCommand = SdkCommandClass | OperationName;
type Input = Record<string, unknown>;
const m = secretsManagerMatchers;

/** The mock received `command` (with an input that has the members of `input`, when given). */
export const assertReceivedCommand: CommandAssertion = function assertReceivedCommand(
  mock: CallSource,
  command: AnyCommand,
  input?: Input,
): void {
  const ctx = context(false);
  settle(
    input === undefined ? m.toHaveReceivedCommand.call(ctx, mock, command) : m.toHaveReceivedCommandWith.call(ctx, mock, command, input),
    false,
    assertReceivedCommand,
  );
};

/** The mock never received `command` (with an input that has the members of `input`, when given). */
export const assertNotReceivedCommand: CommandAssertion = function assertNotReceivedCommand(
  mock: CallSource,
  command: AnyCommand,
  input?: Input,
): void {
  const ctx = context(true);
  settle(
    input === undefined ? m.toHaveReceivedCommand.call(ctx, mock, command) : m.toHaveReceivedCommandWith.call(ctx, mock, command, input),
    true,
    assertNotReceivedCommand,
  );
};

/** The mock received `command` exactly `times` times. */
export function assertReceivedCommandTimes(mock: CallSource, command: SdkCommandClass | OperationName, times: number): void {
  settle(m.toHaveReceivedCommandTimes.call(context(false), mock, command, times), false, assertReceivedCommandTimes);
}

/** The `n`-th call (1-based, counting every command) was `command`, with an input that has the members of `input`. */
export const assertReceivedNthCommandWith: NthCommandAssertion = function assertReceivedNthCommandWith(
  mock: CallSource,
  n: number,
  command: AnyCommand,
  input: Input,
): void {
  settle(m.toHaveReceivedNthCommandWith.call(context(false), mock, n, command, input), false, assertReceivedNthCommandWith);
};

/** The `n`-th call of `command` (1-based, counting only that command) had an input with the members of `input`. */
export const assertReceivedNthSpecificCommandWith: NthCommandAssertion = function assertReceivedNthSpecificCommandWith(
  mock: CallSource,
  n: number,
  command: AnyCommand,
  input: Input,
): void {
  settle(m.toHaveReceivedNthSpecificCommandWith.call(context(false), mock, n, command, input), false, assertReceivedNthSpecificCommandWith);
};

/** The mock received at least one command. */
export function assertReceivedAnyCommand(mock: CallSource): void {
  settle(m.toHaveReceivedAnyCommand.call(context(false), mock), false, assertReceivedAnyCommand);
}

/** The mock received no command at all. */
export function assertNotReceivedAnyCommand(mock: CallSource): void {
  settle(m.toHaveReceivedAnyCommand.call(context(true), mock), true, assertNotReceivedAnyCommand);
}

export type { CallSource, InputSample, SecretsManagerMockHandle, TestHooks, UseSecretsManagerMockOptions };
export type { OperationInput, SdkCommandClass } from "./calls/command-types.js";
