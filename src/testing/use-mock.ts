/**
 * The runner-agnostic core of `useSecretsManagerMock`: it only needs `beforeEach`/`afterEach`
 * functions, so the same code serves Jest, Vitest, node:test or Mocha.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import {
  mockSecretsManager,
  type MockableClient,
  type MockableClientClass,
  type MockSecretsManagerOptions,
  type SecretsManagerMock,
} from "../sdk/mock-secrets-manager.js";
import type { StubOn } from "../sdk/stubs.js";
import { SecretsStore } from "../setup/secrets-store.js";

/** The lifecycle hooks of a test runner. */
export interface TestHooks {
  beforeEach(fn: () => void | Promise<void>): void;
  afterEach(fn: () => void | Promise<void>): void;
  /**
   * When given, the store built for the suite is closed after its last test: with `persist`, that
   * saves it and gives its state file up for the next test file of the same worker.
   */
  afterAll?(fn: () => void | Promise<void>): void;
}

/** Options of `useSecretsManagerMock`: the options of `mockSecretsManager` plus the target and isolation. */
export interface UseSecretsManagerMockOptions extends MockSecretsManagerOptions {
  /** The client class or instance to mock. Default: `SecretsManagerClient` (every instance). */
  client?: MockableClient | MockableClientClass;
  /**
   * How tests are kept apart. `"reset"` (default): one store, put back to its fixtures (cheap,
   * copy-on-write) before each test, and closed after the last one (when the hooks have `afterAll`).
   * `"fresh"`: a new store built from the options for each test, closed after it.
   */
  isolation?: "reset" | "fresh";
}

/** What a test sees: the store and mock of the current test. */
export interface SecretsManagerMockHandle {
  /** The store of the current test. */
  readonly store: SecretsStore;
  /** The mock of the current test (call history, fault injection, stubs). Only inside a test. */
  readonly mock: SecretsManagerMock;
  /** `mock.on(...)` of the current test: a stub that lasts until the test ends. */
  readonly on: StubOn;
  /** `mock.resetStubs()` of the current test. */
  resetStubs(): void;
}

/**
 * Registers `beforeEach`/`afterEach` hooks that install a fresh (or reset) mock before each test
 * and remove it after, and returns a handle on the current test's store and mock.
 */
export function useSecretsManagerMockWith(hooks: TestHooks, options: UseSecretsManagerMockOptions = {}): SecretsManagerMockHandle {
  const { client = SecretsManagerClient, isolation = "reset", ...mockOptions } = options;
  // Built now, so broken fixtures fail while the suite is collected, not in every test.
  const shared = isolation === "reset" ? (mockOptions.store ?? new SecretsStore(mockOptions)) : undefined;
  let store = shared;
  let mock: SecretsManagerMock | undefined;

  // Only the stores built here are closed here (a persisted store holds its file until closed).
  const owned = mockOptions.store === undefined;

  hooks.beforeEach(() => {
    mock?.restore();
    if (shared !== undefined) shared.reset();
    else store = mockOptions.store ?? new SecretsStore(mockOptions);
    mock = mockSecretsManager(client, { ...mockOptions, store: store! });
  });
  hooks.afterEach(async () => {
    mock?.restore();
    mock = undefined;
    if (shared === undefined && owned) await store?.close();
  });
  if (shared !== undefined && owned) hooks.afterAll?.(() => shared.close());

  const current = (): SecretsManagerMock => {
    if (mock === undefined)
      throw new Error("secrets-manager-mock: the mock is installed only while a test runs (use it inside a test or a beforeEach)");
    return mock;
  };
  // Stubs live on the test's mock, which afterEach removes: none outlives its test.
  const on = ((...args: Parameters<SecretsManagerMock["on"]>) => current().on(...args)) as StubOn;
  return {
    on,
    resetStubs: () => void current().resetStubs(),
    get store(): SecretsStore {
      if (store === undefined)
        throw new Error("secrets-manager-mock: the store exists once a test runs (use it inside a test or a beforeEach)");
      return store;
    },
    get mock(): SecretsManagerMock {
      return current();
    },
  };
}

/** The `beforeEach`/`afterEach` globals of the running test framework. */
export function globalTestHooks(runner: string): TestHooks {
  const g = globalThis as { beforeEach?: TestHooks["beforeEach"]; afterEach?: TestHooks["afterEach"]; afterAll?: TestHooks["afterAll"] };
  if (typeof g.beforeEach !== "function" || typeof g.afterEach !== "function") {
    throw new Error(
      `secrets-manager-mock/${runner}: no global beforeEach/afterEach. Pass them: useSecretsManagerMock(options, { beforeEach, afterEach, afterAll })`,
    );
  }
  return { beforeEach: g.beforeEach, afterEach: g.afterEach, ...(typeof g.afterAll === "function" && { afterAll: g.afterAll }) };
}
