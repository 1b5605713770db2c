/**
 * The sidecars a server runs, from its options: each a `SidecarSpec` (a listener of its own on
 * 127.0.0.1) whose settings are checked before anything listens, plus the caches of the ones
 * running and the loopback routes over them.
 */
import type { LoopbackModule, ServerContext, SidecarSpec } from "../server/http-server.js";
import { agentSettings, type AgentOptions, createAgent } from "./agent.js";
import { cloudExtensionsSettings, type CloudExtensionsOptions, createCloudExtensions } from "./cloud-extensions.js";
import { createLambdaExtension, type LambdaExtensionOptions, lambdaExtensionSettings } from "./lambda-extension.js";
import { type SecretsManagerSidecarCaches, type Sidecar, sidecarCacheReports } from "./sidecar-cache.js";
import { sidecarRoutes } from "./sidecar-routes.js";

/** The sidecar options of `startSecretsManagerServer`. Each sidecar reads as the server's account and `region`. */
export interface SidecarListenerOptions {
  /**
   * Also serve the AWS Parameters and Secrets Lambda Extension (`GET /secretsmanager/get?secretId=…`,
   * and `/systemsmanager/parameters/get` for `/aws/reference/secretsmanager/…` names) on this port
   * of 127.0.0.1, from the same store (0 picks a free one; the extension's own default is 2773).
   */
  lambdaExtensionPort?: number;
  /** The Lambda extension's settings (its environment variables) and log. */
  lambdaExtension?: LambdaExtensionOptions;
  /**
   * Also serve the AWS Secrets Manager Agent (`/secretsmanager/get`, `/v1/<secretId>`, `/ping`) on
   * this port of 127.0.0.1 (0 picks a free one; the Agent's own default is 2773).
   */
  agentPort?: number;
  /** The Agent's configuration (`ttl_seconds`, `cache_size`, …) and the environment its token is read from. */
  agent?: AgentOptions;
  /**
   * Also serve the Secrets Manager extension of AWS Systems Manager Cloud Extensions
   * (`/secretsmanager/get`, `/secretsmanager/<secretId>`, `/v1/<secretId>`) on this port of
   * 127.0.0.1 (0 picks a free one; the extension's own is 5333).
   */
  cloudExtensionsPort?: number;
  /** Settings of the Cloud Extensions listener. */
  cloudExtensions?: CloudExtensionsOptions;
}

/** The sidecars of one server. */
export interface SidecarPlan {
  /** The listeners to hand the server (names `lambdaExtension`, `agent`, `cloudExtensions`). */
  readonly specs: SidecarSpec[];
  /** The caches of the running sidecars. */
  readonly caches: SecretsManagerSidecarCaches;
  /** The loopback module of `GET /_mock/sidecars` and `POST /_mock/sidecars/clear-caches`. */
  readonly routes: (context: ServerContext) => LoopbackModule;
}

/** Plans the sidecars `options` asks for; throws (before anything listens) on settings out of range. */
export function planSidecars(options: SidecarListenerOptions): SidecarPlan {
  const running: Sidecar[] = [];
  const specs: SidecarSpec[] = [];
  const spec = (name: string, port: number, make: (context: ServerContext) => Sidecar): SidecarSpec => ({
    name,
    port,
    answer(context) {
      const sidecar = make(context);
      running.push(sidecar);
      return (req, res) => sidecar.answer(req, res);
    },
  });
  if (options.lambdaExtensionPort !== undefined) {
    const resolved = lambdaExtensionSettings(options.lambdaExtension);
    specs.push(spec("lambdaExtension", options.lambdaExtensionPort, (c) => createLambdaExtension(c.store, c.guard, c.identity, resolved)));
  }
  if (options.agentPort !== undefined) {
    const resolved = agentSettings(options.agent);
    specs.push(spec("agent", options.agentPort, (c) => createAgent(c.store, c.guard, c.identity, resolved)));
  }
  if (options.cloudExtensionsPort !== undefined) {
    const resolved = cloudExtensionsSettings(options.cloudExtensions);
    specs.push(spec("cloudExtensions", options.cloudExtensionsPort, (c) => createCloudExtensions(c.store, c.guard, c.identity, resolved)));
  }
  const caches: SecretsManagerSidecarCaches = {
    list: () => sidecarCacheReports(running),
    clear: () => {
      for (const s of running) s.cache.clear();
    },
  };
  return { specs, caches, routes: () => ({ routes: sidecarRoutes(caches) }) };
}
