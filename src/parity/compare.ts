/**
 * Compares two transcripts of one scenario step by step and member by member, and says every
 * place where they differ with both values (already normalised, so secret values are redacted).
 */
import type { Json, Step, Transcript } from "./scenario.js";

/** One difference between the target's and the mock's answer. */
export interface Difference {
  /** The step's label. */
  step: string;
  /** The member that differs: `VersionIdsToStages.<uuid:1>`, `error.message`, `outcome` (one failed, the other did not), `step` (missing on one side). */
  member: string;
  /** The target's value, as JSON text; `(absent)` when the member is missing there. */
  target: string;
  /** The mock's value, as JSON text; `(absent)` when the member is missing there. */
  mock: string;
}

const ABSENT = "(absent)";

function show(value: Json | undefined): string {
  return value === undefined ? ABSENT : JSON.stringify(value);
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function diffValues(step: string, path: string, a: Json | undefined, b: Json | undefined, out: Difference[]): void {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    // Own members only: `__proto__` is a name, and missing on one side is absent, not the prototype.
    const member = (o: { [key: string]: Json }, k: string) => (Object.hasOwn(o, k) ? o[k] : undefined);
    for (const k of keys) diffValues(step, path === "" ? k : `${path}.${k}`, member(a, k), member(b, k), out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    // Lists of scalars (labels, names) read best whole; lists of objects member by member.
    if (a.length !== b.length || a.some((x) => !isObject(x) && !Array.isArray(x))) {
      if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ step, member: path, target: show(a), mock: show(b) });
      return;
    }
    a.forEach((x, i) => {
      diffValues(step, `${path}[${i}]`, x, b[i], out);
    });
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ step, member: path === "" ? "output" : path, target: show(a), mock: show(b) });
}

function summary(s: Step): string {
  return "error" in s.outcome ? `${s.operation} failed: ${s.outcome.error.name}` : `${s.operation} succeeded`;
}

function diffStep(t: Step, m: Step, out: Difference[]): void {
  if (t.operation !== m.operation) {
    out.push({ step: t.step, member: "operation", target: JSON.stringify(t.operation), mock: JSON.stringify(m.operation) });
    return;
  }
  if ("error" in t.outcome && "error" in m.outcome) {
    diffValues(t.step, "error", t.outcome.error, m.outcome.error, out);
  } else if ("output" in t.outcome && "output" in m.outcome) {
    diffValues(t.step, "", t.outcome.output, m.outcome.output, out);
  } else {
    const tError = "error" in t.outcome ? t.outcome.error : undefined;
    const mError = "error" in m.outcome ? m.outcome.error : undefined;
    out.push({
      step: t.step,
      member: "outcome",
      target: tError !== undefined ? `${tError.name}: ${tError.message}` : summary(t),
      mock: mError !== undefined ? `${mError.name}: ${mError.message}` : summary(m),
    });
    return;
  }
  if (t.requestId !== m.requestId && t.requestId !== undefined && m.requestId !== undefined) {
    out.push({ step: t.step, member: "requestId", target: t.requestId, mock: m.requestId });
  }
}

/** Every difference between the target's transcript and the mock's, in step order. */
export function compareTranscripts(target: Transcript, mock: Transcript): Difference[] {
  const out: Difference[] = [];
  const mockSteps = new Map(mock.steps.map((s) => [s.step, s]));
  const targetLabels = new Set(target.steps.map((s) => s.step));
  for (const t of target.steps) {
    const m = mockSteps.get(t.step);
    if (m === undefined) out.push({ step: t.step, member: "step", target: summary(t), mock: "(not reached)" });
    else diffStep(t, m, out);
  }
  for (const m of mock.steps) {
    if (!targetLabels.has(m.step)) out.push({ step: m.step, member: "step", target: "(not reached)", mock: summary(m) });
  }
  return out;
}
