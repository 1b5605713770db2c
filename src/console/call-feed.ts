/**
 * The console's live call feed: a short summary of every call a store answered, from any way in
 * (the HTTP endpoint, the console's own actions, an application's mocked clients), pushed to
 * every open console page.
 */
import { performance } from "node:perf_hooks";
import { redactSecrets } from "../adapters/call-history.js";
import type { CallInterceptor } from "../adapters/answer-call.js";
import { toWireJson } from "../adapters/wire-codec.js";

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
 * Collects call summaries and hands each to its listeners. Feed it through {@link interceptor}
 * (middleware or wire handler), one interceptor per way in.
 */
export class CallFeed {
  private readonly recent: CallSummary[] = [];
  private readonly listeners = new Set<(call: CallSummary) => void>();
  private seq = 0;

  /** The summaries kept, oldest first. */
  calls(): CallSummary[] {
    return [...this.recent];
  }

  /** Calls `listener` with every new summary. Returns a function that unsubscribes. */
  subscribe(listener: (call: CallSummary) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** An interceptor recording the calls that pass through it as coming from `source`. */
  interceptor(source: CallSource): CallInterceptor {
    // A call's input is the same object in `before` and `after`: it keys the start time.
    const started = new WeakMap<object, number>();
    return {
      before: (_operation, input) => {
        started.set(input, performance.now());
      },
      after: (operation, input, outcome, region) => {
        const start = started.get(input);
        started.delete(input);
        const secretId = secretIdOf(input);
        this.push({
          seq: ++this.seq,
          at: new Date().toISOString(),
          source,
          operation,
          region,
          ...(secretId !== undefined && { secretId }),
          outcome: outcome.error?.code ?? outcome.network ?? "ok",
          ...(outcome.error !== undefined && { message: outcome.error.message }),
          durationMs: start === undefined ? 0 : Math.round((performance.now() - start) * 1000) / 1000,
          input: toWireJson(redactSecrets(input)),
        });
      },
    };
  }

  private push(call: CallSummary): void {
    this.recent.push(call);
    if (this.recent.length > KEPT) this.recent.shift();
    for (const l of this.listeners) l(call);
  }
}
