/**
 * The package's `dispatch`: the operations' own `dispatch` with what every way in hands down by
 * default (the rotation invoker), so that a direct `dispatch(store, "RotateSecret", ...)` runs the
 * registered rotation function as a client call would.
 */
import type { CallerIdentity, OperationServices } from "../operations/context.js";
import { dispatch as dispatchOperation } from "../operations/index.js";
import { SDK_SERVICES } from "./rotation-invoker.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";

/**
 * Runs `operation` on `store` for `caller`, as every way in does: validates the input against the
 * model, purges secrets whose deletion window has passed, and calls the operation. Returns its
 * output (without `$metadata`), or throws a `ServiceError` (or `UnsupportedOperationError`).
 *
 * @param services - what the operations need from above (default: the rotation invoker the ways in use).
 *
 * @example
 * ```ts
 * const out = dispatch(store, "CreateSecret", { Name: "db", SecretString: "s3cr3t" }, { accountId: store.accountId, region: store.region });
 * ```
 */
export function dispatch(
  store: SecretsStoreCore,
  operation: string,
  input: unknown,
  caller: CallerIdentity,
  services: OperationServices = SDK_SERVICES,
): object | Promise<object> {
  return dispatchOperation(store, operation, input, caller, services);
}
