/**
 * The local endpoint: a `node:http` server speaking Secrets Manager's wire protocol, so the AWS
 * CLI, boto3 and any other SDK can use the mock through `--endpoint-url` /
 * `AWS_ENDPOINT_URL_SECRETS_MANAGER`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ServiceError } from "../errors.js";
import { UnsupportedOperationError } from "../operations/index.js";
import { SecretsStore } from "../setup/secrets-store.js";
import { adminRoutes } from "./admin-routes.js";
import { attachFaultControls, type FaultControls } from "./fault-controls.js";
import { FaultEngine, type FaultRule, storeFaultEnvironment } from "./fault-engine.js";
import { faultRoutes } from "./fault-routes.js";
import { ResponseBatch, sendJson, sendResponse as send } from "./http-responses.js";
import { createLoopbackGuard, type LoopbackGuard } from "./loopback-guard.js";
import { answerLoopbackRoute, findLoopbackRoute, type LoopbackRoute } from "./loopback-routes.js";
import { badGatewayResponse, NetworkFault } from "./network-fault.js";
import { bodyTooLargeError, DEFAULT_MAX_BODY_BYTES, encodeWireError, type WireResponse } from "./wire-codec.js";
import { onBody } from "./request-body.js";
import { handleWireRequest, type WireHandlerOptions } from "./wire-handler.js";
import type { CallFeed } from "../console/call-feed.js";
import { CONSOLE_PATH, consoleRoutes, type ConsoleRoutes } from "../console/console-routes.js";
import { createSidecars, type SidecarListenerOptions, type StartedSidecar } from "../sidecars/sidecars.js";
import { type SecretsManagerSidecarCaches, sidecarCacheReports } from "../sidecars/sidecar-cache.js";
import { sidecarRoutes } from "../sidecars/sidecar-routes.js";

/** Options of {@link startSecretsManagerServer}. */
export interface SecretsManagerServerOptions extends SidecarListenerOptions {
  /** TCP port (default 4566; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default `127.0.0.1`: only this machine can reach the mock). */
  host?: string;
  /** The store to serve (default: a new one in `region`). */
  store?: SecretsStore;
  /** Region for requests that carry no SigV4 credential scope (default: the store's region). */
  region?: string;
  /** Account of every request (default: the store's account). */
  accountId?: string;
  /** Largest request body accepted, in bytes (default 1 MiB); larger ones get HTTP 413. */
  maxBodyBytes?: number;
  /** Time allowed to receive a request's headers, in ms (default 10 000). */
  headersTimeoutMs?: number;
  /** Time allowed to receive a whole request, in ms (default 30 000). */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open, in ms (default 5 000). */
  keepAliveTimeoutMs?: number;
  /** How long {@link SecretsManagerServer.close} waits for open connections before cutting them, in ms (default 10 000). */
  closeTimeoutMs?: number;
  /**
   * Host names, besides `localhost`, `127.0.0.1` and `[::1]`, that the loopback-only routes answer
   * to (any port); e.g. `host.docker.internal`. Requests with any other `Host` get 403.
   */
  allowHosts?: readonly string[];
  /** Serve the console at `/_mock/console/` (default true; only ever on a loopback address). */
  console?: boolean;
  /** @internal The feed the console shows (the register entry adds its clients' calls to it). */
  callFeed?: CallFeed;
  /** @internal Don't keep the process alive for this server (the register entry's console). */
  unref?: boolean;
  /** Fault rules in force from the start (what `serve --fault` passes). */
  faults?: FaultRule[];
}

/**
 * A running endpoint. Its fault methods act on the socket: an AWS error is the HTTP response AWS
 * sends, `reset` resets the connection, `hang` holds it until the client gives up, `html-502`
 * answers with a proxy's HTML error page.
 */
