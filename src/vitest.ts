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
 * For typed matchers, add to a `.d.ts` file:
 * ```ts
 * import type { SecretsManagerMatchers } from "secrets-manager-mock/vitest";
 * declare module "vitest" {
 *   interface Assertion<T = any> extends SecretsManagerMatchers<T> {}
 * }
 * ```
 *
 * @packageDocumentation
 */
import { type SecretsManagerMatchers, secretsManagerMatchers } from "./testing/matchers.js";
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

export { secretsManagerMatchers };
export type { SecretsManagerMatchers, SecretsManagerMockHandle, TestHooks, UseSecretsManagerMockOptions };
export type { CallSource, CommandRef } from "./testing/matchers.js";
