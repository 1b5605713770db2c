/**
 * Which sidecars a server runs, from its options: each one is a {@link Sidecar} with the port its
 * own listener binds on 127.0.0.1.
 */
import type { Server } from "node:http";
import type { CallerIdentity } from "../operations/context.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";
import type { LoopbackGuard } from "../adapters/loopback-guard.js";
import { type AgentOptions, createAgent } from "./agent.js";
import { type CloudExtensionsOptions, createCloudExtensions } from "./cloud-extensions.js";
import { createLambdaExtension, type LambdaExtensionOptions } from "./lambda-extension.js";
import type { Sidecar } from "./sidecar-cache.js";

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

/** A sidecar to start: where it listens and the server property its URL and port go to. */
export interface PlannedSidecar extends Sidecar {
  readonly port: number;
  readonly urlProperty: "lambdaExtension" | "agent" | "cloudExtensions";
}

/** A sidecar whose listener is bound. */
export interface StartedSidecar {
  sidecar: PlannedSidecar;
  server: Server;
  url: string;
  port: number;
}

/** The sidecars `options` asks for (none when no port is given). */
export function createSidecars(
  store: SecretsStoreCore,
  guard: LoopbackGuard,
  caller: CallerIdentity,
  options: SidecarListenerOptions,
): PlannedSidecar[] {
  const planned: PlannedSidecar[] = [];
  if (options.lambdaExtensionPort !== undefined) {
    const s = createLambdaExtension(store, guard, caller, options.lambdaExtension);
    planned.push({ ...s, answer: s.answer, port: options.lambdaExtensionPort, urlProperty: "lambdaExtension" });
  }
  if (options.agentPort !== undefined) {
    const s = createAgent(store, guard, caller, options.agent);
    planned.push({ ...s, answer: s.answer, port: options.agentPort, urlProperty: "agent" });
  }
  if (options.cloudExtensionsPort !== undefined) {
    const s = createCloudExtensions(store, guard, caller, options.cloudExtensions);
    planned.push({ ...s, answer: s.answer, port: options.cloudExtensionsPort, urlProperty: "cloudExtensions" });
  }
  return planned;
}
