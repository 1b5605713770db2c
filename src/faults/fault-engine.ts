/**
 * Injected failures, latency and throttling, shared by every way in. The engine is a
 * {@link CallInterceptor}: its `before` hook throws a ServiceError (an AWS error) or a
 * {@link NetworkFault}, or delays the call; each adapter turns that into what its caller would get
 * from AWS (an SDK exception, an HTTP error response, a reset socket). A failed call never touches
 * the store.
 */
import { type ErrorCode, Messages, ServiceError } from "../errors.js";
import { isOperationName } from "../operations/shapes.js";
import type { CallInterceptor } from "../calls/answer-call.js";
import { NETWORK_FAULT_KINDS, NetworkFault, type NetworkFaultKind } from "../calls/network-fault.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";
import { RateLimiter, type ThrottleQuotas } from "./throttling.js";

/** An AWS error to inject: its code and, optionally, its message and HTTP status. */
export interface InjectedError {
  code: ErrorCode;
  /** Default: AWS's text for ThrottlingException ("Rate exceeded"), a generic text otherwise. */
  message?: string;
  /** HTTP status (default: 500 for InternalServiceError/InternalFailure, 400 otherwise). */
  httpStatus?: number;
}

/** A network fault to inject instead of an answer (see {@link NetworkFaultKind}). */
export interface InjectedNetworkFault {
  network: NetworkFaultKind;
}

/** What a fault does to a call: an AWS error, or a network fault. */
export type InjectedFault = InjectedError | InjectedNetworkFault;

/** Decides whether a call fails: gets the operation and its input. */
export type FaultPredicate = (operation: string, input: Record<string, unknown>) => boolean;

/** Latency in ms: fixed, or per call. */
export type Latency = number | ((operation: string, input: Record<string, unknown>) => number);

/**
 * A fault rule. It matches a call when `operation` (if given) names the call's operation and
 * `predicate` (if given) returns true; a matching rule then fires with `probability` (default 1),
 * drawn from the store's random source (deterministic when the store is seeded). When it fires,
 * the call waits `latencyMs` (if given) and then fails with the AWS error `code` or the `network`
 * fault; the first such rule decides (`failNext` ones first). A rule with neither only delays the
 * call, and every matching one does. After
 * `times` firings (default: no limit) the rule is spent.
 *
 * Only `predicate` has no JSON form: every other member can be sent to the local endpoint's
 * `POST /_mock/faults`.
 */
export interface FaultRule {
  /** Operation name, e.g. `GetSecretValue` (default: every operation). */
  operation?: string;
  /** Decides on the call's input (in-process only). */
  predicate?: FaultPredicate;
  /** AWS error code, e.g. `ThrottlingException`. */
  code?: ErrorCode;
  /** Error message (default: as for {@link InjectedError}). */
  message?: string;
  /** HTTP status of the error (default: as for {@link InjectedError}). */
  httpStatus?: number;
  /** A network fault instead of an AWS error. */
  network?: NetworkFaultKind;
  /** Delay before the call is answered (or fails), in ms, with the global `setTimeout` (fake timers control it). */
  latencyMs?: number;
  /** How often the rule fires before it is spent (default: no limit). */
  times?: number;
  /** Chance that a matching call is hit, in (0, 1] (default 1). */
  probability?: number;
}

/** A rule as the engine reports it (`predicate` shown as `true` when there is one), with how often it fired. */
export interface FaultRuleStatus {
  /** Id of the rule, in the order rules were added. */
  id: number;
  /** The rule, in JSON form. */
  rule: Omit<FaultRule, "predicate"> & { predicate?: true };
  /** How many calls the rule hit. */
  fired: number;
  /** Firings left, when the rule has `times`. */
  remaining?: number;
}

