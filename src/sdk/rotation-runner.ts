/**
 * Runs a registered rotation function through its steps, the way Secrets Manager invokes a rotation
 * Lambda: one call per step, each with `{SecretId, ClientRequestToken, Step}`, and a client that
 * talks to the same store. Loaded on the first rotation by `rotation-invoker.ts`, which the ways in
 * hand to the operations (this module reaches the SDK and the middleware, which the operations
 * must never import). The invoker hands its services over, so the client it builds rotates too
 * and this module never imports the invoker back.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { CallerIdentity, OperationServices } from "../operations/context.js";
import type { RotationFailure, RotationFunction, RotationStep } from "../store/rotation-functions.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";
import { secretsManagerMockMiddlewareOptions, storeMiddleware } from "./store-middleware.js";

/** A SecretsManagerClient answered by `store` as `caller` (no network, no credentials needed). */
export function rotationClient(services: OperationServices, store: SecretsStoreCore, caller: CallerIdentity): SecretsManagerClient {
  const client = new SecretsManagerClient({ region: caller.region });
  client.middlewareStack.add(
    storeMiddleware(store, { region: caller.region, accountId: caller.accountId }, services),
    secretsManagerMockMiddlewareOptions,
  );
  return client;
}

/**
 * Calls `fn` for each of `steps` in order. Returns undefined when every step succeeded, or the
 * failure (also appended to `store.rotationFailures`) at the first step that threw.
 */
export async function invokeRotationFunction(
  services: OperationServices,
  store: SecretsStoreCore,
  caller: CallerIdentity,
  fn: RotationFunction,
  secretArn: string,
  token: string,
  steps: readonly RotationStep[],
): Promise<RotationFailure | undefined> {
  const client = rotationClient(services, store, caller);
  try {
    for (const step of steps) {
      try {
        await fn({ SecretId: secretArn, ClientRequestToken: token, Step: step }, { client });
      } catch (error) {
        const failure: RotationFailure = { secretArn, clientRequestToken: token, step, error, time: store.now() };
        store.rotationFailures.push(failure);
        return failure;
      }
    }
    return undefined;
  } finally {
    client.destroy();
  }
}
