import type { SecretsStoreCore } from "../store/secrets-store.js";
import type { RotationFailure, RotationFunction, RotationStep } from "../store/rotation-functions.js";

/** Who is calling: the (account, region) whose secrets an operation sees. */
export interface CallerIdentity {
  accountId: string;
  region: string;
}

/**
 * Runs a rotation function through `steps` against the same store, as Secrets Manager invokes a
 * rotation Lambda. Returns undefined when every step succeeded, or the failure at the first step
 * that threw (also appended to `store.rotationFailures`). Needs an SDK client, so the adapter that
 * owns clients provides it (`rotation/rotation-invoker.ts`): operations can't import it.
 */
export type RotationInvoker = (
  store: SecretsStoreCore,
  caller: CallerIdentity,
  fn: RotationFunction,
  secretArn: string,
  token: string,
  steps: readonly RotationStep[],
) => Promise<RotationFailure | undefined>;

/** What the layers above hand down to the operations with each call. */
export interface OperationServices {
  /** Runs rotation functions for RotateSecret (without it, RotateSecret can't rotate). */
  invokeRotation?: RotationInvoker;
}

/** What an operation receives besides its input. */
export interface OperationContext extends CallerIdentity {
  readonly store: SecretsStoreCore;
  /** The time of the request (epoch ms), read once from the store's clock. */
  readonly now: number;
  /** The AWS partition of ARNs (`aws`). */
  readonly arnPartition: string;
  /** See {@link OperationServices}. */
  readonly services: OperationServices;
}
