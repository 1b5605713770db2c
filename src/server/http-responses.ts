/** Writing whole responses on a `node:http` response, shared by the local endpoint's listeners. */
import type { ServerResponse } from "node:http";
// From node:timers, not the global: fake timers a test installs (Jest, Vitest, sinon) replace the
// global setImmediate, and the endpoint's answers must not wait for a timer the test controls.
import { setImmediate } from "node:timers";
import { bodyByteLength, type WireResponse } from "../wire/wire-codec.js";

/**
 * Sends `response` with its length; `closeConnection` asks the client not to reuse the socket.
 * The head goes as a flat list (no header object is built) and a text body is passed on as text,
 * which Node writes together with the head in one system call.
 */
export function sendResponse(res: ServerResponse, response: WireResponse, closeConnection = false): void {
  const head: string[] = [];
  for (const name in response.headers) head.push(name, response.headers[name]);
  head.push("content-length", String(bodyByteLength(response.body)));
  if (closeConnection) head.push("connection", "close");
  res.writeHead(response.statusCode, head);
  res.end(response.body);
}

/** Sends `value` as `application/json`. */
export function sendJson(res: ServerResponse, statusCode: number, value: unknown, closeConnection = false): void {
  sendResponse(res, { statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(value) }, closeConnection);
}

/**
 * Writes the responses answered during one turn of the event loop together, at the end of that
 * turn (its check phase, through `setImmediate`), in the order they were answered.
 *
 * Under concurrent load a turn reads many requests, one per ready connection. Written one by one
 * between answers, every response wakes the client's process afresh (on loopback the sender
 * pays for the wake-up); written back to back, the client is still busy with the first when the
 * next arrives. On this project's 2-core machine that doubled `serve`'s requests per second
 * (docs/benchmarks.md). A lone request waits only for the rest of its own turn: microseconds.
 */
export class ResponseBatch {
  private queued: { res: ServerResponse; response: WireResponse }[] = [];
  private scheduled = false;

  /** `closeConnection()` is asked when each response is written: a server that began closing since says so. */
  constructor(private readonly closeConnection: () => boolean = () => false) {}

  /** Queues `response` for `res`; it is written with the others at the end of this turn. */
  send(res: ServerResponse, response: WireResponse): void {
    this.queued.push({ res, response });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  private readonly flush = (): void => {
    const queued = this.queued;
    this.queued = [];
    this.scheduled = false;
    const close = this.closeConnection();
    for (const { res, response } of queued) {
      try {
        sendResponse(res, response, close);
      } catch {
        // Nothing of this response can reach the client intact: end the connection instead.
        res.destroy();
      }
    }
  };
}
