/**
 * The fault methods every way in offers (`SecretsManagerMock`, the request handler, the local
 * endpoint), with the same signatures, over one {@link FaultEngine}.
 */
import type { FaultEngine, FaultPredicate, FaultReport, FaultRule, InjectedFault, Latency } from "./fault-engine.js";
import type { ThrottleQuotas } from "./throttling.js";

/** Fault injection on a way in. */
export interface FaultControls {
  /**
   * The next call of `operation` fails once with `fault` (queued: call it twice to fail two calls).
   *
   * @example
   * ```ts
   * handler.failNext("GetSecretValue", { code: "ThrottlingException" });
   * handler.failNext("GetSecretValue", { network: "reset" });
   * ```
   */
  failNext(operation: string, fault: InjectedFault): this;
  /** Every call for which `predicate(operation, input)` is true fails with `fault`. Returns a function that removes the rule. */
  failWhen(predicate: FaultPredicate, fault: InjectedFault): () => void;
  /**
   * Adds a {@link FaultRule} (operation, predicate, AWS error or network fault, latency, times,
   * probability). Returns a function that removes it.
   *
   * @example
   * ```ts
   * handler.addFault({ operation: "GetSecretValue", code: "ThrottlingException", times: 2 });
   * ```
   */
  addFault(rule: FaultRule): () => void;
  /** Delays every call by `ms` (or `ms(operation, input)`) with `setTimeout` (fake timers control it). `0` turns it off. */
  latency(ms: Latency): this;
  /**
   * Applies AWS's per-operation request-rate quotas (or `quotas` overriding some of them) with token
   * buckets on the store's clock; a call over its quota fails with ThrottlingException "Rate exceeded".
   * `false` turns it off.
   */
  throttle(quotas?: boolean | ThrottleQuotas): this;
  /** Removes every injected fault, latency and throttling. */
  resetFaults(): this;
  /** The rules (with how often each fired), latency and throttling in force. */
  faults(): FaultReport;
}

/** Puts the {@link FaultControls} of `engine` on `target` (methods that chain return `target`). */
export function attachFaultControls<T extends object>(target: T, engine: FaultEngine): T & FaultControls {
  const self = target as T & FaultControls;
  const controls: FaultControls = {
    failNext(operation, fault) {
      engine.failNext(operation, fault);
      return self;
    },
    failWhen: (predicate, fault) => engine.failWhen(predicate, fault),
    addFault: (rule) => engine.add(rule),
    latency(ms) {
      engine.latency(ms);
      return self;
    },
    throttle(quotas = true) {
      engine.throttle(quotas);
      return self;
    },
    resetFaults() {
      engine.reset();
      return self;
    },
    faults: () => engine.report(),
  };
  return Object.assign(self, controls);
}
