/**
 * What an SDK client sees from a broken network, for the in-process ways in (middleware, request
 * handler): Node's reset error, the SDK's abort error, a request timeout, and a hung call that only
 * its abort signal or timeout ends.
 */

/** The error Node's HTTP client gives when the server resets the connection before answering. */
export function connectionResetError(): Error {
  return Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
}

/** The error the SDK throws when a request's abort signal fires. */
export function abortError(signal: { reason?: unknown }): Error {
  const error = new Error("Request aborted", signal.reason instanceof Error ? { cause: signal.reason } : undefined);
  error.name = "AbortError";
  return error;
}

/** What a hung request rejects with once its time is up (shaped as @smithy/node-http-handler's). */
export function requestTimeoutError(ms: number): Error {
  return Object.assign(new Error(`secrets-manager-mock: the request exceeded the configured ${ms} ms requestTimeout (injected hang).`), {
    name: "TimeoutError",
    code: "ETIMEDOUT",
  });
}

/** A signal as the SDK hands it down: the standard AbortSignal or the SDK's older `onabort` kind. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  reason?: unknown;
  addEventListener?(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener?(type: "abort", listener: () => void): void;
  onabort?: unknown;
}

/**
 * Never settles until `signal` aborts (then rejects with the SDK's AbortError) or `timeoutMs`
 * passes (then rejects with a TimeoutError). The timer is the global `setTimeout` at call time, so
 * fake timers control it. With neither, it never settles: that is what a hung connection does.
 */
export function hangUntilAborted(signal: AbortSignalLike | undefined, timeoutMs?: number): Promise<never> {
  return new Promise<never>((_resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      if (timer !== undefined) clearTimeout(timer);
      reject(abortError(signal!));
    };
    if (timeoutMs !== undefined && timeoutMs > 0) {
      timer = setTimeout(() => {
        signal?.removeEventListener?.("abort", onAbort);
        reject(requestTimeoutError(timeoutMs));
      }, timeoutMs);
    }
    if (signal === undefined) return;
    if (signal.aborted) {
      onAbort();
      return;
    }
    if (typeof signal.addEventListener === "function") signal.addEventListener("abort", onAbort, { once: true });
    else signal.onabort = onAbort;
  });
}
