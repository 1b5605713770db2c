/**
 * The local endpoint as the package starts it: the server (`server/`) with the modules this
 * package composes into it — the console on the API listener, the sidecars on listeners of their
 * own — and the services every way in hands the operations. Loaded on the first
 * `startSecretsManagerServer` call by `start-server.ts`, which holds its documentation.
 */
import { CONSOLE_PATH, consoleModule } from "../console/console-routes.js";
import type { CallFeed } from "../console/call-feed.js";
import { SDK_SERVICES } from "../sdk/rotation-invoker.js";
import type { FaultControls } from "../faults/fault-controls.js";
import type { SecretsStore } from "../setup/secrets-store.js";
import { type ServerOptions, startServer } from "../server/http-server.js";
import { planSidecars, type SidecarListenerOptions } from "../sidecars/sidecars.js";
import type { SecretsManagerSidecarCaches } from "../sidecars/sidecar-cache.js";

/** Options of {@link startSecretsManagerServer}. */
export interface SecretsManagerServerOptions extends ServerOptions, SidecarListenerOptions {
  /** Serve the console at `/_mock/console/` (default true; only ever on a loopback address). */
  console?: boolean;
  /** @internal The feed the console shows (the register entry adds its clients' calls to it). */
  callFeed?: CallFeed;
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
   * `POST /_mock/sidecars/clear-caches` on a loopback endpoint).
   */
  readonly sidecarCaches: SecretsManagerSidecarCaches;
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

/** Starts the server with the console and the sidecars the options ask for. */
export async function startSecretsManagerServer(options: SecretsManagerServerOptions = {}): Promise<SecretsManagerServer> {
  const consoleWanted = options.console !== false;
  const sidecars = planSidecars(options);
  const {
    server,
    loopbackRoutes,
    sidecars: bound,
  } = await startServer(options, {
    services: SDK_SERVICES,
    loopback: consoleWanted ? [consoleModule(options.callFeed), sidecars.routes] : [sidecars.routes],
    sidecars: sidecars.specs,
  });
  const addresses: Record<string, string | number> = {};
  for (const [name, address] of Object.entries(bound)) {
    if (address === undefined) continue;
    addresses[`${name}Url`] = address.url;
    addresses[`${name}Port`] = address.port;
  }
  return Object.assign(server, {
    consoleUrl: consoleWanted && loopbackRoutes ? server.url + CONSOLE_PATH : undefined,
    sidecarCaches: sidecars.caches,
    ...addresses,
  });
}
