/**
 * The catalogue: every parity scenario, in the order they run. It is the one description of these
 * behaviours: `secrets-manager-mock parity` runs it against a target and the mock, and the
 * project's own tests run it against the mock through every way in and replay recordings of it.
 */
import type { Scenario } from "../scenario.js";
import { batchScenarios, passwordScenarios } from "./batch-and-passwords.js";
import { deletionScenarios } from "./deletion.js";
import { errorScenarios } from "./errors.js";
import { listingScenarios } from "./listing.js";
import { replicationScenarios } from "./replication.js";
import { tokenScenarios } from "./tokens.js";
import { updateSecretScenarios } from "./update-secret.js";
import { versionScenarios } from "./versions.js";

/** Every scenario, default and off-by-default alike. */
export const CATALOGUE: readonly Scenario[] = [
  ...updateSecretScenarios,
  ...versionScenarios,
  ...tokenScenarios,
  ...deletionScenarios,
  ...listingScenarios,
  ...batchScenarios,
  ...passwordScenarios,
  ...errorScenarios,
  ...replicationScenarios,
];

/** Every tag of the catalogue, sorted. */
export function catalogueTags(catalogue: readonly Scenario[] = CATALOGUE): string[] {
  return [...new Set(catalogue.flatMap((s) => s.tags))].sort();
}

/**
 * Why a scenario is not run (undefined: it runs). `--only` selects scenarios with one of its tags;
 * an off-by-default scenario runs only when `--only` names its first tag (its own: `replication`).
 */
export function skipReason(scenario: Scenario, only: readonly string[] | undefined): string | undefined {
  const own = scenario.tags[0] ?? "";
  if (scenario.offByDefault === true && !(only ?? []).includes(own)) return `off by default (run with --only ${own})`;
  if (only !== undefined && !scenario.tags.some((t) => only.includes(t))) return `not tagged ${only.join(" or ")}`;
  return undefined;
}
