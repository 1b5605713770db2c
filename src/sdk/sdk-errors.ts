/**
 * Turns a ServiceError into what the SDK would have thrown for the same AWS response: the
 * client's own exception class for modelled codes, `SecretsManagerServiceException` with `name`
 * set to the code for the others.
 */
import * as SecretsManager from "@aws-sdk/client-secrets-manager";
import type { ResponseMetadata } from "@smithy/types";
import { isModeledErrorCode, ServiceError } from "../errors.js";
import { BAD_GATEWAY_HTML } from "../wire/bad-gateway.js";

/** Builds the `$metadata` the SDK attaches to a response or an error. */
export function responseMetadata(httpStatusCode: number, requestId: string): ResponseMetadata {
  return { httpStatusCode, requestId, attempts: 1, totalRetryDelay: 0 };
}

type ExceptionCtor = new (opts: { message?: string; $metadata: ResponseMetadata }) => Error;

/**
 * The SDK exception for `error`, shaped as the SDK's own deserializer shapes an AWS error response
 * `{"__type": code, "Message": text}`: the code's class (or `SecretsManagerServiceException` with
 * `name` = code), `$fault`, `$metadata`, an enumerable `message`, `__type`, and no `Message` key
 * (the SDK's `decorateServiceException` moves `Message` into `message` and deletes it).
 */
export function toSdkException(error: ServiceError, requestId: string): Error {
  const $metadata = responseMetadata(error.httpStatus, requestId);
  const e = (
    isModeledErrorCode(error.code)
      ? new (SecretsManager as unknown as Record<string, ExceptionCtor>)[error.code]({ $metadata })
      : new SecretsManager.SecretsManagerServiceException({ name: error.code, $fault: error.fault, $metadata })
  ) as Error & Record<string, unknown>;
  delete e.Message;
  delete e.$response;
  e.message = error.message;
  e.__type = error.code;
  return e;
}

/**
 * What the SDK throws for a 502 HTML page from a proxy (seen with SDK 3.1162 through the request
 * handler): the SyntaxError of its JSON parser, with the deserializer's hint appended and
 * `$metadata` holding the status but no request id.
 */
export function badGatewayException(): Error {
  let error: Error & { $metadata?: ResponseMetadata };
  try {
    JSON.parse(BAD_GATEWAY_HTML);
    error = new SyntaxError("Unexpected token '<'");
  } catch (e) {
    error = e as SyntaxError;
  }
  error.message += "\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.";
  error.$metadata = {
    httpStatusCode: 502,
    requestId: undefined,
    extendedRequestId: undefined,
    cfId: undefined,
    attempts: 1,
    totalRetryDelay: 0,
  };
  return error;
}
