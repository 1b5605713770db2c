/**
 * The HTTP server of the local endpoint: a `node:http` listener speaking Secrets Manager's wire
 * protocol (`POST /`), the loopback-only routes (admin, faults, and those of the modules it is
 * handed: the console), and listeners of their own on 127.0.0.1 for the sidecars it is handed.
 * It imports none of its modules: `endpoint/` composes them, so nothing here reaches up.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { CallerIdentity, OperationServices } from "../operations/context.js";
import { UnsupportedOperationError } from "../operations/index.js";
import { SecretsStore } from "../setup/secrets-store.js";
import type { CallInterceptor } from "../calls/answer-call.js";
import { NetworkFault } from "../calls/network-fault.js";
import { attachFaultControls, type FaultControls } from "../faults/fault-controls.js";
import { FaultEngine, type FaultRule, storeFaultEnvironment } from "../faults/fault-engine.js";
import { badGatewayResponse } from "../wire/bad-gateway.js";
import { onBody } from "../wire/request-body.js";
import { bodyTooLargeError, DEFAULT_MAX_BODY_BYTES, encodeWireError, type WireResponse } from "../wire/wire-codec.js";
import { handleWireRequest, unsupportedOperationResponse, type WireHandlerOptions } from "../wire/wire-handler.js";
import { adminRoutes } from "./admin-routes.js";
import { faultRoutes } from "./fault-routes.js";
import { ResponseBatch, sendJson, sendResponse as send } from "./http-responses.js";
import { createLoopbackGuard, type LoopbackGuard } from "./loopback-guard.js";
import { answerLoopbackRoute, findLoopbackRoute, type LoopbackRoute } from "./loopback-routes.js";

/** What the server itself needs to know (the endpoint's public options add its modules' own). */
export interface ServerOptions {
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
  /** How long `close()` waits for open connections before cutting them, in ms (default 10 000). */
  closeTimeoutMs?: number;
  /**
   * Host names, besides `localhost`, `127.0.0.1` and `[::1]`, that the loopback-only routes answer
   * to (any port); e.g. `host.docker.internal`. Requests with any other `Host` get 403.
   */
  allowHosts?: readonly string[];
  /** @internal Don't keep the process alive for this server (the register entry's console). */
  unref?: boolean;
  /** Fault rules in force from the start (what `serve --fault` passes). */
  faults?: FaultRule[];
}

/** What a module mounted on the server is given. */
export interface ServerContext {
  readonly store: SecretsStore;
  /** The guard of the loopback routes (its token is the console's CSRF token). */
  readonly guard: LoopbackGuard;
  /** Who an unsigned request acts as: the server's account and default region. */
  readonly identity: CallerIdentity;
  /** What the API route hands the operations (the rotation invoker). */
  readonly services: OperationServices;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
}

/** A module of loopback-only routes on the API listener (the console): mounted only when that listener is on a loopback address. */
export interface LoopbackModule {
  /** Its routes; each goes behind the guard. */
  readonly routes: readonly LoopbackRoute[];
  /** Observes every API call (its `before` must not throw). */
  readonly observer?: CallInterceptor;
  /** Ends what it holds open (event streams) so the server can close. */
  close?(): void;
}

/** What answers one request: synchronously when it can (a promise per request costs the endpoint a measurable share). */
export type RequestAnswer = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A listener of its own on 127.0.0.1, answering another product's HTTP API from the same store (a sidecar). */
export interface SidecarSpec {
  /** Its name, the key of its address in {@link StartedServer.sidecars}. */
  readonly name: string;
  /** The port to bind (0 picks a free one). */
  readonly port: number;
  /** Builds its answer once the server's context exists. */
  answer(context: ServerContext): RequestAnswer;
}

/** What the endpoint composes into one server. */
export interface ServerModules {
  /** What the API route hands the operations (the rotation invoker). */
  services: OperationServices;
  /** Mounted on the API listener when it is bound to a loopback address. */
  loopback?: readonly ((context: ServerContext) => LoopbackModule)[];
  /** Listeners of their own, each on 127.0.0.1. */
  sidecars?: readonly SidecarSpec[];
}

/** The address a sidecar listener bound. */
export interface BoundListener {
  readonly url: string;
  readonly port: number;
}

/**
 * A running server, as the endpoint hands it to the user (who sees it as `SecretsManagerServer`).
 * Its fault methods act on the socket.
 */