/** Everything the engine holds, for listing (the local endpoint's `GET /_mock/faults`). */
export interface FaultReport {
  /** Rules in the order they were added (by `id`), spent ones included. */
  rules: FaultRuleStatus[];
  /** The latency set with `latency()`: ms, or `"function"`. */
  latency: number | "function";
  /** The quotas set with `throttle()`, or null when throttling is off. */
  throttle: Required<ThrottleQuotas> | null;
  /** Calls refused by throttling. */
  throttled: number;
}

/** What the engine needs from the store: its clock and its random source, handed down by the adapter. */
export interface FaultEnvironment {
  /** The store's time in epoch ms (throttling buckets run on it). */
  now(): number;
  /** A uniform draw in [0, 1) from the store's random source (seeded when the store is). */
  random(): number;
}

const DEFAULT_MESSAGES: Partial<Record<string, string>> = {
  ThrottlingException: "Rate exceeded",
  ResourceNotFoundException: Messages.secretNotFound,
  InternalServiceError: "An error occurred on the server side.",
  AccessDeniedException: "User is not authorized to perform this operation (injected by secrets-manager-mock).",
};

/** AWS error codes are words; anything else would be a broken `x-amzn-ErrorType` header. */
const ERROR_CODE = /^[A-Za-z][A-Za-z0-9_.]{0,127}$/;
const RULE_KEYS = new Set(["operation", "predicate", "code", "message", "httpStatus", "network", "latencyMs", "times", "probability"]);

/**
 * Checks a rule from the user (or from JSON): throws a TypeError/RangeError naming what is wrong,
 * and returns a copy holding only the known members.
 */
export function checkFaultRule(rule: unknown): FaultRule {
  if (typeof rule !== "object" || rule === null || Array.isArray(rule)) throw new TypeError("a fault rule must be an object");
  const r = rule as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!RULE_KEYS.has(key)) throw new TypeError(`unknown fault rule member: ${JSON.stringify(key)}`);
  const out: FaultRule = {};
  if (r.operation !== undefined) {
    // A misspelt name would match nothing, silently: only Secrets Manager's operations are accepted.
    if (typeof r.operation !== "string" || !isOperationName(r.operation)) {
      throw new TypeError(`operation must be a Secrets Manager operation such as GetSecretValue, not ${JSON.stringify(r.operation)}`);
    }
    out.operation = r.operation;
  }
  if (r.predicate !== undefined) {
    if (typeof r.predicate !== "function") throw new TypeError("predicate must be a function");
    out.predicate = r.predicate as FaultPredicate;
  }
  if (r.code !== undefined) {
    if (typeof r.code !== "string" || !ERROR_CODE.test(r.code))
      throw new TypeError("code must be an AWS error code such as ThrottlingException");
    out.code = r.code;
  }
  if (r.network !== undefined) {
    if (!NETWORK_FAULT_KINDS.includes(r.network as NetworkFaultKind))
      throw new TypeError(`network must be one of ${NETWORK_FAULT_KINDS.join(", ")}`);
    out.network = r.network as NetworkFaultKind;
  }
  if (out.code !== undefined && out.network !== undefined) throw new TypeError("a fault rule has a code or a network fault, not both");
  if (r.message !== undefined) {
    if (typeof r.message !== "string" || r.message.length > 2048)
      throw new TypeError("message must be a string of at most 2048 characters");
    if (out.code === undefined) throw new TypeError("message needs a code");
    out.message = r.message;
  }
  if (r.httpStatus !== undefined) {
    if (!Number.isInteger(r.httpStatus) || (r.httpStatus as number) < 400 || (r.httpStatus as number) > 599)
      throw new RangeError("httpStatus must be an integer from 400 to 599");
    if (out.code === undefined) throw new TypeError("httpStatus needs a code");
    out.httpStatus = r.httpStatus as number;
  }
  if (r.latencyMs !== undefined) {
    if (typeof r.latencyMs !== "number" || !Number.isFinite(r.latencyMs) || r.latencyMs < 0)
      throw new RangeError("latencyMs must be a finite number of milliseconds ≥ 0");
    out.latencyMs = r.latencyMs;
  }
  if (r.times !== undefined) {
    if (!Number.isInteger(r.times) || (r.times as number) < 1) throw new RangeError("times must be an integer ≥ 1");
    out.times = r.times as number;
  }
  if (r.probability !== undefined) {
    if (typeof r.probability !== "number" || !(r.probability > 0 && r.probability <= 1))
      throw new RangeError("probability must be a number in (0, 1]");
    out.probability = r.probability;
  }
  if (out.code === undefined && out.network === undefined && out.latencyMs === undefined) {
    throw new TypeError("a fault rule needs a code, a network fault or latencyMs");
  }
  return out;
}

