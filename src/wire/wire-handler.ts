/**
 * One wire request in, one wire response out: decode, check what only raw HTTP callers can get
 * wrong, answer the call (faults, operation, history) through `answerCall`, encode. Shared by the
 * in-process request handler and the local HTTP endpoint.
 */
import { Messages, ServiceError } from "../errors.js";
import type { OperationServices } from "../operations/context.js";
import { UnsupportedOperationError } from "../operations/index.js";
import { validateInput } from "../operations/shapes.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";
import { answerCall, type CallInterceptor } from "../calls/answer-call.js";
import { NetworkFault } from "../calls/network-fault.js";
import { StubRejection } from "../calls/stub-rejection.js";
import {
  decodeWireRequest,
  encodeWireError,
  encodeWireOutput,
  regionFromAuthorization,
  type WireRequest,
  type WireResponse,
} from "./wire-codec.js";

/** Who the wire adapters act as when a request doesn't say. */
export interface WireHandlerOptions {
  /** Region for requests without a SigV4 credential scope (default: the store's region). */
  region?: string;
  /** Account of every request (default: the store's account). */
  accountId?: string;
  /** @internal Observes each decoded call (the console's live feed); its `before` must not throw. */
  interceptor?: CallInterceptor;
  /** @internal `region` wins over the request's credential scope (a mock's `region` option). */
  forceRegion?: boolean;
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

/** A decoded call, for the observer's `after`. */
interface ObservedCall {
  observer: CallInterceptor;
  operation: string;
  input: Record<string, unknown>;
  region: string;
}

/** The wire response for a failed call; what only the adapter can surface is rethrown. */
function failure(err: unknown, requestId: string, call: ObservedCall | undefined): WireResponse {
  if (err instanceof NetworkFault) call?.observer.after?.(call.operation, call.input, { network: err.kind }, call.region);
  if (err instanceof UnsupportedOperationError || err instanceof NetworkFault || err instanceof StubRejection) throw err;
  const error = err instanceof ServiceError ? err : new ServiceError("InternalServiceError", "An error occurred on the server side.");
  call?.observer.after?.(call.operation, call.input, { error }, call.region);
  return encodeWireError(error, requestId);
}

function success(output: object, requestId: string, call: ObservedCall | undefined): WireResponse {
  call?.observer.after?.(call.operation, call.input, { output }, call.region);
  return encodeWireOutput(output, requestId);
}

/**
 * Answers one awsJson1_1 request from `store`; `interceptor` (faults, call history) sees the call
 * as `answerCall` runs it, `options.interceptor` observes every decoded call. Every AWS error
 * becomes its wire response; an operation the mock does not implement throws (or rejects with)
 * {@link UnsupportedOperationError}, and an injected network fault {@link NetworkFault}, so that
 * each adapter can surface them in its own way. Synchronous when the call is: a promise and its
 * microtask turns cost the local endpoint a measurable share of each request. `services` (the
 * rotation invoker) come from whoever built this way in.
 */
export function handleWireRequest(
  store: SecretsStoreCore,
  request: WireRequest,
  options: WireHandlerOptions,
  interceptor: CallInterceptor | undefined,
  services: OperationServices,
): WireResponse | Promise<WireResponse> {
  const requestId = store.ids.requestId();
  let call: ObservedCall | undefined;
  let answer: object | Promise<object>;
  try {
    const { operation, input } = decodeWireRequest(request);
    const region =
      (options.forceRegion === true ? undefined : regionFromAuthorization(request.headers.authorization)) ?? options.region ?? store.region;
    const observer = options.interceptor;
    if (observer !== undefined) {
      call = { observer, operation, input, region };
      void observer.before?.(operation, input, region);
    }
    const tokenError = TOKEN_REQUIRED[operation];
    if (tokenError !== undefined && (input.ClientRequestToken === undefined || input.ClientRequestToken === null)) {
      // Model validation runs first on AWS too; the token check precedes any lookup of the secret.
      validateInput(operation, input);
      throw new ServiceError(tokenError, Messages.tokenMissing);
    }
    const accountId = options.accountId ?? store.accountId;
    answer = answerCall(store, operation, input, { accountId, region }, interceptor, services);
  } catch (err) {
    return failure(err, requestId, call);
  }
  if (answer instanceof Promise) {
    return answer.then(
      (output) => success(output, requestId, call),
      (err: unknown) => failure(err, requestId, call),
    );
  }
  return success(answer, requestId, call);
}

/**
 * The HTTP answer to an operation the mock does not implement: a mock limitation, not AWS
 * behaviour, so 501 (which SDKs do not retry) with a message naming the operation.
 */
export function unsupportedOperationResponse(err: UnsupportedOperationError, requestId: string): WireResponse {
  return encodeWireError(new ServiceError("NotImplementedException", err.message, 501), requestId);
}
