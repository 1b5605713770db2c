/**
 * The console's routes under `/_mock/console/`: the page, its script and style sheet, read-only
 * data routes, the live event stream, and the actions. Every action on secrets is an awsJson1_1
 * request answered by the same wire handler as the endpoint itself (so through `dispatch`, with
 * the same errors); the console adds no way to change the store that the API doesn't have,
 * besides the admin routes' reset and, on a `ManualClock` store, moving the clock.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { ServerResponse } from "node:http";
import { ServiceError } from "../errors.js";
import { UnsupportedOperationError } from "../operations/index.js";
import { ManualClock } from "../store/clock.js";
import type { SecretsStore } from "../store/secrets-store.js";
import { encodeWireError, toWireJson, type WireRequest, type WireResponse } from "../adapters/wire-codec.js";
import { handleWireRequest, type WireHandlerOptions } from "../adapters/wire-handler.js";
import { CallFeed } from "./call-feed.js";
import { consoleScript } from "./client/console-script.js";
import { CONSOLE_CSS, CONSOLE_ICON, CONSOLE_SECURITY_HEADERS, CONSOLE_TOKEN_HEADER, consoleHtml } from "./console-page.js";

/** Where the console lives on the endpoint. */
export const CONSOLE_PATH = "/_mock/console/";

/** A request as the console sees it: the body already read by the server. */
export interface ConsoleRequest extends WireRequest {
  /** The request target (path and query). */
  url: string;
}

/** Options of {@link mountConsole}. */
export interface ConsoleOptions {
  /** Who unsigned requests act as by default (the endpoint's own options). */
  wire: WireHandlerOptions;
  /** The per-server token every console action must carry (default: 16 random bytes, hex). */
  token?: string;
  /** The feed to show (default: a new one); the endpoint records its own calls into it. */
  feed?: CallFeed;
}

/** The console on one server. */
export interface ConsoleMount {
  /** The calls shown on the page. */
  readonly feed: CallFeed;
  /** The token the page holds and its actions carry. */
  readonly token: string;
  /** True when `path` is one of the console's. */
  owns(path: string): boolean;
  /** Answers one console request. */
  handle(req: ConsoleRequest, res: ServerResponse): Promise<void>;
  /** Ends every open event stream (so that the server can close). */
  close(): void;
}

const REGION = /^[a-z]{2}(-[a-z0-9]+){2,3}$/;
const ACCOUNT = /^\d{12}$/;
const utf8 = new TextEncoder();

function sendBody(res: ServerResponse, statusCode: number, contentType: string, body: string | Uint8Array, extra: Record<string, string> = {}): void {
  const bytes = typeof body === "string" ? utf8.encode(body) : body;
  res.writeHead(statusCode, {
    ...CONSOLE_SECURITY_HEADERS,
    "content-type": contentType,
    "content-length": String(bytes.byteLength),
    ...extra,
  });
  res.end(bytes);
}

function sendJson(res: ServerResponse, statusCode: number, value: unknown, extra: Record<string, string> = {}): void {
  sendBody(res, statusCode, "application/json", JSON.stringify(value), extra);
}

