/**
 * The one entry point every adapter calls: `dispatch(store, operation, input, caller)`.
 */
import type { SecretsStore } from "../store/secrets-store.js";
import type { CallerIdentity, OperationContext } from "./context.js";
import { createSecret } from "./create-secret.js";
import { describeSecret } from "./describe-secret.js";
import { getSecretValue } from "./get-secret-value.js";
import { putSecretValue } from "./put-secret-value.js";
import { isOperationName, type OperationName, validateInput } from "./shapes.js";
import { updateSecret } from "./update-secret.js";

/** An operation: validated input in, output (without `$metadata`) out; throws ServiceError. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OperationHandler = (input: any, ctx: OperationContext) => object | Promise<object>;

/** The operations the mock implements. */
export const OPERATIONS: Partial<Record<OperationName, OperationHandler>> = {
  CreateSecret: createSecret,
  DescribeSecret: describeSecret,
  GetSecretValue: getSecretValue,
  PutSecretValue: putSecretValue,
  UpdateSecret: updateSecret,
};

/** Names of the implemented operations, sorted. */
export function supportedOperations(): string[] {
  return Object.keys(OPERATIONS).sort();
}

/** Thrown for a command the mock does not implement: it never reaches the network. */
export class UnsupportedOperationError extends Error {
  /** The operation that was asked for. */
  readonly operation: string;

  constructor(operation: string) {
    super(
      `secrets-manager-mock does not implement ${operation}. Supported operations: ${supportedOperations().join(", ")}.`,
    );
    this.name = "UnsupportedOperationError";
    this.operation = operation;
  }
}

/** True when the mock implements `operation`. */
export function isSupportedOperation(operation: string): operation is OperationName {
  return isOperationName(operation) && OPERATIONS[operation] !== undefined;
}

/**
 * Runs `operation` on `store` for `caller`: validates the input against the model, purges secrets
 * whose deletion window has passed, and calls the operation. Returns its output (without
 * `$metadata`), or throws a `ServiceError` (or {@link UnsupportedOperationError}).
 */
export function dispatch(store: SecretsStore, operation: string, input: unknown, caller: CallerIdentity): object | Promise<object> {
  if (!isSupportedOperation(operation)) throw new UnsupportedOperationError(operation);
  validateInput(operation, input);
  const now = store.now();
  store.purgeExpired(caller.accountId, caller.region, now);
  const ctx: OperationContext = { store, now, accountId: caller.accountId, region: caller.region, arnPartition: "aws" };
  const before = store.revision;
  const result = OPERATIONS[operation]!(input ?? {}, ctx);
  if (result instanceof Promise) {
    return result.finally(() => {
      if (store.revision !== before) store.notifyChange();
    });
  }
  if (store.revision !== before) store.notifyChange();
  return result;
}