/** A fault (as `failNext`/`failWhen` take it) as rule members. */
function faultMembers(fault: InjectedFault): FaultRule {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- failNext/failWhen are called from plain JavaScript too
  if (typeof fault !== "object" || fault === null) throw new TypeError("a fault must be { code } or { network }");
  return "network" in fault ? { network: fault.network } : { ...fault };
}

interface Entry {
  readonly id: number;
  readonly rule: FaultRule;
  fired: number;
}

/** Spent rules kept for the report; older ones are forgotten so a long run doesn't grow without bound. */
const SPENT_KEPT = 100;

/** The ServiceError a rule's AWS error stands for (faults and stubs build AWS errors the same way). */
export function toServiceError(rule: Pick<FaultRule, "code" | "message" | "httpStatus">): ServiceError {
  const code = rule.code!;
  return new ServiceError(code, rule.message ?? DEFAULT_MESSAGES[code] ?? `Injected ${code} (secrets-manager-mock).`, rule.httpStatus);
}

/** The faults of one mock, request handler or endpoint. */
export class FaultEngine {
  /** `failNext` rules: looked at before the others, as they always were. */
  private readonly queued: Entry[] = [];
  private readonly rules: Entry[] = [];
  private readonly spent: Entry[] = [];
  private delay: Latency = 0;
  private limiter: RateLimiter | undefined;
  private quotas: Required<ThrottleQuotas> | null = null;
  private throttled = 0;
  private nextId = 1;
  /** False while nothing is configured: the one check a call pays then. */
  private armed = false;

  constructor(private readonly env: FaultEnvironment) {}

  /** @internal The interceptor applying the faults. */
  readonly interceptor: CallInterceptor = {
    before: (operation, input, region) => {
      if (!this.armed) return;
      return this.apply(operation, input, region);
    },
  };

  private apply(operation: string, input: Record<string, unknown>, region: string): void | Promise<void> {
    let ms = typeof this.delay === "function" ? this.delay(operation, input) : this.delay;
    let hit: FaultRule | undefined;
    for (const list of [this.queued, this.rules]) {
      for (let i = 0; i < list.length; i++) {
        const entry = list[i];
        const decides = entry.rule.code !== undefined || entry.rule.network !== undefined;
        // The first rule that fails the call decides; rules that only delay all apply.
        if ((decides && hit !== undefined) || !this.fires(entry, operation, input)) continue;
        if (entry.rule.latencyMs !== undefined) ms += entry.rule.latencyMs;
        if (decides) hit = entry.rule;
        if (entry.rule.times !== undefined && entry.fired >= entry.rule.times) {
          list.splice(i--, 1);
          this.retire(entry);
        }
      }
    }
    let fault: Error | undefined;
    if (hit !== undefined) fault = hit.network !== undefined ? new NetworkFault(hit.network) : toServiceError(hit);
    else if (this.limiter !== undefined && !this.limiter.take(operation, region, this.env.now())) {
      this.throttled++;
      fault = new ServiceError("ThrottlingException", "Rate exceeded");
    }
    if (ms > 0) {
      // The global setTimeout at call time, so fake timers (Jest, Vitest) control the delay.
      return new Promise<void>((resolve, reject) => setTimeout(() => (fault ? reject(fault) : resolve()), ms));
    }
    if (fault) throw fault;
  }