export interface SecretsManagerServer extends FaultControls {
  /** Base URL to point clients at, e.g. `http://127.0.0.1:4566`. */
  readonly url: string;
  /** The port actually bound. */
  readonly port: number;
  /** The store being served. */
  readonly store: SecretsStore;
  /**
   * This server's CSRF token: the console page holds it and sends it with each of its actions
   * (header `x-secrets-manager-mock-token`). Random per server; never needed by SDKs or scripts.
   */
  readonly consoleToken: string;
  /** The console's address (`<url>/_mock/console/`), when the server serves it (loopback addresses only). */
  readonly consoleUrl: string | undefined;
  /** Base URL of the Lambda extension listener (`http://127.0.0.1:<port>`), when `lambdaExtensionPort` was given. */
  readonly lambdaExtensionUrl?: string;
  /** The port the Lambda extension listener bound, when `lambdaExtensionPort` was given. */
  readonly lambdaExtensionPort?: number;
  /** Base URL of the Secrets Manager Agent listener, when `agentPort` was given. */
  readonly agentUrl?: string;
  /** The port the Agent listener bound, when `agentPort` was given. */
  readonly agentPort?: number;
  /** Base URL of the Cloud Extensions Secrets Manager listener, when `cloudExtensionsPort` was given. */
  readonly cloudExtensionsUrl?: string;
  /** The port the Cloud Extensions listener bound, when `cloudExtensionsPort` was given. */
  readonly cloudExtensionsPort?: number;
  /**
   * The sidecars' caches: what each has cached (never values) and a way to empty them (also
   * `POST /_mock/sidecars/clear-caches`).
   */
  readonly sidecarCaches: SecretsManagerSidecarCaches;
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/** Timeouts shared by every listener of one endpoint. */
interface ListenerTimeouts {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
}

/** What answers one request: synchronously when it can (a promise per request costs the endpoint a measurable share). */
type Answer = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The response for a request whose answer failed unexpectedly. */
function internalFailure(res: ServerResponse): void {
  if (!res.headersSent) {
    sendJson(res, 500, { __type: "InternalFailure", Message: "An error occurred on the server side." }, true);
  } else {
    res.destroy();
  }
}

function createListener(timeouts: ListenerTimeouts, answer: Answer): Server {
  const server = createServer({
    ...timeouts,
    // Node checks the two timeouts only this often (default 30 s): keep it well under them.
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(timeouts.headersTimeout / 2))),
  });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    let pending: void | Promise<void>;
    try {
      pending = answer(req, res);
    } catch {
      internalFailure(res);
      return;
    }
    if (pending !== undefined) pending.catch(() => internalFailure(res));
  });
  return server;
}

async function listen(server: Server, port: number, host: string): Promise<{ url: string; address: AddressInfo }> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return { url: `http://${hostForUrl}:${address.port}`, address };
}

