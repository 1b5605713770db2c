/**
 * The calls a mock answered. Recording pushes references only, into one flat array (no object
 * per call: a test run's history outlives many garbage collections, and every object it keeps is
 * copied and promoted by them); entries are built, copied and redacted when they are read.
 */
import type { ServiceError } from "../errors.js";
import type { CallInterceptor } from "../calls/answer-call.js";
import type { NetworkFaultKind } from "../calls/network-fault.js";
import { setOwn } from "../calls/own-property.js";

/** What replaces secret values in history entries. */
export const REDACTED = "***";

/** Members that carry secret values (in inputs and outputs, at any depth). */
const SECRET_MEMBERS = new Set(["SecretString", "SecretBinary", "RandomPassword"]);

/** One call as the mock saw it. */
export interface CallRecord {
  /** The operation, e.g. `GetSecretValue`. */
  operation: string;
  /** The command input (secret values are `"***"` unless secrets were asked for). */
  input: Record<string, unknown>;
  /**
   * The output without `$metadata`, when the call succeeded. Copied when read from the response
   * your code received: read the history before changing a response in place, or see the change.
   */
  output?: Record<string, unknown>;
  /** The AWS error, when the call failed (including injected faults). */
  error?: { code: string; message: string };
  /** The injected network fault that stood in for an answer (the call got no AWS response). */
  network?: NetworkFaultKind;
  /** The region whose secrets the call saw. */
  region: string;
}

/** Options of {@link SecretsManagerMock.calls}. */
export interface CallsOptions {
  /** Keep secret values (SecretString, SecretBinary, RandomPassword) instead of `"***"`. */
  includeSecrets?: boolean;
}

interface RawCall {
  operation: string;
  input: Record<string, unknown>;
  output?: object;
  error?: ServiceError;
  network?: NetworkFaultKind;
  region: string;
}

/** A deep copy of a JSON-like value; secret members become `"***"` when `redact` is set. */
function copyValue(value: unknown, redact: boolean): unknown {
  if (value instanceof Uint8Array) return Uint8Array.from(value);
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map((v) => copyValue(v, redact));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k] = redact && SECRET_MEMBERS.has(k) ? REDACTED : copyValue(v, redact);
    }
    return out;
  }
  return value;
}

/** A copy of an output as the history shows it: without the `$metadata` the caller's copy carries. */
function copyOutput(output: object, redact: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(output)) {
    if (k === "$metadata" || v === undefined) continue;
    out[k] = redact && SECRET_MEMBERS.has(k) ? REDACTED : copyValue(v, redact);
  }
  return out;
}

/** `value` with secret members replaced by `"***"` (for showing values in messages). */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, SECRET_MEMBERS.has(k) ? REDACTED : redactSecrets(v));
    return out;
  }
  return value;
}

/**
 * Operations the SDK paginates. A `paginate…` walk sends one input object for every page and sets
 * `NextToken` (and `MaxResults`) on it before each: the history copies those inputs when it
 * records them, or every page would show the last page's token.
 */
const PAGINATED = new Set(["ListSecrets", "ListSecretVersionIds", "BatchGetSecretValue"]);

/** Slots per call in {@link CallHistory}'s flat array: operation, input, output, error or network fault, region. */
const STRIDE = 5;

/** Records calls through a {@link CallInterceptor}. */
export class CallHistory {
  /** `STRIDE` slots per call, oldest first. */
  private slots: unknown[] = [];

  /**
   * @param includeSecretsByDefault - keep secret values when reading entries.
   * @param limit - most entries kept (oldest dropped first), so long-running processes don't grow without bound.
   */
  constructor(
    private readonly includeSecretsByDefault = false,
    private readonly limit = Infinity,
  ) {}

  /** @internal The interceptor that feeds this history. */
  readonly interceptor: CallInterceptor = {
    after: (operation, input, outcome, region) => {
      if (this.limit <= 0) return;
      this.slots.push(operation, PAGINATED.has(operation) ? { ...input } : input, outcome.output, outcome.error ?? outcome.network, region);
      // Trimmed in batches: amortized O(1) per call. (`slice(-0)` would copy everything: use a start index.)
      if (this.slots.length >= this.limit * 2 * STRIDE) this.slots = this.slots.slice(this.slots.length - this.limit * STRIDE);
    },
  };

  private kept(): RawCall[] {
    const s = this.slots;
    const from = Math.max(0, s.length / STRIDE - this.limit) * STRIDE;
    const out: RawCall[] = [];
    for (let i = from; i < s.length; i += STRIDE) {
      const failure = s[i + 3] as ServiceError | NetworkFaultKind | undefined;
      out.push({
        operation: s[i] as string,
        input: s[i + 1] as Record<string, unknown>,
        output: s[i + 2] as object | undefined,
        ...(typeof failure === "string" ? { network: failure } : { error: failure }),
        region: s[i + 4] as string,
      });
    }
    return out;
  }

  /** The calls, oldest first; only those of `operation` when given. */
  calls(operation?: string, options: CallsOptions = {}): CallRecord[] {
    const redact = !(options.includeSecrets ?? this.includeSecretsByDefault);
    const out: CallRecord[] = [];
    for (const e of this.kept()) {
      if (operation !== undefined && e.operation !== operation) continue;
      out.push({
        operation: e.operation,
        input: copyValue(e.input, redact) as Record<string, unknown>,
        ...(e.output !== undefined && { output: copyOutput(e.output, redact) }),
        ...(e.error !== undefined && { error: { code: e.error.code, message: e.error.message } }),
        ...(e.network !== undefined && { network: e.network }),
        region: e.region,
      });
    }
    return out;
  }

  /** Number of calls (of `operation` when given), without copying anything. */
  count(operation?: string): number {
    const s = this.slots;
    const from = Math.max(0, s.length / STRIDE - this.limit) * STRIDE;
    if (operation === undefined) return (s.length - from) / STRIDE;
    let n = 0;
    for (let i = from; i < s.length; i += STRIDE) if (s[i] === operation) n++;
    return n;
  }

  /** Forgets every call. */
  clear(): void {
    this.slots = [];
  }
}