  /** Whether `entry` hits this call; counts the firing. */
  private fires(entry: Entry, operation: string, input: Record<string, unknown>): boolean {
    const rule = entry.rule;
    if (rule.operation !== undefined && rule.operation !== operation) return false;
    if (rule.predicate !== undefined && !rule.predicate(operation, input)) return false;
    if (rule.probability !== undefined && rule.probability < 1 && this.env.random() >= rule.probability) return false;
    entry.fired++;
    return true;
  }

  private retire(entry: Entry): void {
    this.spent.push(entry);
    if (this.spent.length > SPENT_KEPT) this.spent.shift();
    this.rearm();
  }

  private rearm(): void {
    this.armed = this.queued.length > 0 || this.rules.length > 0 || this.delay !== 0 || this.limiter !== undefined;
  }

  private entry(rule: FaultRule): Entry {
    return { id: this.nextId++, rule, fired: 0 };
  }

  /** The next call of `operation` fails once with `fault` (queued). */
  failNext(operation: string, fault: InjectedFault): void {
    const rule = checkFaultRule({ ...faultMembers(fault), operation, times: 1 });
    this.queued.push(this.entry(rule));
    this.rearm();
  }

  /** Every call for which `predicate` holds fails with `fault`; returns the rule's remover. */
  failWhen(predicate: FaultPredicate, fault: InjectedFault): () => void {
    return this.add({ ...faultMembers(fault), predicate });
  }

  /** Adds a rule (checked with {@link checkFaultRule}); returns its remover. */
  add(rule: FaultRule): () => void {
    const entry = this.entry(checkFaultRule(rule));
    this.rules.push(entry);
    this.rearm();
    return () => {
      const i = this.rules.indexOf(entry);
      if (i >= 0) {
        this.rules.splice(i, 1);
        this.rearm();
      }
    };
  }

  latency(ms: Latency): void {
    if (typeof ms === "number" && (!Number.isFinite(ms) || ms < 0))
      throw new RangeError("latency must be a finite number of milliseconds ≥ 0");
    if (typeof ms !== "number" && typeof ms !== "function") throw new TypeError("latency must be a number of milliseconds or a function");
    this.delay = ms;
    this.rearm();
  }

  throttle(quotas: boolean | ThrottleQuotas): void {
    this.limiter = quotas === false ? undefined : new RateLimiter(quotas === true ? {} : quotas);
    this.quotas = this.limiter?.quotas ?? null;
    this.rearm();
  }

  /** Everything configured, with firing counts. */
  report(): FaultReport {
    const status = (e: Entry): FaultRuleStatus => {
      const { predicate, ...members } = e.rule;
      return {
        id: e.id,
        rule: predicate === undefined ? members : { ...members, predicate: true },
        fired: e.fired,
        ...(e.rule.times !== undefined && { remaining: Math.max(0, e.rule.times - e.fired) }),
      };
    };
    return {
      rules: [...this.queued, ...this.rules, ...this.spent].sort((a, b) => a.id - b.id).map(status),
      latency: typeof this.delay === "function" ? "function" : this.delay,
      throttle: this.quotas === null ? null : { ...this.quotas },
      throttled: this.throttled,
    };
  }

  reset(): void {
    this.queued.length = 0;
    this.rules.length = 0;
    this.spent.length = 0;
    this.delay = 0;
    this.limiter = undefined;
    this.quotas = null;
    this.throttled = 0;
    this.rearm();
  }
}

/** The engine's view of `store`: its clock, and draws from its id source (seeded with it). */
export function storeFaultEnvironment(store: SecretsStoreCore): FaultEnvironment {
  return {
    now: () => store.now(),
    random: () => store.ids.int(0x1_0000_0000) / 0x1_0000_0000,
  };
}
