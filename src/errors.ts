/**
 * The error model shared by every layer.
 *
 * Operations throw {@link ServiceError}: plain data (code, message, HTTP status). Each adapter turns
 * it into what its caller expects: the SDK's own exception class (middleware) or a JSON 1.1 error
 * body (wire protocol). Messages never contain secret values.
 */

/** Error codes that the Secrets Manager model declares (the SDK has a class for each). */
export const MODELED_ERROR_CODES = [
  "DecryptionFailure",
  "EncryptionFailure",
  "InternalServiceError",
  "InvalidNextTokenException",
  "InvalidParameterException",
  "InvalidRequestException",
  "LimitExceededException",
  "MalformedPolicyDocumentException",
  "PreconditionNotMetException",
  "PublicPolicyException",
  "ResourceExistsException",
  "ResourceNotFoundException",
] as const;

/** A code the model declares. */
export type ModeledErrorCode = (typeof MODELED_ERROR_CODES)[number];

/**
 * Any error code the mock can produce: the modelled ones plus the unmodelled codes AWS sends
 * (they reach SDK callers as `SecretsManagerServiceException` with `name` set to the code).
 */
export type ErrorCode =
  | ModeledErrorCode
  | "ValidationException"
  | "AccessDeniedException"
  | "ThrottlingException"
  | "SerializationException"
  | "UnknownOperationException"
  | "InternalFailure"
  | (string & {});

/** An AWS service error as data: what an adapter needs to report it faithfully. */
export class ServiceError extends Error {
  /** The AWS error code, e.g. `ResourceNotFoundException`. */
  readonly code: ErrorCode;
  /** HTTP status AWS answers with (400 for every client error, 500 for InternalServiceError). */
  readonly httpStatus: number;
  /** `"server"` for InternalServiceError/InternalFailure, `"client"` otherwise. */
  readonly fault: "client" | "server";

  constructor(code: ErrorCode, message: string, httpStatus?: number) {
    super(message);
    this.name = "ServiceError";
    this.code = code;
    this.httpStatus = httpStatus ?? (code === "InternalServiceError" || code === "InternalFailure" ? 500 : 400);
    this.fault = this.httpStatus >= 500 ? "server" : "client";
  }
}

/** True when `code` is one the Secrets Manager model declares. */
export function isModeledErrorCode(code: string): code is ModeledErrorCode {
  return (MODELED_ERROR_CODES as readonly string[]).includes(code);
}

/** The exact AWS messages, in one place (see reference/aws-behaviour.md §1.2). */
export const Messages = {
  secretNotFound: "Secrets Manager can't find the specified secret.",
  stageNotFound: (stage: string) => `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
  versionNotFound: (versionId: string) => `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`,
  stageNotOnVersion: "You provided a VersionStage that is not associated to the provided VersionId.",
  invalidName: "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!",
  secretExists: (name: string) => `The operation failed because the secret ${name} already exists.`,
  scheduledForDeletionCreate: "You can't create this secret because a secret with this name is already scheduled for deletion.",
  markedForDeletion: "You can't perform this operation on the secret because it was marked for deletion.",
  tokenInUse: (token: string, arn: string) =>
    `You can't use ClientRequestToken ${token} because that value is already in use for a version of secret ${arn}.`,
  tokenMissing: "You must provide a ClientRequestToken value. We recommend a UUID-type value.",
  bothValues: "You can't specify both a binary secret value and a string secret value in the same secret.",
  noValue: "You must provide either SecretString or SecretBinary.",
  tokenLength: "ClientRequestToken must be 32-64 characters long.",
  tooManyVersions:
    "You can't create more versions of this secret: it already has 100 versions without a staging label, and versions created in the last 24 hours can't be removed.",
  tooManyLabels: "A secret can have at most 20 staging labels attached across all of its versions.",
  versionDeleted: (versionId: string) => `You can't perform this operation on secret version ${versionId} because it was deleted.`,
} as const;

/** Shorthands for the errors operations throw most. */
export const errors = {
  notFound: () => new ServiceError("ResourceNotFoundException", Messages.secretNotFound),
  invalidName: () => new ServiceError("ValidationException", Messages.invalidName),
  invalidRequest: (message: string) => new ServiceError("InvalidRequestException", message),
  invalidParameter: (message: string) => new ServiceError("InvalidParameterException", message),
  markedForDeletion: () => new ServiceError("InvalidRequestException", Messages.markedForDeletion),
  limitExceeded: (message: string) => new ServiceError("LimitExceededException", message),
  validation: (message: string) => new ServiceError("ValidationException", message),
} as const;
