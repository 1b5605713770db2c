/**
 * secrets-manager-mock: a stateful, in-process AWS Secrets Manager for the AWS SDK for JavaScript v3.
 *
 * @packageDocumentation
 */
export { ServiceError, Messages, MODELED_ERROR_CODES } from "./errors.js";
export type { ErrorCode, ModeledErrorCode } from "./errors.js";
export { ManualClock } from "./store/clock.js";
export type { Clock, Duration } from "./store/clock.js";
export type { IdSource } from "./store/id-source.js";
export { SecretsStore, DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from "./store/secrets-store.js";
export type { SecretsStoreOptions, StoreSnapshot, Partition } from "./store/secrets-store.js";
export type { SecretRecord, VersionRecord, TagRecord } from "./store/records.js";
export { dispatch, supportedOperations, UnsupportedOperationError } from "./operations/index.js";
export type { CallerIdentity } from "./operations/context.js";
export { OPERATION_NAMES } from "./operations/shapes.js";
export type { OperationName } from "./operations/shapes.js";
export {
  secretsManagerMockMiddleware,
  secretsManagerMockMiddlewareOptions,
  getSecretsManagerMockPlugin,
} from "./adapters/middleware.js";
export type { SecretsManagerMockMiddlewareOptions } from "./adapters/middleware.js";
export { mockSecretsManager, SecretsManagerMock } from "./adapters/mock-secrets-manager.js";
export type { MockSecretsManagerOptions, MockableClient, MockableClientClass } from "./adapters/mock-secrets-manager.js";
