/**
 * Turns an answer into what can be compared between two targets: random and time-dependent parts
 * become placeholders that keep their shape and their consistency within one scenario (the same
 * VersionId is `<uuid:2>` wherever it appears), and secret values are never kept.
 */
import type { Json, StepOutcome } from "./scenario.js";

const DAY_MS = 86_400_000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const UUID_ONLY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A secret's ARN: partition, region, account, name and the 6-character suffix AWS adds. */
const ARN = /arn:(aws[a-z-]*):secretsmanager:([a-z0-9-]+):(\d{12}):secret:([A-Za-z0-9/_+=.@!-]+?)-([A-Za-z0-9]{6})(?![A-Za-z0-9/_+=@-])/g;
/** Members whose strings are secret values: shown as `<secret:N>`, N the value's rank of appearance. */
const SECRET_MEMBERS = new Set(["SecretString", "SecretBinary"]);
/** Members holding staging labels, whose order AWS does not define (snapshots sort them; so do we). */
const LABEL_LISTS = new Set(["VersionStages"]);
const LABEL_MAPS = new Set(["VersionIdsToStages", "SecretVersionsToStages"]);

/** What one side of a run knows about itself: the strings that differ between runs and targets. */
export interface NormaliserOptions {
  /** The run's prefix of every secret name (`smm-parity-<id>`); becomes `<run>`. */
  runPrefix: string;
  /** The run's id, found alone in the tag every secret carries; becomes `<run-id>`. */
  runId: string;
  /** This side's account (`<account>` in ARNs); unknown: any account in an ARN becomes `<account>`. */
  account: string | undefined;
  /** This side's region (`<region>` in ARNs); other regions (replicas) stay as they are. */
  region: string;
}

/** Placeholders of one scenario on one side: numbered in order of first appearance. */
export class Normaliser {
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(private readonly options: NormaliserOptions) {}

  private index(kind: string, value: string): number {
    let values = this.seen.get(kind);
    if (values === undefined) {
      values = new Map<string, number>();
      this.seen.set(kind, values);
    }
    let n = values.get(value);
    if (n === undefined) values.set(value, (n = values.size + 1));
    return n;
  }

  /** A string with its ARNs, UUIDs and run prefix replaced. */
  text(value: string): string {
    const { runPrefix, runId, account, region } = this.options;
    let text = value
      .replace(ARN, (_m, partition: string, r: string, acct: string, name: string, suffix: string) => {
        const a = account === undefined || acct === account ? "<account>" : acct;
        return `arn:${partition}:secretsmanager:${r === region ? "<region>" : r}:${a}:secret:${name}-<suffix:${this.index("suffix", suffix)}>`;
      })
      .replace(UUID, (u) => `<uuid:${this.index("uuid", u.toLowerCase())}>`);
    // The account also shows outside secret ARNs (a policy's principal); recordings never hold it.
    if (account !== undefined) text = text.split(account).join("<account>");
    return text.split(runPrefix).join("<run>").split(runId).join("<run-id>");
  }

  /** A secret value: `<secret:N>`, the same N for the same value within the scenario. */
  secret(value: string | Uint8Array): string {
    const key = typeof value === "string" ? `s:${value}` : `b:${Buffer.from(value).toString("base64")}`;
    return `<secret${typeof value === "string" ? "" : "-binary"}:${this.index("secret", key)}>`;
  }

  /** A date: its rounding (midnight UTC = day granularity) and its distance in days from when the call was made. */
  date(value: Date, callTime: number): string {
    if (Number.isNaN(value.getTime())) return "<date:invalid>";
    const ms = value.getTime();
    if (ms % DAY_MS === 0) return `<date:day ${signed(Math.floor(ms / DAY_MS) - Math.floor(callTime / DAY_MS))}d>`;
    return `<date:${signed(Math.round((ms - callTime) / DAY_MS))}d>`;
  }

