/**
 * The one place where every way in answers a call: the interceptors' `before` hooks (injected
 * faults, latency), a stub's answer or else the operation itself, then the `after` hooks (call
 * history) with the outcome.
 * The middleware and the wire handler (request handler, local endpoint) both call
 * {@link answerCall}, so a feature hooked in here behaves the same through all of them.
 */
import { ServiceError } from "../errors.js";
import type { CallerIdentity, OperationServices } from "../operations/context.js";
import { dispatch, UnsupportedOperationError } from "../operations/index.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";
import { NetworkFault, type NetworkFaultKind } from "./network-fault.js";
import { warnOnPartitionMiss } from "./partition-miss-warning.js";
import { StubRejection } from "./stub-rejection.js";

/** What a call came to: its output, its AWS error, or the network fault that stood in for an answer. */
export interface CallOutcome {
  output?: object;
  error?: ServiceError;
  network?: NetworkFaultKind;
}

/** Hooks around each call, for call history and fault injection (not part of the public API). */
export interface CallInterceptor {
  /**
   * Runs before the store is touched; may throw a ServiceError (injected AWS error), a
   * {@link NetworkFault}, or return a promise (latency).
   */
  before?(operation: string, input: Record<string, unknown>, region: string): void | Promise<void>;
  /**
   * A stub's answer, when one takes the call (the store is then not asked); may throw a
   * ServiceError or a {@link StubRejection}.
   */
  answer?(operation: string, input: Record<string, unknown>): object | Promise<object> | undefined;
  /** Runs after the call with its outcome. */
  after?(operation: string, input: Record<string, unknown>, outcome: CallOutcome, region: string): void;
}

const internalError = () => new ServiceError("InternalServiceError", "An error occurred on the server side.");

/**
 * Records a failure and returns what the adapter must throw: a ServiceError, a NetworkFault, a
 * StubRejection (the adapter throws the Error it holds), or an UnsupportedOperationError.
 */
function failed(
  interceptor: CallInterceptor | undefined,
  operation: string,
  input: Record<string, unknown>,
  region: string,
  err: unknown,
): unknown {
  // A command the mock lacks is the mock's limitation, not a call AWS answered: not in the history.
  if (err instanceof UnsupportedOperationError) return err;
  if (err instanceof StubRejection) {
    interceptor?.after?.(operation, input, { error: err.recorded }, region);
    return err;
  }
  if (err instanceof NetworkFault) {
    interceptor?.after?.(operation, input, { network: err.kind }, region);
    return err;
  }
  const error = err instanceof ServiceError ? err : internalError();
  interceptor?.after?.(operation, input, { error }, region);
  return error;
}

function answered(
  interceptor: CallInterceptor | undefined,
  operation: string,
  input: Record<string, unknown>,
  region: string,
  output: object,
): object {
  interceptor?.after?.(operation, input, { output }, region);
  return output;
}

/** A failure of the operation itself (not an injected fault): recorded, and diagnosed when it is a miss. */
function dispatchFailed(
  store: SecretsStoreCore,
  interceptor: CallInterceptor | undefined,
  operation: string,
  input: Record<string, unknown>,
  caller: CallerIdentity,
  err: unknown,
): unknown {
  const thrown = failed(interceptor, operation, input, caller.region, err);
  if (thrown instanceof ServiceError) warnOnPartitionMiss(store, operation, input, caller, thrown);
  return thrown;
}

/** A stub's answer: recorded like the store's, but never diagnosed as a miss of the store. */
function stubbed(
  interceptor: CallInterceptor | undefined,
  operation: string,
  input: Record<string, unknown>,
  region: string,
  answer: object | Promise<object>,
): object | Promise<object> {
  if (answer instanceof Promise) {
    return answer.then(
      (output) => answered(interceptor, operation, input, region, output),
      (err: unknown) => {
        throw failed(interceptor, operation, input, region, err);
      },
    );
  }
  return answered(interceptor, operation, input, region, answer);
}

function run(
  store: SecretsStoreCore,
  operation: string,
  input: Record<string, unknown>,
  caller: CallerIdentity,
  interceptor: CallInterceptor | undefined,
  services: OperationServices,
): object | Promise<object> {
  let answer: object | Promise<object> | undefined;
  try {
    answer = interceptor?.answer?.(operation, input);
  } catch (err) {
    throw failed(interceptor, operation, input, caller.region, err);
  }
  if (answer !== undefined) return stubbed(interceptor, operation, input, caller.region, answer);
  try {
    answer = dispatch(store, operation, input, caller, services);
  } catch (err) {
    throw dispatchFailed(store, interceptor, operation, input, caller, err);
  }
  if (answer instanceof Promise) {
    return answer.then(
      (output) => answered(interceptor, operation, input, caller.region, output),
      (err: unknown) => {
        throw dispatchFailed(store, interceptor, operation, input, caller, err);
      },
    );
  }
  return answered(interceptor, operation, input, caller.region, answer);
}

/**
 * Answers one call: the output, or throws a {@link ServiceError} (every other error of an
 * operation becomes InternalServiceError), a {@link NetworkFault} or an
 * {@link UnsupportedOperationError}. Synchronous when nothing on the way is: each `await` would
 * cost every call a turn of the microtask queue. `services` are what the operations need from
 * above (the rotation invoker): each way in hands over its own, so this path imports none of them.
 */
export function answerCall(
  store: SecretsStoreCore,
  operation: string,
  input: Record<string, unknown>,
  caller: CallerIdentity,
  interceptor: CallInterceptor | undefined,
  services: OperationServices,
): object | Promise<object> {
  let pending: void | Promise<void>;
  try {
    pending = interceptor?.before?.(operation, input, caller.region);
  } catch (err) {
    throw failed(interceptor, operation, input, caller.region, err);
  }
  if (pending === undefined) return run(store, operation, input, caller, interceptor, services);
  return pending.then(
    () => run(store, operation, input, caller, interceptor, services),
    (err: unknown) => {
      throw failed(interceptor, operation, input, caller.region, err);
    },
  );
}
