/**
 * The console's live call feed: a short summary of every call a store answered, from any way in
 * (the HTTP endpoint, the console's own actions, an application's mocked clients), pushed to
 * every open console page.
 */
import { performance } from "node:perf_hooks";
import { redactSecrets } from "../sdk/call-history.js";
import type { CallInterceptor } from "../calls/answer-call.js";
import { toWireJson } from "../wire/wire-codec.js";

/** Which way in a call came through. */
export type CallSource = "http" | "console" | "sdk";

/** One call as the console shows it. Secret values in `input` read `"***"`, as in the call history. */
export interface CallSummary {
  /** Increases by one per call: lets a page tell what it has already shown. */
  seq: number;
  /** When the call finished (ISO 8601, wall clock: the feed is for people, not for the store's clock). */
  at: string;
  source: CallSource;
  operation: string;
  region: string;
  /** The secret the call named (SecretId, or Name for CreateSecret), when it named one. */
  secretId?: string;
  /** `"ok"`, or the AWS error code. */
  outcome: string;
  /** The error message, when the call failed. */
  message?: string;
  /** Time from the call reaching the mock to its answer, in milliseconds. */
  durationMs: number;
  /** The input in its wire (JSON) form, secret values redacted. */
  input: unknown;
}

/** Most summaries kept for pages that open later. */
const KEPT = 200;

function secretIdOf(input: Record<string, unknown>): string | undefined {
  const id = input.SecretId ?? input.Name;
  return typeof id === "string" ? id : undefined;
}

/**
 * A call as recorded: what its summary is made of, made into one only when a page asks (most
 * calls are never shown, and the local endpoint records every call it answers).
 */
interface RecordedCall {
  seq: number;
  /** Wall-clock end of the call (ms since the epoch). */
  at: number;
  source: CallSource;
  operation: string;
  region: string;
  secretId: string | undefined;
  /** The input as the call got it, or (`shown`) already in its redacted wire form. */
  input: Record<string, unknown>;
  shown: unknown;
  outcome: string;
  message: string | undefined;
  durationMs: number;
  /** The summary, once made. */
  summary?: CallSummary;
}

function summarise(call: RecordedCall): CallSummary {
  if (call.summary !== undefined) return call.summary;
  const { secretId } = call;
  call.summary = {
    seq: call.seq,
    at: new Date(call.at).toISOString(),
    source: call.source,
    operation: call.operation,
    region: call.region,
    ...(secretId !== undefined && { secretId }),
    outcome: call.outcome,
    ...(call.message !== undefined && { message: call.message }),
    durationMs: call.durationMs,
    input: call.shown !== undefined ? call.shown : toWireJson(redactSecrets(call.input)),
  };
  return call.summary;
}

/**
 * Collects call summaries and hands each to its listeners. Feed it through {@link interceptor}
 * (middleware or wire handler), one interceptor per way in.
 */
export class CallFeed {
  /** The last {@link KEPT} calls, a ring: `next` is where the next one goes. */
  private readonly recent: RecordedCall[] = [];
  private next = 0;
  private readonly listeners = new Set<(call: CallSummary) => void>();
  private seq = 0;

  /** The summaries kept, oldest first. */
  calls(): CallSummary[] {
    const ordered = this.recent.length < KEPT ? this.recent : [...this.recent.slice(this.next), ...this.recent.slice(0, this.next)];
    return ordered.map(summarise);
  }

  /** Calls `listener` with every new summary. Returns a function that unsubscribes. */
  subscribe(listener: (call: CallSummary) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * An interceptor recording the calls that pass through it as coming from `source`. The local
   * endpoint's inputs are its own (parsed from the request): they are kept as they are and shown
   * only if asked for. Any other input belongs to the caller, who may change it after the call: it
   * is copied (redacted) at once.
   */
  interceptor(source: CallSource): CallInterceptor {
    // A call's input is the same object in `before` and `after`: it keys the start time.
    const started = new WeakMap<object, number>();
    const ownInputs = source === "http";
    return {
      before: (_operation, input) => {
        started.set(input, performance.now());
      },
      after: (operation, input, outcome, region) => {
        const start = started.get(input);
        started.delete(input);
        this.push({
          seq: ++this.seq,
          at: Date.now(),
          source,
          operation,
          region,
          secretId: secretIdOf(input),
          input,
          shown: ownInputs ? undefined : toWireJson(redactSecrets(input)),
          outcome: outcome.error?.code ?? outcome.network ?? "ok",
          message: outcome.error?.message,
          durationMs: start === undefined ? 0 : Math.round((performance.now() - start) * 1000) / 1000,
        });
      },
    };
  }

  private push(call: RecordedCall): void {
    if (this.recent.length < KEPT) this.recent.push(call);
    else this.recent[this.next] = call;
    this.next = (this.next + 1) % KEPT;
    if (this.listeners.size === 0) return;
    const summary = summarise(call);
    for (const l of this.listeners) l(summary);
  }
}
