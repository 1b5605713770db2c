/**
 * Network faults: failures below HTTP, where no AWS error comes back. The fault engine throws a
 * {@link NetworkFault}; each way in turns it into what its caller would see from a broken network
 * (the SDK's errors in process, a reset or held socket on the local endpoint).
 */

import type { WireResponse } from "./wire-codec.js";

/**
 * What goes wrong on the way:
 * - `"reset"`: the connection is reset before any answer (Node's `ECONNRESET`; the SDKs retry it).
 * - `"hang"`: no answer at all, until the caller gives up (abort signal, request timeout).
 * - `"html-502"`: an HTML "502 Bad Gateway" page, as a proxy or load balancer in front of AWS sends
 *   it (not JSON: the SDKs fail to parse it and retry on the status).
 */
export type NetworkFaultKind = "reset" | "hang" | "html-502";

/** The network fault kinds, for validation. */
export const NETWORK_FAULT_KINDS: readonly NetworkFaultKind[] = ["reset", "hang", "html-502"];

/** @internal Thrown by the fault engine; never reaches user code as such. */
export class NetworkFault extends Error {
  constructor(readonly kind: NetworkFaultKind) {
    super(`Injected network fault: ${kind} (secrets-manager-mock).`);
    this.name = "NetworkFault";
  }
}

/** The page nginx (and most load balancers) send for a 502. */
export const BAD_GATEWAY_HTML =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

/** The 502 response of a proxy in front of the service: an HTML page, no AWS request id. */
export function badGatewayResponse(): WireResponse {
  return { statusCode: 502, headers: { "content-type": "text/html" }, body: BAD_GATEWAY_HTML };
}

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
