/** Writing whole responses on a `node:http` response, shared by the local endpoint's listeners. */
import type { ServerResponse } from "node:http";
import type { WireResponse } from "./wire-codec.js";

const utf8 = new TextEncoder();

/** Sends `response` with its length; `closeConnection` asks the client not to reuse the socket. */
export function sendResponse(res: ServerResponse, response: WireResponse, closeConnection = false): void {
  const headers: Record<string, string> = { ...response.headers, "content-length": String(response.body.byteLength) };
  if (closeConnection) headers.connection = "close";
  res.writeHead(response.statusCode, headers);
  res.end(response.body);
}

/** Sends `value` as `application/json`. */
export function sendJson(res: ServerResponse, statusCode: number, value: unknown, closeConnection = false): void {
  sendResponse(
    res,
    { statusCode, headers: { "content-type": "application/json" }, body: utf8.encode(JSON.stringify(value)) },
    closeConnection,
  );
}
