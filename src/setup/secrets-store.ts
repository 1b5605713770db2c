/**
 * `SecretsStore`, the store users create: the store core plus what needs the layers above it,
 * handed down rather than imported upward (DESIGN.md): fixture documents, applied through the
 * operations, and defaults that follow the AWS SDK's region resolution.
 */
import type { FixtureDocument } from "../store/fixture-document.js";
import { SecretsStoreCore, type SecretsStoreOptions } from "../store/secrets-store.js";
import type { StateDocument } from "../store/state-format.js";
import { applyFixtures } from "./seed-fixtures.js";
import { withStoreDefaults } from "./store-defaults.js";

/**
 * The in-memory state of Secrets Manager: partitions per (account, region), each holding secrets
 * with their versions, staging labels, tags, policies and rotation state.
 *
 * Every way in (middleware, request handler, HTTP endpoint) reads and writes a store through the
 * operations, so one store can serve several clients and regions at once. What the options leave
 * out follows the AWS SDK: without `region`, the store (and fixtures without `Region`) use the
 * region a `new SecretsManagerClient({})` would resolve — see docs/api.md, "Region and account
 * resolution".
 *
 * @example
 * ```ts
 * const store = new SecretsStore({ seed: 42 });
 * const client = new SecretsManagerClient({});
 * mockSecretsManager(client, { store });
 * ```
 */
export class SecretsStore extends SecretsStoreCore {
  constructor(options: SecretsStoreOptions = {}) {
    super(withStoreDefaults(options), applyFixtures);
  }

  /**
   * A store holding the content of a state (or fixture) document.
   *
   * @example
   * ```ts
   * const copy = SecretsStore.fromState(store.exportState(), { seed: 1 });
   * ```
   */
  static fromState(doc: StateDocument | FixtureDocument, options: Omit<SecretsStoreOptions, "fixtures"> = {}): SecretsStore {
    return new SecretsStore({ ...options, fixtures: doc });
  }
}