/** Stops `server`: idle keep-alive connections now, busy ones once their response (sent with `Connection: close`) is out, all after `timeoutMs`. */
function closeListener(server: Server, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * Starts a local Secrets Manager endpoint. The package exports it through `start-server.ts`, which
 * loads this module on the first call and holds its documentation: keep that up to date.
 */
export async function startSecretsManagerServer(options: SecretsManagerServerOptions = {}): Promise<SecretsManagerServer> {
  const store = options.store ?? new SecretsStore(options.region === undefined ? {} : { region: options.region });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const wireOptions: WireHandlerOptions & { region: string } = {
    region: options.region ?? store.region,
    ...(options.accountId !== undefined && { accountId: options.accountId }),
  };
  let closing = false;
  let adminEndpoints = false;
  const guard: LoopbackGuard = createLoopbackGuard(options.allowHosts === undefined ? {} : { allowHosts: options.allowHosts });
  let consoleMount: ConsoleRoutes | undefined;
  const engine = new FaultEngine(storeFaultEnvironment(store));
  for (const rule of options.faults ?? []) engine.add(rule);
  const routes: LoopbackRoute[] = [...adminRoutes(store), ...faultRoutes(engine)];
  /** API answers go out together at the end of each turn of the event loop. */
  const batch = new ResponseBatch(() => closing);
  /** Sockets of requests held by an injected hang: cut when the server closes. */
  const held = new Set<Socket>();

  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const timeouts: ListenerTimeouts = {
    headersTimeout: Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout),
    requestTimeout,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
  };

  function answer(req: IncomingMessage, res: ServerResponse): void | Promise<void> {
    const method = req.method ?? "GET";
    if (closing) res.setHeader("connection", "close");
    // Every API call is `POST /`, which is no loopback route's: only other requests are parsed,
    // against a fixed base so that an odd target ("//x", absolute form) can't change the path.
    if (adminEndpoints && (req.url !== "/" || method !== "POST")) {
      const url = new URL(`http://localhost${req.url?.startsWith("/") ? req.url : "/"}`);
      const route = findLoopbackRoute(routes, method, url.pathname);
      if (route !== undefined) return answerLoopbackRoute(route, guard, req, res, url);
    }
    // Only a browser sends Origin; from a page of another origin (or a rebound name) it is refused.
    if (req.headers.origin !== undefined && !guard.mutate(req, res)) return;
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBodyBytes * 4) {
      tooLarge(res);
      return;
    }
    // The API path stays synchronous from the body's last byte to the response (no promise, no
    // microtask turn) unless the call itself is not (latency faults, asynchronous stubs).
    onBody(req, maxBodyBytes, (result) => {
      try {
        if ("tooLarge" in result) tooLarge(res);
        else {
          const answered = apiCall(method, req, res, result.body);
          if (answered !== undefined) answered.catch(() => internalFailure(res));
        }
      } catch {
        internalFailure(res);
      }
    });
  }

  /** The body was larger than allowed; the rest of it may still be on its way: answer, then drop the connection. */
  function tooLarge(res: ServerResponse): void {
    send(res, encodeWireError(bodyTooLargeError(maxBodyBytes), store.ids.requestId()), true);
  }

  function apiCall(method: string, req: IncomingMessage, res: ServerResponse, body: Uint8Array): void | Promise<void> {
    // Node gives header names in lower case and joins repeated ones, except set-cookie (an array),
    // which the codec never reads.
    const headers = req.headers as Readonly<Record<string, string | undefined>>;
    let answered: WireResponse | Promise<WireResponse>;
    try {
      answered = handleWireRequest(store, { method, headers, body }, wireOptions, engine.interceptor);
    } catch (err) {
      apiFailure(err, req, res);
      return;
    }
    if (!(answered instanceof Promise)) {
      batch.send(res, answered);
      return;
    }
    return answered.then(
      (response) => batch.send(res, response),
      (err: unknown) => apiFailure(err, req, res),
    );
  }

  /** What the wire handler leaves to the adapter: network faults, and operations the mock lacks. */
  function apiFailure(err: unknown, req: IncomingMessage, res: ServerResponse): void {
    if (err instanceof NetworkFault) {
      networkFault(err, req, res);
      return;
    }
    if (!(err instanceof UnsupportedOperationError)) throw err;
    // A mock limitation, not AWS behaviour: 501 is not retried by SDKs and names the operation.
    send(res, encodeWireError(new ServiceError("NotImplementedException", err.message, 501), store.ids.requestId()), closing);
  }

  function networkFault(fault: NetworkFault, req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    if (fault.kind === "html-502") {
      send(res, badGatewayResponse(), closing);
      return;
    }
    if (fault.kind === "reset") {
      // A TCP RST, as a crashed peer or a middlebox sends: the client reads ECONNRESET.
      socket.resetAndDestroy();
      return;
    }
    held.add(socket);
    socket.once("close", () => held.delete(socket));
  }

  // Sidecars are made (and their settings checked) before anything listens.
  const identity = { accountId: options.accountId ?? store.accountId, region: wireOptions.region };
  const sidecars = createSidecars(store, guard, identity, options);
  const server = createListener(timeouts, answer);
  const { url, address } = await listen(server, options.port ?? 4566, options.host ?? "127.0.0.1");
  adminEndpoints = isLoopback(address.address);
  if (options.unref) {
    // Neither the listener nor its connections (a console page's event stream) keep the process alive.
    server.unref();
    server.on("connection", (socket) => socket.unref());
  }
  if (adminEndpoints && options.console !== false) {
    consoleMount = consoleRoutes(store, {
      token: guard.token,
      maxBodyBytes,
      wire: { ...wireOptions },
      ...(options.callFeed !== undefined && { feed: options.callFeed }),
    });
    routes.push(...consoleMount.routes);
    wireOptions.interceptor = consoleMount.feed.interceptor("http");
  }

  const started: StartedSidecar[] = [];
  for (const sidecar of sidecars) {
    const listener = createListener(timeouts, (req, res) => {
      if (closing) res.setHeader("connection", "close");
      return sidecar.answer(req, res);
    });
    try {
      const bound = await listen(listener, sidecar.port, "127.0.0.1");
      if (options.unref) {
        listener.unref();
        listener.on("connection", (socket) => socket.unref());
      }
      started.push({ sidecar, server: listener, url: bound.url, port: bound.address.port });
    } catch (err) {
      await Promise.all([server, ...started.map((s) => s.server)].map((l) => closeListener(l, 0)));
      throw err;
    }
  }
  const sidecarCaches: SecretsManagerSidecarCaches = {
    list: () => sidecarCacheReports(sidecars),
    clear: () => {
      for (const s of sidecars) s.cache.clear();
    },
  };
  routes.push(...sidecarRoutes(sidecarCaches));
  const urls: Record<string, string | number> = {};
  for (const s of started) {
    urls[`${s.sidecar.urlProperty}Url`] = s.url;
    urls[`${s.sidecar.urlProperty}Port`] = s.port;
  }

  let closed: Promise<void> | undefined;
  const endpoint = {
    url,
    port: address.port,
    store,
    consoleToken: guard.token,
    consoleUrl: consoleMount === undefined ? undefined : url + CONSOLE_PATH,
    ...urls,
    sidecarCaches,
    close() {
      if (closed) return closed;
      closing = true;
      consoleMount?.close();
      for (const socket of held) socket.destroy();
      const timeoutMs = options.closeTimeoutMs ?? 10_000;
      const listeners = [server, ...started.map((s) => s.server)];
      closed = Promise.all(listeners.map((l) => closeListener(l, timeoutMs))).then(() => undefined);
      return closed;
    },
  };
  return attachFaultControls(endpoint, engine);
}
