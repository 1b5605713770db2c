/**
 * The clients the bench compares: real SecretsManagerClients sending real commands, answered by
 * a no-op middleware (the floor: the SDK's own cost), by aws-sdk-client-mock, by this mock's
 * middleware, and by this mock's in-process request handler.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { SecretsManagerMock, SecretsStore } from "secrets-manager-mock";
import { mockSecretsManager } from "secrets-manager-mock";

/** Region and static credentials: the request handler path signs requests, so it needs both. */
export const CLIENT_CONFIG = {
  region: "us-east-1",
  credentials: { accessKeyId: "AKIDBENCHMARK", secretAccessKey: "bench-secret-key" },
} as const;

/** A client without (`default`) or with the SDK's per-command handler cache. */
export type ClientKind = "default" | "cacheMiddleware";

export function newClient(kind: ClientKind, extra: Record<string, unknown> = {}): SecretsManagerClient {
  return new SecretsManagerClient({ ...CLIENT_CONFIG, ...(kind === "cacheMiddleware" && { cacheMiddleware: true }), ...extra });
}

/**
 * The floor: an initialize-step middleware (same step and priority as the mock's) that returns
 * `output` without calling the rest of the stack. What remains is the SDK's own per-send cost.
 */
export function floorClient(kind: ClientKind, outputs: Record<string, object>): SecretsManagerClient {
  const client = newClient(kind);
  client.middlewareStack.add(
    (_next, context) => {
      const op = (context as { __smithy_context?: { operation?: string } }).__smithy_context?.operation ?? "";
      const output = outputs[op];
      return () => Promise.resolve({ output: output as never, response: {} });
    },
    { step: "initialize", name: "benchFloor", priority: "low", override: true },
  );
  return client;
}

/** A client answered by this mock's middleware. */
export function middlewareClient(kind: ClientKind, store: SecretsStore): SecretsManagerClient {
  return mockedClient(kind, store).client;
}

/** {@link middlewareClient} with its mock (for `resetHistory()` between walks, as a test suite does between tests). */
export function mockedClient(kind: ClientKind, store: SecretsStore): { client: SecretsManagerClient; mock: SecretsManagerMock } {
  const client = newClient(kind);
  const mock = mockSecretsManager(client, { store });
  return { client, mock };
}

type HandlerFactory = (store: SecretsStore) => unknown;

/**
 * The in-process request handler (`createSecretsManagerRequestHandler`), when this build of the
 * library exports it; otherwise undefined and the bench prints a note instead of the row.
 */
export async function loadRequestHandlerFactory(): Promise<HandlerFactory | undefined> {
  const mod = (await import("secrets-manager-mock")) as Record<string, unknown>;
  const f = mod.createSecretsManagerRequestHandler;
  return typeof f === "function" ? (f as HandlerFactory) : undefined;
}

/** A client whose HTTP handler is this mock's request handler (full SDK path: serialize, sign, parse). */
export function requestHandlerClient(kind: ClientKind, factory: HandlerFactory, store: SecretsStore): SecretsManagerClient {
  return newClient(kind, { requestHandler: factory(store) });
}
