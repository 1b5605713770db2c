/**
 * Turns a ServiceError into what the SDK would have thrown for the same AWS response: the
 * client's own exception class for modelled codes, `SecretsManagerServiceException` with `name`
 * set to the code for the others.
 */
import * as SecretsManager from "@aws-sdk/client-secrets-manager";
import type { ResponseMetadata } from "@smithy/types";
import { isModeledErrorCode, ServiceError } from "../errors.js";

/** Builds the `$metadata` the SDK attaches to a response or an error. */
export function responseMetadata(httpStatusCode: number, requestId: string): ResponseMetadata {
  return { httpStatusCode, requestId, attempts: 1, totalRetryDelay: 0 };
}

type ExceptionCtor = new (opts: { message: string; $metadata: ResponseMetadata; Message?: string }) => Error;

/** The SDK exception for `error`, as real AWS would have produced it. */
export function toSdkException(error: ServiceError, requestId: string): Error {
  const $metadata = responseMetadata(error.httpStatus, requestId);
  if (isModeledErrorCode(error.code)) {
    const Ctor = (SecretsManager as unknown as Record<string, ExceptionCtor>)[error.code]!;
    return new Ctor({ message: error.message, Message: error.message, $metadata });
  }
  const e = new SecretsManager.SecretsManagerServiceException({
    name: error.code,
    $fault: error.fault,
    message: error.message,
    $metadata,
  });
  return e;
}
