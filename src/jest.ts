/**
 * `secrets-manager-mock/jest`: a per-test mock for Jest suites and `expect` matchers on its calls.
 *
 * @example
 * ```ts
 * import { useSecretsManagerMock, secretsManagerMatchers } from "secrets-manager-mock/jest";
 * expect.extend(secretsManagerMatchers);
 * const sm = useSecretsManagerMock({ fixtures: { secrets: { "prod/db": { SecretString: "pw" } } } });
 * test("reads the password", async () => {
 *   expect(await readPassword()).toBe("pw");
 *   expect(sm.mock).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
 *   expect(sm.mock).toHaveReceivedNthCommandWith(1, GetSecretValueCommand, { SecretId: "prod/db" });
 * });
 * ```
 *
 * @packageDocumentation
 */
// Types only (erased): the module augmented below.
import type {} from "expect";
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
 * removes it after. The store is put back to its fixtures before each test (or rebuilt, with
 * `isolation: "fresh"`). Call it at the top of a file or a `describe` block.
 */
export function useSecretsManagerMock(options: UseSecretsManagerMockOptions = {}, hooks?: TestHooks): SecretsManagerMockHandle {
  return useSecretsManagerMockWith(hooks ?? globalTestHooks("jest"), options);
}

export { secretsManagerMatchers };
export type { SecretsManagerMatchers, SecretsManagerMockHandle, TestHooks, UseSecretsManagerMockOptions };
export type { CallSource, CommandRef, DiffStyle, InputSample, MatcherUtils } from "./testing/matchers.js";
export type { OperationInput, SdkCommandClass } from "./calls/command-types.js";

/** Types for the `expect` global (`@types/jest`). */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> extends SecretsManagerMatchers<R> {}
  }
}

/** Types for `import { expect } from "@jest/globals"`. */
declare module "expect" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
  interface Matchers<R extends void | Promise<void>, T = unknown> extends SecretsManagerMatchers<R> {}
}