function sendWire(res: ServerResponse, response: WireResponse): void {
  sendBody(res, response.statusCode, response.headers["content-type"] ?? "application/json", response.body, response.headers);
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads the JSON object of a console route's body; undefined when it isn't one. */
function jsonObject(body: Uint8Array): Record<string, unknown> | undefined {
  if (body.byteLength === 0) return {};
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(body));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The console for `store`. The caller (the endpoint) decides who may reach it: it mounts the
 * console on loopback servers only and checks `Host` and `Origin` before handing a request over.
 */
export function mountConsole(store: SecretsStore, options: ConsoleOptions): ConsoleMount {
  const token = options.token ?? randomBytes(16).toString("hex");
  const feed = options.feed ?? new CallFeed();
  const consoleCalls = feed.interceptor("console");
  const streams = new Set<ServerResponse>();
  let changePending = false;

  function broadcast(event: string, data: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const s of streams) s.write(frame);
  }

  // Listeners run inside the operation that changed the store: tell pages once that turn is over.
  function changed(): void {
    if (changePending || streams.size === 0) return;
    changePending = true;
    setImmediate(() => {
      changePending = false;
      broadcast("change", { revision: store.revision });
    });
  }
  store.onChange(changed);
  feed.subscribe((call) => broadcast("call", call));

  function openStream(res: ServerResponse): void {
    res.writeHead(200, { ...CONSOLE_SECURITY_HEADERS, "content-type": "text/event-stream", connection: "keep-alive" });
    res.write(": secrets-manager-mock console\n\n");
    streams.add(res);
    // Proxies and browsers drop streams that stay silent for long.
    const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 15_000);
    keepAlive.unref();
    res.socket?.unref();
    res.on("close", () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  function info(): Record<string, unknown> {
    const partitions = new Map<string, { accountId: string; region: string; secrets: number }>();
    const add = (accountId: string, region: string, secrets: number) => partitions.set(`${accountId}/${region}`, { accountId, region, secrets });
    add(options.wire.accountId ?? store.accountId, options.wire.region ?? store.region, 0);
    for (const p of store.allPartitions()) add(p.accountId, p.region, p.secrets.size);
    return {
      accountId: options.wire.accountId ?? store.accountId,
      region: options.wire.region ?? store.region,
      partitions: [...partitions.values()],
      manualClock: store.clock instanceof ManualClock,
      now: new Date(store.now()).toISOString(),
    };
  }

  /**
   * When each secret scheduled for deletion goes: the API shows only when deletion was asked
   * (DeletedDate), the console shows the date it takes effect too.
   */
  function deletions(query: URLSearchParams): { arn: string; deletionDate: string }[] {
    const partition = store.partition(query.get("accountId") ?? "", query.get("region") ?? "");
    const out: { arn: string; deletionDate: string }[] = [];
    for (const s of partition?.secrets.values() ?? []) {
      if (s.deletionDate !== undefined) out.push({ arn: s.arn, deletionDate: new Date(s.deletionDate).toISOString() });
    }
    return out;
  }

  async function awsCall(req: ConsoleRequest, query: URLSearchParams): Promise<WireResponse> {
    const accountId = query.get("accountId") ?? options.wire.accountId ?? store.accountId;
    const region = query.get("region") ?? options.wire.region ?? store.region;
    if (!ACCOUNT.test(accountId) || !REGION.test(region)) {
      return encodeWireError(new ServiceError("InvalidParameterException", "The console asked for an invalid account or region."), store.ids.requestId());
    }
    try {
      // No Authorization header reaches the handler: the region is the one the page chose.
      const headers = { ...req.headers, authorization: undefined };
      return await handleWireRequest(store, { method: req.method, headers, body: req.body }, { accountId, region, interceptor: consoleCalls });
    } catch (err) {
      if (!(err instanceof UnsupportedOperationError)) throw err;
      return encodeWireError(new ServiceError("NotImplementedException", err.message, 501), store.ids.requestId());
    }
  }

  function advanceClock(body: Uint8Array, res: ServerResponse): void {
    const clock = store.clock;
    if (!(clock instanceof ManualClock)) return sendJson(res, 409, { error: "This store's clock is not a ManualClock: only a ManualClock can be moved." });
    const amount = jsonObject(body);
    const by: Record<string, number> = {};
    for (const unit of ["days", "hours", "minutes", "seconds"] as const) {
      const v = amount?.[unit];
      if (v !== undefined && typeof v !== "number") return sendJson(res, 400, { error: `${unit} must be a number.` });
      if (v !== undefined) by[unit] = v;
    }
    try {
      clock.advance(by);
    } catch (e) {
      return sendJson(res, 400, { error: (e as Error).message });
    }
    broadcast("change", { revision: store.revision });
    sendJson(res, 200, { now: new Date(store.now()).toISOString() });
  }

  return {
    feed,
    token,
    owns: (path) => path === "/_mock/console" || path.startsWith(CONSOLE_PATH),
    async handle(req, res) {
      const target = new URL(req.url, "http://console.invalid");
      const route = `${req.method} ${target.pathname}`;
      switch (route) {
        case "GET /_mock/console":
          return sendBody(res, 308, "text/plain", "", { location: CONSOLE_PATH });
        case `GET ${CONSOLE_PATH}`:
          return sendBody(res, 200, "text/html; charset=utf-8", consoleHtml(token));
        case `GET ${CONSOLE_PATH}console.js`:
          return sendBody(res, 200, "text/javascript; charset=utf-8", consoleScript());
        case `GET ${CONSOLE_PATH}console.css`:
          return sendBody(res, 200, "text/css; charset=utf-8", CONSOLE_CSS);
        case `GET ${CONSOLE_PATH}favicon.svg`:
          return sendBody(res, 200, "image/svg+xml", CONSOLE_ICON);
        case `GET ${CONSOLE_PATH}api/info`:
          return sendJson(res, 200, info());
        case `GET ${CONSOLE_PATH}api/deletions`:
          return sendJson(res, 200, deletions(target.searchParams));
        case `GET ${CONSOLE_PATH}api/calls`:
          return sendJson(res, 200, feed.calls());
        case `GET ${CONSOLE_PATH}api/events`:
          return openStream(res);
        case `GET ${CONSOLE_PATH}api/export`:
          return sendJson(res, 200, toWireJson(store.exportState()), { "content-disposition": 'attachment; filename="secrets-manager-mock-state.json"' });
      }
      const action = route.startsWith(`POST ${CONSOLE_PATH}api/`) ? target.pathname.slice(CONSOLE_PATH.length + 4) : undefined;
      if (action === undefined || !["aws", "clock", "reset"].includes(action)) return sendJson(res, 404, { error: "Not found." });
      if (!sameToken(req.headers[CONSOLE_TOKEN_HEADER], token)) {
        return sendJson(res, 403, { error: "This console action needs the token of the page the server sent." });
      }
      if (action === "aws") return sendWire(res, await awsCall(req, target.searchParams));
      if (action === "clock") return advanceClock(req.body, res);
      store.reset();
      sendJson(res, 200, { status: "ok" });
    },
    close() {
      for (const s of streams) s.end();
      streams.clear();
    },
  };
}
