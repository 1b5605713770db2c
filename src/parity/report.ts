/** What a run shows: a table per scenario on the terminal, and the JSON report `--report` writes. */
import type { CleanupResult } from "./cleanup.js";
import type { Difference } from "./compare.js";

/** The outcome of one scenario. */
export interface ScenarioResult {
  name: string;
  tags: readonly string[];
  description: string;
  status: "same" | "differs" | "skipped";
  differences: Difference[];
  /** Why it was skipped, when it was. */
  skipped?: string;
  /** What the target run noted (eventual-consistency waits, a step that ended the scenario). */
  notes: string[];
}

/** What was compared with the mock. Never holds credentials. */
export interface TargetDescription {
  kind: "endpoint" | "aws";
  /** The endpoint's URL (`--endpoint`), or AWS's regional endpoint. */
  endpoint: string;
  region: string;
  /** The account the run used, when known. */
  account?: string;
  /** The profile named by `--profile` (its name only). */
  profile?: string;
}

/** The JSON document `--report FILE` writes. */
export interface ParityReport {
  tool: "secrets-manager-mock parity";
  target: TargetDescription;
  startedAt: string;
  /** The prefix of every secret name the run created. */
  runPrefix: string;
  summary: { same: number; differs: number; skipped: number };
  interrupted: boolean;
  scenarios: ScenarioResult[];
  cleanup: CleanupResult;
}

const WIDTH = 60;

function cut(text: string): string {
  return text.length > WIDTH ? `${text.slice(0, WIDTH - 1)}…` : text;
}

/** The lines shown for one scenario: its status, and a table of its differences. */
export function formatScenario(result: ScenarioResult): string {
  const status = { same: "same   ", differs: "DIFFERS", skipped: "skipped" }[result.status];
  const lines = [`${status}  ${result.name}${result.skipped !== undefined ? `  (${result.skipped})` : ""}`];
  for (const note of result.notes) lines.push(`           note: ${note}`);
  if (result.differences.length > 0) {
    const rows = [["step", "member", "target", "mock"], ...result.differences.map((d) => [d.step, d.member, cut(d.target), cut(d.mock)])];
    const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows) lines.push(`           ${r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join("  ")}`.trimEnd());
  }
  return `${lines.join("\n")}\n`;
}

/** The closing lines: counts, and what the cleanup did. */
export function formatSummary(report: ParityReport): string {
  const { same, differs, skipped } = report.summary;
  const lines = [
    ``,
    `${same + differs} scenarios run against ${report.target.kind === "aws" ? "AWS" : report.target.endpoint}: ${same} same, ${differs} differ; ${skipped} skipped.`,
  ];
  if (report.interrupted) lines.push("Interrupted: the remaining scenarios were skipped.");
  const { deleted, notDeleted } = report.cleanup;
  lines.push(`Cleanup: force-deleted ${deleted.length} secret name${deleted.length === 1 ? "" : "s"} the run created.`);
  if (notDeleted.length > 0) {
    lines.push(`Could NOT delete ${notDeleted.length} (delete them yourself; they carry the run's tag):`);
    for (const n of notDeleted) lines.push(`  ${n.name}: ${n.error}`);
  }
  return `${lines.join("\n")}\n`;
}
