/**
 * Network faults: failures below HTTP, where no AWS error comes back. The fault engine throws a
 * {@link NetworkFault}; each way in turns it into what its caller would see from a broken network
 * (the SDK's errors in process: `sdk/network-errors.ts`; a reset, held socket or proxy page on the
 * local endpoint: `server/`, `wire/bad-gateway.ts`).
 */

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
