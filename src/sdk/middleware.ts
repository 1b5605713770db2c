/**
 * The typed way in: an initialize-step middleware that answers every Secrets Manager command from
 * a store, before the SDK serializes, signs or sends anything (no region, credentials or network
 * needed), and the pluggable that adds it.
 */
import type { InitializeMiddleware, MetadataBearer } from "@smithy/types";
import type { SecretsStoreCore } from "../store/secrets-store.js";
import { SDK_SERVICES } from "./rotation-invoker.js";
import { type SecretsManagerMockMiddlewareOptions, secretsManagerMockMiddlewareOptions, storeMiddleware } from "./store-middleware.js";

export { secretsManagerMockMiddlewareOptions, type SecretsManagerMockMiddlewareOptions };

/**
 * A middleware that answers Secrets Manager commands from `store`.
 *
 * @example
 * ```ts
 * const store = new SecretsStore();
 * client.middlewareStack.add(secretsManagerMockMiddleware(store, { region: "eu-west-1" }), secretsManagerMockMiddlewareOptions);
 * ```
 */
export function secretsManagerMockMiddleware(
  store: SecretsStoreCore,
  options: SecretsManagerMockMiddlewareOptions = {},
): InitializeMiddleware<object, MetadataBearer> {
  return storeMiddleware(store, options, SDK_SERVICES);
}

/**
 * The members of a client's middleware stack the mock calls. Declared here, not taken from
 * `@smithy/types`: each SDK version types its stack with the `@smithy/types` (before 3.36x,
 * `@aws-sdk/types`) copy it was built with, and those `MiddlewareStack` types are not assignable
 * to one another, so a client of SDK 3.300 or 3.540 would not fit the current one.
 */
export interface MockableMiddlewareStack {
  /** Adds a middleware with its step and name. */
  add(middleware: unknown, options: unknown): void;
  /** Removes the middleware of that name; true when there was one. */
  remove(toRemove: string): boolean;
}

/** What {@link getSecretsManagerMockPlugin} returns: a pluggable for the stack of any supported SDK version. */
export interface SecretsManagerMockPlugin {
  /** Adds the mock's middleware to `stack`. */
  applyToStack(stack: MockableMiddlewareStack): void;
}

/**
 * A pluggable for `client.middlewareStack.use(getSecretsManagerMockPlugin(store))`.
 */
export function getSecretsManagerMockPlugin(
  store: SecretsStoreCore,
  options: SecretsManagerMockMiddlewareOptions = {},
): SecretsManagerMockPlugin {
  return {
    applyToStack: (stack) => {
      stack.add(secretsManagerMockMiddleware(store, options), secretsManagerMockMiddlewareOptions);
    },
  };
}
