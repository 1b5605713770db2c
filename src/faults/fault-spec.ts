/**
 * The text form of a fault rule, for `serve --fault`:
 *
 * ```text
 * <Operation|*>=<fault>[:times=<n>][:probability=<p>][:latency=<ms>][:status=<http status>][:message=<text>]
 * ```
 *
 * `<fault>` is an AWS error code (`ThrottlingException`, `InternalServiceError`, …) or a network
 * fault (`reset`, `hang`, `html-502`); leave it out (`GetSecretValue=latency=250`) for a rule
 * that only delays. `*` stands for every operation. `message` comes last and takes the rest of
 * the text, colons included.
 */
import { checkFaultRule, type FaultRule } from "./fault-engine.js";
import { NETWORK_FAULT_KINDS, type NetworkFaultKind } from "../calls/network-fault.js";

const NUMBER_OPTIONS = { times: "times", probability: "probability", latency: "latencyMs", status: "httpStatus" } as const;

/** Parses one `--fault` value; throws an Error saying what is wrong with it. */
export function parseFaultSpec(spec: string): FaultRule {
  const eq = spec.indexOf("=");
  if (eq <= 0) throw new Error(`--fault ${JSON.stringify(spec)}: expected <Operation|*>=<fault>[:option=value]...`);
  const target = spec.slice(0, eq);
  let rest = spec.slice(eq + 1);
  const rule: Record<string, unknown> = target === "*" ? {} : { operation: target };
  const messageAt = rest.search(/(^|:)message=/);
  if (messageAt >= 0) {
    rule.message = rest.slice(rest.indexOf("message=", messageAt) + "message=".length);
    rest = rest.slice(0, messageAt);
  }
  const parts = rest === "" ? [] : rest.split(":");
  if (parts.length > 0 && !parts[0].includes("=")) {
    const fault = parts.shift()!;
    if (NETWORK_FAULT_KINDS.includes(fault as NetworkFaultKind)) rule.network = fault;
    else rule.code = fault;
  }
  for (const part of parts) {
    const [key, value, ...extra] = part.split("=") as [string, string?, ...string[]];
    // `key` is whatever the user typed.
    const member = (NUMBER_OPTIONS as Partial<Record<string, (typeof NUMBER_OPTIONS)[keyof typeof NUMBER_OPTIONS]>>)[key];
    if (member === undefined || value === undefined || extra.length > 0) {
      throw new Error(
        `--fault ${JSON.stringify(spec)}: unknown option ${JSON.stringify(part)} (options: times, probability, latency, status, message)`,
      );
    }
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) throw new Error(`--fault ${JSON.stringify(spec)}: ${key} must be a number`);
    rule[member] = n;
  }
  try {
    return checkFaultRule(rule);
  } catch (e) {
    throw new Error(`--fault ${JSON.stringify(spec)}: ${(e as Error).message}`, { cause: e });
  }
}
