/**
 * The one entry point every adapter calls: `dispatch(store, operation, input, caller)`.
 */
import type { SecretsStoreCore } from "../store/secrets-store.js";
import type { CallerIdentity, OperationContext, OperationServices } from "./context.js";
import { batchGetSecretValue } from "./batch-get-secret-value.js";
import { createSecret } from "./create-secret.js";
import { deleteSecret } from "./delete-secret.js";
import { describeSecret } from "./describe-secret.js";
import { getSecretValue } from "./get-secret-value.js";
import { getRandomPassword } from "./get-random-password.js";
import { removeRegionsFromReplication, replicateSecretToRegions, stopReplicationToReplica } from "./replication.js";
import { deleteResourcePolicy, getResourcePolicy, putResourcePolicy, validateResourcePolicy } from "./resource-policy.js";
import { cancelRotateSecret, rotateSecret } from "./rotate-secret.js";
import { listSecretVersionIds } from "./list-secret-version-ids.js";
import { listSecrets } from "./list-secrets.js";
import { putSecretValue } from "./put-secret-value.js";
import { restoreSecret } from "./restore-secret.js";
import { isOperationName, type OperationName, validateInput, withoutNulls } from "./shapes.js";
import { tagResource } from "./tag-resource.js";
import { untagResource } from "./untag-resource.js";
import { updateSecret } from "./update-secret.js";
import { updateSecretVersionStage } from "./update-secret-version-stage.js";

/** An operation: validated input in, output (without `$metadata`) out; throws ServiceError. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OperationHandler = (input: any, ctx: OperationContext) => object | Promise<object>;

/** The operations the mock implements. */
export const OPERATIONS: Partial<Record<OperationName, OperationHandler>> = {
  CancelRotateSecret: cancelRotateSecret,
  DeleteResourcePolicy: deleteResourcePolicy,
  GetRandomPassword: getRandomPassword,
  GetResourcePolicy: getResourcePolicy,
  PutResourcePolicy: putResourcePolicy,
  RemoveRegionsFromReplication: removeRegionsFromReplication,
  ReplicateSecretToRegions: replicateSecretToRegions,
  RotateSecret: rotateSecret,
  StopReplicationToReplica: stopReplicationToReplica,
  ValidateResourcePolicy: validateResourcePolicy,
  BatchGetSecretValue: batchGetSecretValue,
  CreateSecret: createSecret,
  DeleteSecret: deleteSecret,
  DescribeSecret: describeSecret,
  GetSecretValue: getSecretValue,
  ListSecretVersionIds: listSecretVersionIds,
  ListSecrets: listSecrets,
  PutSecretValue: putSecretValue,
  RestoreSecret: restoreSecret,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateSecret: updateSecret,
  UpdateSecretVersionStage: updateSecretVersionStage,
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
    super(`secrets-manager-mock does not implement ${operation}. Supported operations: ${supportedOperations().join(", ")}.`);
    this.name = "UnsupportedOperationError";
    this.operation = operation;
  }
}

/** True when the mock implements `operation`. */
export function isSupportedOperation(operation: string): operation is OperationName {
  return isOperationName(operation) && OPERATIONS[operation] !== undefined;
}

const NO_SERVICES: OperationServices = {};

/**
 * Runs `operation` on `store` for `caller`: validates the input against the model, purges secrets
 * whose deletion window has passed, and calls the operation. Returns its output (without
 * `$metadata`), or throws a `ServiceError` (or {@link UnsupportedOperationError}).
 *
 * @param services - what the operations need from above: RotateSecret needs `invokeRotation`
 *   (every way in passes one; see `rotation/rotation-invoker.ts`).
 */
export function dispatch(
  store: SecretsStoreCore,
  operation: string,
  input: unknown,
  caller: CallerIdentity,
  services: OperationServices = NO_SERVICES,
): object | Promise<object> {
  if (!isSupportedOperation(operation)) throw new UnsupportedOperationError(operation);
  const hasNulls = validateInput(operation, input);
  const now = store.now();
  store.purgeExpired(caller.accountId, caller.region, now);
  const ctx: OperationContext = { store, now, accountId: caller.accountId, region: caller.region, arnPartition: "aws", services };
  const before = store.revision;
  const result = OPERATIONS[operation]!(hasNulls ? withoutNulls(operation, input) : (input ?? {}), ctx);
  if (result instanceof Promise) {
    return result.finally(() => {
      if (store.revision !== before) store.notifyChange();
    });
  }
  if (store.revision !== before) store.notifyChange();
  return result;
}
