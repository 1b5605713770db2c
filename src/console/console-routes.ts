/**
 * The console's routes under `/_mock/console/`: the page, its script and style sheet, read-only
 * data routes, the live event stream, and the actions. They are loopback routes: the server puts
 * each behind its guard (Host allowlist; actions also same-origin and carrying the page's token).
 *
 * Every action on secrets is an awsJson1_1 request answered by the same wire handler as the
 * endpoint itself (so through `dispatch`, with the same errors); the console adds no way to
 * change the store that the API doesn't have, besides the admin routes' reset and, on a
 * `ManualClock` store, moving the clock.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
// node:timers, not the global, which a test's fake timers replace (see http-responses.ts).
import { setImmediate } from "node:timers";
import { ServiceError } from "../errors.js";
import type { OperationServices } from "../operations/context.js";
import { UnsupportedOperationError } from "../operations/index.js";
import { ManualClock } from "../store/clock.js";
import type { SecretsStore } from "../setup/secrets-store.js";
import { CONSOLE_TOKEN_HEADER } from "../server/loopback-guard.js";
import type { LoopbackModule, ServerContext } from "../server/http-server.js";
import type { LoopbackRoute } from "../server/loopback-routes.js";
import { readBody } from "../wire/request-body.js";
import { bodyTooLargeError, encodeWireError, toWireJson, type WireResponse } from "../wire/wire-codec.js";
import { handleWireRequest, unsupportedOperationResponse, type WireHandlerOptions } from "../wire/wire-handler.js";
import { CallFeed } from "./call-feed.js";
import { consoleScript } from "./client/console-script.js";
import { CONSOLE_CSS, CONSOLE_ICON, CONSOLE_SECURITY_HEADERS, consoleHtml } from "./console-page.js";

/** Where the console lives on the endpoint. */
export const CONSOLE_PATH = "/_mock/console/";

/** Options of {@link consoleRoutes}. */
export interface ConsoleOptions {
  /** Who unsigned requests act as by default (the endpoint's own options). */
  wire: WireHandlerOptions;
  /** The server's console token (the guard checks it on every action; the page is given it). */
  token: string;
  /** Largest action body accepted, in bytes. */
  maxBodyBytes: number;
  /** The feed to show (default: a new one); the endpoint records its own calls into it. */
  feed?: CallFeed;
  /** What its actions hand the operations (the server's services: the rotation invoker). */
  services: OperationServices;
}

/** The console of one server. */
export interface ConsoleRoutes {
  /** The calls shown on the page. */
  readonly feed: CallFeed;
  /** The routes to put behind the server's guard. */
  readonly routes: LoopbackRoute[];
  /** Ends every open event stream (so that the server can close). */
  close(): void;
}

const REGION = /^[a-z]{2}(-[a-z0-9]+){2,3}$/;
const ACCOUNT = /^\d{12}$/;
const utf8 = new TextEncoder();

function sendBody(
  res: ServerResponse,
  statusCode: number,
  contentType: string,
  body: string | Uint8Array,
  extra: Record<string, string> = {},
): void {
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

/** Flattens Node's request headers the way the wire handler reads them. */
function wireHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers[name] = value;
    else if (Array.isArray(value)) headers[name] = value.join(", ");
  }
  return headers;
}

/**
 * The console for `store`. The endpoint mounts it on loopback servers only, behind its guard:
 * GET routes are `read`, POST routes `mutate` with the token required.
 */
