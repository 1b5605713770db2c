/**
 * What keeps a parity run inside its own secrets: every call is checked before it is sent (names
 * and ids under the run's prefix; listings filtered to it), the plan and cost are shown before
 * anything touches AWS, and the user says yes.
 */
import type { RunIdentity } from "./runner.js";

/** The tag every secret a run creates carries (its value is the run id), so a leftover is easy to find. */
export const RUN_TAG_KEY = "secrets-manager-mock-parity-run";

/** A call the catalogue tried that would reach outside the run's own secrets; never sent. */
export class UnsafeCallError extends Error {
  constructor(operation: string, why: string) {
    super(`refused to send ${operation}: ${why}`);
    this.name = "UnsafeCallError";
  }
}

/** Operations that name no secret and read none: safe anywhere. */
const NO_SECRET = new Set(["GetRandomPassword"]);

function isInside(id: unknown, run: RunIdentity): boolean {
  if (typeof id !== "string") return false;
  let name = id;
  if (id.startsWith("arn:")) {
    const at = id.indexOf(":secret:");
    if (at < 0) return false;
    name = id.slice(at + ":secret:".length);
  }
  return name.startsWith(`${run.runPrefix}/`);
}

function confinedFilters(filters: unknown, run: RunIdentity): boolean {
  if (!Array.isArray(filters)) return false;
  return filters.some((f: { Key?: unknown; Values?: unknown }) => {
    return (
      f.Key === "name" &&
      Array.isArray(f.Values) &&
      f.Values.length > 0 &&
      f.Values.every((v) => typeof v === "string" && v.startsWith(`${run.runPrefix}/`))
    );
  });
}

/**
 * Throws {@link UnsafeCallError} unless the call stays inside the run: every secret it names is
 * under the run prefix, a new secret carries the run tag, and a listing (ListSecrets,
 * BatchGetSecretValue by filters) has a `name` filter on the run prefix (filters are ANDed, so
 * nothing else can be listed or read).
 */
export function guardCall(operation: string, input: Record<string, unknown>, run: RunIdentity): void {
  if (NO_SECRET.has(operation)) return;
  if (operation === "CreateSecret") {
    if (!isInside(input.Name, run)) throw new UnsafeCallError(operation, "the name is not under the run prefix");
    const tags = Array.isArray(input.Tags) ? (input.Tags as Array<{ Key?: unknown; Value?: unknown }>) : [];
    if (!tags.some((t) => t.Key === RUN_TAG_KEY && t.Value === run.runId))
      throw new UnsafeCallError(operation, "the secret lacks the run tag");
    return;
  }
  if (operation === "ListSecrets") {
    if (!confinedFilters(input.Filters, run)) throw new UnsafeCallError(operation, "a listing needs a name filter on the run prefix");
    return;
  }
  if (operation === "BatchGetSecretValue") {
    if (input.Filters !== undefined && !confinedFilters(input.Filters, run))
      throw new UnsafeCallError(operation, "filters need a name filter on the run prefix");
    if (input.SecretIdList !== undefined && !(Array.isArray(input.SecretIdList) && input.SecretIdList.every((id) => isInside(id, run)))) {
      throw new UnsafeCallError(operation, "a secret id is not under the run prefix");
    }
    return;
  }
  if (operation === "ValidateResourcePolicy" && input.SecretId === undefined) return;
  if (!isInside(input.SecretId, run)) throw new UnsafeCallError(operation, "the secret id is not under the run prefix");
}

/** Prices used by the estimate (us-east-1, as published on the AWS pricing page; other regions are close). */
export const PRICES = {
  /** USD per secret per month; a secret stored less than a month is prorated by the hour. */
  secretMonth: 0.4,
  hoursPerMonth: 730,
  /** USD per 10,000 API calls. */
  per10kCalls: 0.05,
} as const;

/** What a run will do, counted by a dry run of the selected scenarios against an in-process mock. */
export interface RunPlan {
  scenarios: number;
  /** Secrets created (replicas counted as secrets). */
  secrets: number;
  /** API calls sent to the target (an eventually consistent step may retry a few more). */
  calls: number;
}

/** An upper estimate in USD: each secret billed one full hour (none lives that long), plus the calls. */
export function estimateCost(plan: RunPlan): { secretsUsd: number; callsUsd: number; totalUsd: number } {
  const secretsUsd = (plan.secrets * PRICES.secretMonth) / PRICES.hoursPerMonth;
  const callsUsd = (plan.calls * PRICES.per10kCalls) / 10_000;
  return { secretsUsd, callsUsd, totalUsd: secretsUsd + callsUsd };
}

/** The text shown before a run against AWS: account, region, what it creates and what it costs. */
export function describePlan(plan: RunPlan, where: { account: string; region: string; runPrefix: string; otherRegion?: string }): string {
  const cost = estimateCost(plan);
  const usd = (n: number) => `$${n < 0.01 ? n.toFixed(4) : n.toFixed(2)}`;
  return [
    `Account:  ${where.account}`,
    `Region:   ${where.region}${where.otherRegion !== undefined ? ` (replicas in ${where.otherRegion})` : ""}`,
    `Creates:  up to ${plan.secrets} secrets named ${where.runPrefix}/…, each tagged ${RUN_TAG_KEY}, with dummy values;`,
    `          all of them are force-deleted at the end (also on Ctrl-C and on errors). Nothing else is read or changed.`,
    `Calls:    about ${plan.calls} Secrets Manager API calls in ${plan.scenarios} scenarios.`,
    `Cost:     about ${usd(cost.totalUsd)} (${plan.secrets} secrets prorated at $${PRICES.secretMonth}/secret-month, at most one hour each: ${usd(cost.secretsUsd)};`,
    `          ${plan.calls} calls at $${PRICES.per10kCalls}/10,000: ${usd(cost.callsUsd)}). Prices of us-east-1; see https://aws.amazon.com/secrets-manager/pricing/`,
  ].join("\n");
}
