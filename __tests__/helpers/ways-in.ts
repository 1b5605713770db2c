/**
 * The ways a user can put the mock in front of a SecretsManagerClient. Behaviour suites run once
 * per way in (`describe.each(WAYS_IN)`), so every behaviour is proven through each of them.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { createSecretsManagerRequestHandler, mockSecretsManager, SecretsStore, type SecretsStoreOptions } from "secrets-manager-mock";

/** A way in: builds a client served by `store` in `region`. */
export interface WayIn {
  name: string;
  client(store: SecretsStore, region?: string): SecretsManagerClient;
}

export const middlewareWay: WayIn = {
  name: "middleware",
  client(store, region) {
    const client = new SecretsManagerClient(region === undefined ? {} : { region });
    mockSecretsManager(client, { store });
    return client;
  },
};

/**
 * The SDK's whole pipeline over the real wire protocol, without a socket. `maxAttempts: 1` keeps
 * suites free of wall-clock backoff; with the default (3) the SDK retries LimitExceededException
 * and 5xx exactly as it does against AWS.
 */
export const requestHandlerWay: WayIn = {
  name: "request-handler",
  client(store, region) {
    return new SecretsManagerClient({
      region: region ?? store.region,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      requestHandler: createSecretsManagerRequestHandler(store),
      maxAttempts: 1,
    });
  },
};

/** Every way in; more are appended as adapters land. */
export const WAYS_IN: WayIn[] = [middlewareWay, requestHandlerWay];

/** A fresh store plus a client on it, for one test. */
export function setup(way: WayIn, options: SecretsStoreOptions = {}, region?: string) {
  const store = new SecretsStore(options);
  const client = way.client(store, region);
  return { store, client };
}