export interface RunningServer extends FaultControls {
  /** Base URL to point clients at, e.g. `http://127.0.0.1:4566`. */
  readonly url: string;
  /** The port actually bound. */
  readonly port: number;
  /** The store being served. */
  readonly store: SecretsStore;
  /** This server's CSRF token (the console page sends it with each of its actions). */
  readonly consoleToken: string;
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

/** What {@link startServer} tells the endpoint besides the server itself. */
export interface StartedServer {
  readonly server: RunningServer;
  /** True when the API listener is on a loopback address, so the loopback routes and modules are mounted. */
  readonly loopbackRoutes: boolean;
  /** The sidecar listeners, by name. */
  readonly sidecars: Readonly<Partial<Record<string, BoundListener>>>;
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

/** The response for a request whose answer failed unexpectedly. */
function internalFailure(res: ServerResponse): void {
  if (!res.headersSent) {
    sendJson(res, 500, { __type: "InternalFailure", Message: "An error occurred on the server side." }, true);
  } else {
    res.destroy();
  }
}

function createListener(timeouts: ListenerTimeouts, answer: RequestAnswer): Server {
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
 * Starts the server with the modules `endpoint/` composes. The package's
 * `startSecretsManagerServer` (`endpoint/`) is the public way to start it and holds the
 * documentation of what it serves.
 */
export async function startServer(options: ServerOptions, modules: ServerModules): Promise<StartedServer> {
  const store = options.store ?? new SecretsStore(options.region === undefined ? {} : { region: options.region });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const wireOptions: WireHandlerOptions & { region: string } = {
    region: options.region ?? store.region,
    ...(options.accountId !== undefined && { accountId: options.accountId }),
  };
  const { services } = modules;
  let closing = false;
  let adminEndpoints = false;
  const guard: LoopbackGuard = createLoopbackGuard(options.allowHosts === undefined ? {} : { allowHosts: options.allowHosts });
  const mounted: LoopbackModule[] = [];
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
      answered = handleWireRequest(store, { method, headers, body }, wireOptions, engine.interceptor, services);
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
    send(res, unsupportedOperationResponse(err, store.ids.requestId()), closing);
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

  const server = createListener(timeouts, answer);
  const { url, address } = await listen(server, options.port ?? 4566, options.host ?? "127.0.0.1");
  adminEndpoints = isLoopback(address.address);
  if (options.unref) {
    // Neither the listener nor its connections (a console page's event stream) keep the process alive.
    server.unref();
    server.on("connection", (socket) => socket.unref());
  }
  const context: ServerContext = {
    store,
    guard,
    identity: { accountId: options.accountId ?? store.accountId, region: wireOptions.region },
    services,
    maxBodyBytes,
  };
  if (adminEndpoints) {
    for (const mount of modules.loopback ?? []) {
      const module = mount(context);
      mounted.push(module);
      routes.push(...module.routes);
      // One observer of the API calls: the console's feed is the only module that has one.
      if (module.observer !== undefined) wireOptions.interceptor = module.observer;
    }
  }

  const sidecars: Record<string, BoundListener> = {};
  const sidecarServers: Server[] = [];
  for (const spec of modules.sidecars ?? []) {
    const sidecarAnswer = spec.answer(context);
    const sidecarServer = createListener(timeouts, (req, res) => {
      if (closing) res.setHeader("connection", "close");
      return sidecarAnswer(req, res);
    });
    try {
      const bound = await listen(sidecarServer, spec.port, "127.0.0.1");
      if (options.unref) {
        sidecarServer.unref();
        sidecarServer.on("connection", (socket) => socket.unref());
      }
      sidecars[spec.name] = { url: bound.url, port: bound.address.port };
      sidecarServers.push(sidecarServer);
    } catch (err) {
      await Promise.all([server, ...sidecarServers].map((l) => closeListener(l, 0)));
      for (const module of mounted) module.close?.();
      throw err;
    }
  }

  let closed: Promise<void> | undefined;
  const endpoint = {
    url,
    port: address.port,
    store,
    consoleToken: guard.token,
    close() {
      if (closed) return closed;
      closing = true;
      for (const module of mounted) module.close?.();
      for (const socket of held) socket.destroy();
      const timeoutMs = options.closeTimeoutMs ?? 10_000;
      closed = Promise.all([server, ...sidecarServers].map((l) => closeListener(l, timeoutMs))).then(() => undefined);
      return closed;
    },
  };
  return { server: attachFaultControls(endpoint, engine), loopbackRoutes: adminEndpoints, sidecars };
}
