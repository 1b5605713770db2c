/** Reading request bodies with a size cap, shared by the local endpoint and its loopback routes. */
import type { IncomingMessage } from "node:http";

/** A body read whole, or the news that it was larger than allowed. */
export type BodyResult = { body: Uint8Array } | { tooLarge: true };

/**
 * Reads a request body up to `max` bytes and calls `done` with it once the request has ended. A
 * larger body is read on and discarded (up to a hard limit, past which the connection is cut) so
 * the client gets to see the 413 instead of a reset connection; nothing past `max` is kept.
 * `done` is never called for a request that is aborted: nothing is left waiting on it either.
 *
 * Two listeners and no promise: the local endpoint reads every API call's body this way, and each
 * further listener, promise and microtask turn is a measurable share of a request's cost.
 */
export function onBody(req: IncomingMessage, max: number, done: (result: BodyResult) => void): void {
  const hardLimit = max * 4 + 64 * 1024;
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.byteLength;
    if (size > max) {
      first = chunks = undefined;
      if (size > hardLimit) req.socket.destroy();
    } else if (first === undefined) first = chunk;
    else (chunks ??= [first]).push(chunk);
  });
  // With no 'error' listener, an aborted request emits no error: it just never ends.
  req.on("end", () => {
    if (size > max) done({ tooLarge: true });
    else done({ body: chunks !== undefined ? Buffer.concat(chunks) : (first ?? EMPTY) });
  });
}

const EMPTY = new Uint8Array(0);

/** {@link onBody} as a promise, which rejects when the request is aborted. */
export function readBody(req: IncomingMessage, max: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    onBody(req, max, resolve);
    req.on("close", () => {
      if (!req.complete) reject(new Error("request aborted"));
    });
  });
}
