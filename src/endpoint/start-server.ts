/**
 * The package's `startSecretsManagerServer`: it loads the HTTP server (node:http, the wire codec,
 * the loopback routes, the console, the Lambda extension) on its first call, so that importing
 * the package for an in-process mock does not pay for an endpoint it never starts.
 */
import type { SecretsManagerServer, SecretsManagerServerOptions } from "./endpoint.js";

/**
 * Starts a local Secrets Manager endpoint.
 *
 * - `POST /` with `X-Amz-Target: secretsmanager.<Operation>` runs the operation (awsJson1_1).
 * - The region of a request is the one in its SigV4 credential scope; signatures are not checked.
 * - When bound to a loopback address only: `POST /moto-api/reset` puts the store back to how it
 *   started (empty, or its fixtures / loaded state), `GET /_mock/state` returns
 *   `store.exportState()` as JSON, and `/_mock/console/` serves the console (docs/console.md);
 *   `GET /_mock/faults` lists the fault rules (with how often each fired), `POST /_mock/faults`
 *   adds the rule in its JSON body and `DELETE /_mock/faults` removes them all. These routes
 *   answer only requests whose `Host` is a loopback name or one of `allowHosts`; the ones that
 *   change state (`POST /moto-api/reset`, the console's actions, `POST`/`DELETE /_mock/faults`)
 *   refuse a request whose `Origin` is another site's (see `loopback-guard.ts`); no response
 *   carries CORS headers.
 * - Faults (the fault methods, `faults`, the fault routes) act on the socket: see
 *   {@link SecretsManagerServer}.
 * - A browser request to the API itself (one that carries `Origin`) must come from the server's
 *   own origin: this stops a DNS-rebinding page from reading secrets. SDKs and CLIs send no `Origin`.
 * - With `lambdaExtensionPort`, a second listener on 127.0.0.1 answers the Lambda extension's
 *   `GET /secretsmanager/get?secretId=…` from the same store (see `lambda-extension.ts`).
 *
 * @example
 * ```ts
 * const server = await startSecretsManagerServer({ port: 0 });
 * const client = new SecretsManagerClient({ endpoint: server.url, region: "us-east-1", credentials });
 * await server.close();
 * ```
 */
export async function startSecretsManagerServer(options: SecretsManagerServerOptions = {}): Promise<SecretsManagerServer> {
  const { startSecretsManagerServer: start } = await import("./endpoint.js");
  return start(options);
}
