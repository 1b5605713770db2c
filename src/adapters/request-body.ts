/** Reading request bodies with a size cap, shared by the local endpoint and its loopback routes. */
import type { IncomingMessage } from "node:http";

/** A body read whole, or the news that it was larger than allowed. */
export type BodyResult = { body: Uint8Array } | { tooLarge: true };

/**
 * Reads a request body up to `max` bytes. A larger body is read on and discarded (up to a hard
 * limit) so the client gets to see the 413 instead of a reset connection; nothing past `max` is kept.
 */
export function readBody(req: IncomingMessage, max: number): Promise<BodyResult> {
  const hardLimit = max * 4 + 64 * 1024;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= max) chunks.push(chunk);
      else if (size > hardLimit) req.socket.destroy();
      else chunks.length = 0;
    });
    req.on("end", () => resolve(size > max ? { tooLarge: true } : { body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) }));
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete) reject(new Error("request aborted"));
    });
  });
}
