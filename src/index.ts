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
export { SecretsStore } from "./setup/secrets-store.js";
export { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from "./store/secrets-store.js";
export type { SecretsStoreCore, SecretsStoreOptions, StoreSnapshot, Partition, FixtureApplier } from "./store/secrets-store.js";
export type { SecretRecord, VersionRecord, TagRecord, RotationRecord, ReplicaRecord } from "./store/records.js";
export type { RotationEvent, RotationFailure, RotationFunction, RotationStep, RotationTools } from "./store/rotation-functions.js";
export { generatePassword } from "./operations/get-random-password.js";
export type { PasswordOptions } from "./operations/get-random-password.js";
export { passwordRotationFunction } from "./rotation/password-rotation.js";
export type { PasswordRotationOptions } from "./rotation/password-rotation.js";
export { runDueRotations } from "./rotation/due-rotations.js";
export type { DueRotation, RunDueRotationsOptions } from "./rotation/due-rotations.js";
export { supportedOperations, UnsupportedOperationError } from "./operations/index.js";
export { dispatch } from "./sdk/dispatch.js";
export type { CallerIdentity, OperationServices, RotationInvoker } from "./operations/context.js";
export { OPERATION_NAMES } from "./operations/shapes.js";
export type { OperationName } from "./operations/shapes.js";
export { secretsManagerMockMiddleware, secretsManagerMockMiddlewareOptions, getSecretsManagerMockPlugin } from "./sdk/middleware.js";
export type { MockableMiddlewareStack, SecretsManagerMockMiddlewareOptions, SecretsManagerMockPlugin } from "./sdk/middleware.js";
export { mockSecretsManager, SecretsManagerMock } from "./sdk/mock-secrets-manager.js";
export { StubBehaviour } from "./sdk/stubs.js";
export type { StubError, StubFake, StubOn, StubOutput, StubResponse } from "./sdk/stubs.js";
export type { CommandRef, OperationInput, OperationOutput, SdkCommandClass } from "./calls/command-types.js";
export type { MockSecretsManagerOptions, MockableClient, MockableClientClass } from "./sdk/mock-secrets-manager.js";
export { STATE_FORMAT_VERSION } from "./store/state-format.js";
export type { StateDocument, PartitionState, SecretState, VersionState, RotationState, ReplicaState } from "./store/state-format.js";
export { InvalidDocumentError } from "./store/document-reader.js";
export type { FixtureDocument, FixtureSecret, FixtureVersion } from "./store/fixture-document.js";
export type { PersistOptions } from "./store/persistence.js";
export { StateFileInUseError } from "./store/state-file-lock.js";
export type { StateFileHolder } from "./store/state-file-lock.js";
export { REDACTED } from "./sdk/call-history.js";
export type { CallRecord, CallsOptions } from "./sdk/call-history.js";
export type {
  InjectedError,
  InjectedNetworkFault,
  InjectedFault,
  FaultPredicate,
  FaultRule,
  FaultRuleStatus,
  FaultReport,
  Latency,
} from "./faults/fault-engine.js";
export type { FaultControls } from "./faults/fault-controls.js";
export type { NetworkFaultKind } from "./calls/network-fault.js";
export { AWS_RATE_QUOTAS } from "./faults/throttling.js";
export type { ThrottleQuotas } from "./faults/throttling.js";
export { createSecretsManagerRequestHandler } from "./sdk/request-handler.js";
export type { SecretsManagerRequestHandler, SecretsManagerRequestHandlerOptions } from "./sdk/request-handler.js";
export { startSecretsManagerServer } from "./endpoint/start-server.js";
export type { SecretsManagerServer, SecretsManagerServerOptions } from "./endpoint/endpoint.js";
export type { WireHandlerOptions } from "./wire/wire-handler.js";
export type { SidecarListenerOptions } from "./sidecars/sidecars.js";
export type { LambdaExtensionOptions, LambdaExtensionSettings } from "./sidecars/lambda-extension.js";
export type { AgentConfig, AgentOptions } from "./sidecars/agent.js";
export type { CloudExtensionsOptions, CloudExtensionsSettings } from "./sidecars/cloud-extensions.js";
export type { SecretsManagerSidecarCaches, SidecarCacheReport, SidecarCacheEntryView, SidecarName } from "./sidecars/sidecar-cache.js";
