/**
 * `secrets-manager-mock/vitest`: the same helpers as `secrets-manager-mock/jest`, for Vitest. It
 * imports nothing from Vitest: with `globals: true` the hooks are found on `globalThis`; otherwise
 * pass them: `useSecretsManagerMock(options, { beforeEach, afterEach, afterAll })`.
 *
 * @example
 * ```ts
 * import { afterAll, beforeEach, afterEach, expect } from "vitest";
 * import { useSecretsManagerMock, secretsManagerMatchers } from "secrets-manager-mock/vitest";
 * expect.extend(secretsManagerMatchers);
 * const sm = useSecretsManagerMock({ fixtures: "./fixtures.json" }, { beforeEach, afterEach, afterAll });
 * ```
 *
 * Importing this entry types the matchers on Vitest's `expect` (it augments Vitest's `Assertion`).
 *
 * @packageDocumentation
 */
// Types only (erased): the module augmented below.
import type {} from "vitest";
import { createSecretsManagerMatchers, type SecretsManagerMatchers } from "./testing/matchers.js";
import {
  globalTestHooks,
  type SecretsManagerMockHandle,
  type TestHooks,
  type UseSecretsManagerMockOptions,
  useSecretsManagerMockWith,
} from "./testing/use-mock.js";

/**
 * Installs a mock on every `SecretsManagerClient` (or `options.client`) before each test and
 * removes it after; see `secrets-manager-mock/jest`.
 */
export function useSecretsManagerMock(options: UseSecretsManagerMockOptions = {}, hooks?: TestHooks): SecretsManagerMockHandle {
  return useSecretsManagerMockWith(hooks ?? globalTestHooks("vitest"), options);
}

/** The matchers, their diffs printed with Vitest's helpers; register them with `expect.extend(secretsManagerMatchers)`. */
export const secretsManagerMatchers = createSecretsManagerMatchers("vitest");
export type { SecretsManagerMatchers, SecretsManagerMockHandle, TestHooks, UseSecretsManagerMockOptions };
export type { CallSource, CommandRef, DiffStyle, InputSample, MatcherUtils } from "./testing/matchers.js";
export type { OperationInput, SdkCommandClass } from "./calls/command-types.js";

/** Types for Vitest's `expect`. */
declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Assertion<T = any> extends SecretsManagerMatchers<T> {}
}
