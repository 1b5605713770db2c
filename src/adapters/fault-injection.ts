/**
 * Injected failures, latency and throttling for a mock. Faults are thrown as ServiceErrors from
 * the interceptor's `before` hook, so the middleware turns them into exactly the exception classes
 * real AWS errors produce (and the store is never touched by a failed call).
 */
import { type ErrorCode, Messages, ServiceError } from "../errors.js";
import type { SecretsStore } from "../setup/secrets-store.js";
import type { CallInterceptor } from "./middleware.js";
import { RateLimiter, type ThrottleQuotas } from "./throttling.js";

/** An error to inject: an AWS error code and, optionally, its message. */
export interface InjectedError {
  code: ErrorCode;
  /** Default: AWS's text for ThrottlingException ("Rate exceeded"), a generic text otherwise. */
  message?: string;
  /** HTTP status (default: 500 for InternalServiceError/InternalFailure, 400 otherwise). */
  httpStatus?: number;
}

/** Decides whether a call fails: gets the operation and its input. */
export type FaultPredicate = (operation: string, input: Record<string, unknown>) => boolean;

/** Latency in ms: fixed, or per call. */
export type Latency = number | ((operation: string, input: Record<string, unknown>) => number);

const DEFAULT_MESSAGES: Partial<Record<string, string>> = {
  ThrottlingException: "Rate exceeded",
  ResourceNotFoundException: Messages.secretNotFound,
  InternalServiceError: "An error occurred on the server side.",
  AccessDeniedException: "User is not authorized to perform this operation (injected by secrets-manager-mock).",
};

function toServiceError(e: InjectedError): ServiceError {
  return new ServiceError(e.code, e.message ?? DEFAULT_MESSAGES[e.code] ?? `Injected ${e.code} (secrets-manager-mock).`, e.httpStatus);
}

/** The faults of one mock. */
export class FaultInjector {
  private readonly once = new Map<string, InjectedError[]>();
  private readonly rules = new Set<{ predicate: FaultPredicate; error: InjectedError }>();
  private delay: Latency = 0;
  private limiter: RateLimiter | undefined;

  constructor(private readonly store: SecretsStore) {}

  /** @internal The interceptor applying the faults. Cheap when none is set. */
  readonly interceptor: CallInterceptor = {
    before: (operation, input, region) => {
      if (this.once.size === 0 && this.rules.size === 0 && this.delay === 0 && this.limiter === undefined) return;
      const fault = this.faultFor(operation, input, region);
      const ms = typeof this.delay === "function" ? this.delay(operation, input) : this.delay;
      if (ms > 0) {
        // The global setTimeout at call time, so fake timers (Jest, Vitest) control the delay.
        return new Promise<void>((resolve, reject) => setTimeout(() => (fault ? reject(fault) : resolve()), ms));
      }
      if (fault) throw fault;
    },
  };

  private faultFor(operation: string, input: Record<string, unknown>, region: string): ServiceError | undefined {
    const queued = this.once.get(operation);
    if (queued !== undefined && queued.length > 0) {
      const e = queued.shift()!;
      if (queued.length === 0) this.once.delete(operation);
      return toServiceError(e);
    }
    for (const rule of this.rules) if (rule.predicate(operation, input)) return toServiceError(rule.error);
    if (this.limiter !== undefined && !this.limiter.take(operation, region, this.store.now())) {
      return new ServiceError("ThrottlingException", "Rate exceeded");
    }
    return undefined;
  }

  failNext(operation: string, error: InjectedError): void {
    const queue = this.once.get(operation) ?? [];
    queue.push({ ...error });
    this.once.set(operation, queue);
  }

  failWhen(predicate: FaultPredicate, error: InjectedError): () => void {
    const rule = { predicate, error: { ...error } };
    this.rules.add(rule);
    return () => this.rules.delete(rule);
  }

  latency(ms: Latency): void {
    if (typeof ms === "number" && (!Number.isFinite(ms) || ms < 0)) throw new RangeError("latency must be a finite number of milliseconds ≥ 0");
    this.delay = ms;
  }

  throttle(quotas: boolean | ThrottleQuotas): void {
    this.limiter = quotas === false ? undefined : new RateLimiter(quotas === true ? {} : quotas);
  }

  reset(): void {
    this.once.clear();
    this.rules.clear();
    this.delay = 0;
    this.limiter = undefined;
  }
}
