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
import { type ServerOptions, type SidecarSpec, startServer } from "../server/http-server.js";
import { lambdaExtensionSidecar } from "../sidecars/lambda-extension.js";

/** Options of {@link startSecretsManagerServer}. */
export interface SecretsManagerServerOptions extends ServerOptions {
  /**
   * Also serve the HTTP API of the AWS Parameters and Secrets Lambda Extension
   * (`GET /secretsmanager/get?secretId=…`) on this port of 127.0.0.1, from the same store
   * (0 picks a free one; the extension's own default is 2773). It reads as the server's account
   * and `region`, like an unsigned API request.
   */
  lambdaExtensionPort?: number;
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
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

/** Starts the server with the console and the sidecars the options ask for. */
export async function startSecretsManagerServer(options: SecretsManagerServerOptions = {}): Promise<SecretsManagerServer> {
  const consoleWanted = options.console !== false;
  const sidecars: SidecarSpec[] = [];
  if (options.lambdaExtensionPort !== undefined) sidecars.push(lambdaExtensionSidecar(options.lambdaExtensionPort));
  const {
    server,
    loopbackRoutes,
    sidecars: bound,
  } = await startServer(options, {
    services: SDK_SERVICES,
    loopback: consoleWanted ? [consoleModule(options.callFeed)] : [],
    sidecars,
  });
  const extension = bound.lambdaExtension;
  return Object.assign(server, {
    consoleUrl: consoleWanted && loopbackRoutes ? server.url + CONSOLE_PATH : undefined,
    ...(extension !== undefined && { lambdaExtensionUrl: extension.url, lambdaExtensionPort: extension.port }),
  });
}