  /** A request id: its shape and its rank (AWS gives every request its own). */
  requestId(value: unknown): string {
    if (typeof value !== "string" || value === "") return "<request-id:absent>";
    if (!UUID_ONLY.test(value)) return "<request-id:not a UUID>";
    return `<request-id:${this.index("request", value.toLowerCase())}>`;
  }

  /** A random password: its length and which kinds of character it holds, never the characters. */
  password(value: string): string {
    const kinds = [
      /[A-Z]/.test(value) && "upper",
      /[a-z]/.test(value) && "lower",
      /[0-9]/.test(value) && "digit",
      /[!-/:-@[-`{-~]/.test(value) && "punctuation",
      / /.test(value) && "space",
    ].filter(Boolean);
    return `<password length=${Array.from(value).length} ${kinds.join(",")}>`;
  }

  /** Any answer (SDK output or check value), member by member. `$metadata` is left out (see {@link outcome}). */
  value(value: unknown, callTime: number, member = ""): Json {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return this.date(value, callTime);
    if (value instanceof Uint8Array) return SECRET_MEMBERS.has(member) ? this.secret(value) : `<bytes:${value.length}>`;
    if (typeof value === "string") {
      if (SECRET_MEMBERS.has(member)) return this.secret(value);
      if (member === "RandomPassword") return this.password(value);
      // Pagination tokens are opaque: only their presence is comparable.
      if (member === "NextToken") return value === "" ? "" : "<next-token>";
      return this.text(value);
    }
    if (typeof value === "number" || typeof value === "boolean") return value;
    if (Array.isArray(value)) {
      const items = value.map((v) => this.value(v, callTime));
      return LABEL_LISTS.has(member) ? sortStrings(items) : items;
    }
    if (typeof value === "object") {
      const entries: Array<[string, Json]> = [];
      // Keys in their own order first, so placeholders are numbered the same way on every run.
      for (const key of Object.keys(value).sort()) {
        if (key === "$metadata" || key === "$response") continue;
        const v = (value as Record<string, unknown>)[key];
        if (v === undefined) continue;
        const normalisedKey = this.text(key);
        const item = this.value(v, callTime, key);
        entries.push([normalisedKey, LABEL_MAPS.has(member) && Array.isArray(item) ? sortStrings(item) : item]);
      }
      // Keyed by normalised names, so a map keyed by VersionIds reads the same on every run;
      // fromEntries makes every key (`__proto__` too) an own member.
      return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return `<${typeof value}>`;
  }

  /** How a call ended: the output without `$metadata`, or the error by name, message, status and fault; plus the request id. */
  outcome(result: { output: unknown } | { error: unknown }, callTime: number): { outcome: StepOutcome; requestId: string } {
    if ("output" in result) {
      const meta = (result.output as { $metadata?: { requestId?: string } } | undefined)?.$metadata;
      return { outcome: { output: this.value(result.output, callTime) }, requestId: this.requestId(meta?.requestId) };
    }
    const e = result.error as {
      name?: unknown;
      message?: unknown;
      $fault?: unknown;
      $metadata?: { httpStatusCode?: number; requestId?: string };
    };
    const error: { name: string; message: string; httpStatusCode?: number; fault?: string } = {
      name: typeof e.name === "string" ? e.name : "Error",
      message: typeof e.message === "string" ? this.text(e.message) : "",
    };
    if (typeof e.$metadata?.httpStatusCode === "number") error.httpStatusCode = e.$metadata.httpStatusCode;
    if (typeof e.$fault === "string") error.fault = e.$fault;
    return { outcome: { error }, requestId: this.requestId(e.$metadata?.requestId) };
  }
}

function signed(n: number): string {
  return n >= 0 ? `+${n}` : `${n}`;
}

/** Labels in code-unit order (a label list holds strings; anything else keeps its place after them). */
function sortStrings(items: Json[]): Json[] {
  const key = (v: Json) => (typeof v === "string" ? v : JSON.stringify(v));
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
