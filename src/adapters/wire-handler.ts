/**
 * One wire request in, one wire response out: decode, check what only raw HTTP callers can get
 * wrong, run the operation through `dispatch`, encode. Shared by the in-process request handler
 * and the local HTTP endpoint.
 */
import { Messages, ServiceError } from "../errors.js";
import { dispatch, UnsupportedOperationError } from "../operations/index.js";
import { validateInput } from "../operations/shapes.js";
import { ADAPTER_SERVICES } from "../rotation/rotation-invoker.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";
import type { CallInterceptor } from "./middleware.js";
import {
  decodeWireRequest,
  encodeWireError,
  encodeWireOutput,
  regionFromAuthorization,
  type WireRequest,
  type WireResponse,
} from "./wire-codec.js";
import { warnOnPartitionMiss } from "./partition-miss-warning.js";

/** Who the wire adapters act as when a request doesn't say. */
export interface WireHandlerOptions {
  /** Region for requests without a SigV4 credential scope (default: the store's region). */
  region?: string;
  /** Account of every request (default: the store's account). */
  accountId?: string;
  /** @internal Observes each decoded call (the console's live feed); its `before` must not throw. */
  interceptor?: CallInterceptor;
}

/**
 * Operations whose `ClientRequestToken` the SDKs and CLIs fill in themselves; a raw request that
 * leaves it out is rejected, with the error code AWS uses for each.
 */
const TOKEN_REQUIRED: Partial<Record<string, "InvalidRequestException" | "InvalidParameterException">> = {
  CreateSecret: "InvalidRequestException",
  PutSecretValue: "InvalidRequestException",
  UpdateSecret: "InvalidRequestException",
  RotateSecret: "InvalidParameterException",
};

/**
 * Answers one awsJson1_1 request from `store`. Every AWS error becomes its wire response; an
 * operation the mock does not implement rejects with {@link UnsupportedOperationError} so that each
 * adapter can surface it in its own way.
 */
export async function handleWireRequest(store: SecretsStoreCore, request: WireRequest, options: WireHandlerOptions = {}): Promise<WireResponse> {
  const requestId = store.ids.requestId();
  const interceptor = options.interceptor;
  let call: { operation: string; input: Record<string, unknown>; region: string } | undefined;
  try {
    const { operation, input } = decodeWireRequest(request);
    const region = regionFromAuthorization(request.headers.authorization) ?? options.region ?? store.region;
    if (interceptor !== undefined) {
      call = { operation, input, region };
      void interceptor.before?.(operation, input, region);
    }
    const tokenError = TOKEN_REQUIRED[operation];
    if (tokenError !== undefined && (input.ClientRequestToken === undefined || input.ClientRequestToken === null)) {
      // Model validation runs first on AWS too; the token check precedes any lookup of the secret.
      validateInput(operation, input);
      throw new ServiceError(tokenError, Messages.tokenMissing);
    }
    const accountId = options.accountId ?? store.accountId;
    const caller = { accountId, region };
    let output: object;
    try {
      output = await dispatch(store, operation, input, caller, ADAPTER_SERVICES);
    } catch (err) {
      if (err instanceof ServiceError) warnOnPartitionMiss(store, operation, input, caller, err);
      throw err;
    }
    if (call !== undefined) interceptor!.after?.(operation, input, { output }, region);
    return encodeWireOutput(output, requestId);
  } catch (err) {
    if (err instanceof UnsupportedOperationError) throw err;
    const error = err instanceof ServiceError ? err : new ServiceError("InternalServiceError", "An error occurred on the server side.");
    if (call !== undefined) interceptor!.after?.(call.operation, call.input, { error }, call.region);
    return encodeWireError(error, requestId);
  }
}