export function consoleRoutes(store: SecretsStore, options: ConsoleOptions): ConsoleRoutes {
  const { token } = options;
  const feed = options.feed ?? new CallFeed();
  const consoleCalls = feed.interceptor("console");
  const streams = new Set<ServerResponse>();
  let changePending = false;

  function broadcast(event: string, data: unknown): void {
    if (streams.size === 0) return;
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
  const unsubscribe = [store.onChange(changed), feed.subscribe((call) => broadcast("call", call))];

  function openStream(res: ServerResponse): void {
    res.writeHead(200, { ...CONSOLE_SECURITY_HEADERS, "content-type": "text/event-stream", connection: "keep-alive" });
    res.write(": secrets-manager-mock console\n\n");
    streams.add(res);
    // Proxies and browsers drop streams that stay silent for long.
    const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 15_000);
    keepAlive.unref();
    res.on("close", () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  function info(): Record<string, unknown> {
    const partitions = new Map<string, { accountId: string; region: string }>();
    const add = (accountId: string, region: string) => partitions.set(`${accountId}/${region}`, { accountId, region });
    add(options.wire.accountId ?? store.accountId, options.wire.region ?? store.region);
    for (const p of store.allPartitions()) add(p.accountId, p.region);
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

  async function awsCall(req: IncomingMessage, body: Uint8Array, query: URLSearchParams): Promise<WireResponse> {
    const accountId = query.get("accountId") ?? options.wire.accountId ?? store.accountId;
    const region = query.get("region") ?? options.wire.region ?? store.region;
    if (!ACCOUNT.test(accountId) || !REGION.test(region)) {
      return encodeWireError(
        new ServiceError("InvalidParameterException", "The console asked for an invalid account or region."),
        store.ids.requestId(),
      );
    }
    try {
      // No Authorization header reaches the handler: the region is the one the page chose.
      const headers = { ...wireHeaders(req), authorization: undefined };
      return await handleWireRequest(
        store,
        { method: "POST", headers, body },
        { accountId, region, interceptor: consoleCalls },
        undefined,
        options.services,
      );
    } catch (err) {
      if (!(err instanceof UnsupportedOperationError)) throw err;
      return unsupportedOperationResponse(err, store.ids.requestId());
    }
  }

  function advanceClock(body: Uint8Array, res: ServerResponse): void {
    const clock = store.clock;
    if (!(clock instanceof ManualClock)) {
      sendJson(res, 409, { error: "This store's clock is not a ManualClock: only a ManualClock can be moved." });
      return;
    }
    const amount = jsonObject(body);
    const by: Record<string, number> = {};
    for (const unit of ["days", "hours", "minutes", "seconds"] as const) {
      const v = amount?.[unit];
      if (v !== undefined && typeof v !== "number") {
        sendJson(res, 400, { error: `${unit} must be a number.` });
        return;
      }
      if (v !== undefined) by[unit] = v;
    }
    try {
      clock.advance(by);
    } catch (e) {
      sendJson(res, 400, { error: (e as Error).message });
      return;
    }
    broadcast("change", { revision: store.revision });
    sendJson(res, 200, { now: new Date(store.now()).toISOString() });
  }

  function page(res: ServerResponse, url: URL): void {
    switch (url.pathname) {
      case CONSOLE_PATH:
        sendBody(res, 200, "text/html; charset=utf-8", consoleHtml(token, CONSOLE_TOKEN_HEADER));
        return;
      case `${CONSOLE_PATH}console.js`:
        sendBody(res, 200, "text/javascript; charset=utf-8", consoleScript());
        return;
      case `${CONSOLE_PATH}console.css`:
        sendBody(res, 200, "text/css; charset=utf-8", CONSOLE_CSS);
        return;
      case `${CONSOLE_PATH}favicon.svg`:
        sendBody(res, 200, "image/svg+xml", CONSOLE_ICON);
        return;
      case `${CONSOLE_PATH}api/info`:
        sendJson(res, 200, info());
        return;
      case `${CONSOLE_PATH}api/deletions`:
        sendJson(res, 200, deletions(url.searchParams));
        return;
      case `${CONSOLE_PATH}api/calls`:
        sendJson(res, 200, feed.calls());
        return;
      case `${CONSOLE_PATH}api/events`:
        openStream(res);
        return;
      case `${CONSOLE_PATH}api/export`:
        sendJson(res, 200, toWireJson(store.exportState()), {
          "content-disposition": 'attachment; filename="secrets-manager-mock-state.json"',
        });
        return;
      default:
        sendJson(res, 404, { error: "Not found." });
        return;
    }
  }

  async function act(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const read = await readBody(req, options.maxBodyBytes);
    if ("tooLarge" in read) {
      sendWire(res, encodeWireError(bodyTooLargeError(options.maxBodyBytes), store.ids.requestId()));
      return;
    }
    switch (url.pathname) {
      case `${CONSOLE_PATH}api/aws`:
        sendWire(res, await awsCall(req, read.body, url.searchParams));
        return;
      case `${CONSOLE_PATH}api/clock`:
        advanceClock(read.body, res);
        return;
      case `${CONSOLE_PATH}api/reset`:
        store.reset();
        sendJson(res, 200, { status: "ok" });
        return;
      default:
        sendJson(res, 404, { error: "Not found." });
        return;
    }
  }

  return {
    feed,
    routes: [
      {
        method: "GET",
        path: CONSOLE_PATH.slice(0, -1),
        kind: "read",
        handle: (req, res) => {
          req.resume();
          sendBody(res, 308, "text/plain", "", { location: CONSOLE_PATH });
        },
      },
      {
        method: "GET",
        path: CONSOLE_PATH,
        prefix: true,
        kind: "read",
        handle: (req, res, url) => {
          req.resume();
          page(res, url);
        },
      },
      { method: "POST", path: `${CONSOLE_PATH}api/`, prefix: true, kind: "mutate", requireToken: true, handle: act },
    ],
    close() {
      for (const u of unsubscribe) u();
      for (const s of streams) s.end();
      streams.clear();
    },
  };
}

/**
 * The console as a module of the server (what `endpoint/` hands it): its routes, the feed's
 * observer of the endpoint's own API calls, and the end of its event streams on close.
 */
export function consoleModule(feed?: CallFeed): (context: ServerContext) => LoopbackModule {
  return (context) => {
    const mount = consoleRoutes(context.store, {
      token: context.guard.token,
      maxBodyBytes: context.maxBodyBytes,
      wire: { ...context.identity },
      services: context.services,
      ...(feed !== undefined && { feed }),
    });
    return { routes: mount.routes, observer: mount.feed.interceptor("http"), close: () => mount.close() };
  };
}
