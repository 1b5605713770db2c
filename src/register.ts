/**
 * `secrets-manager-mock/register`: serves every `SecretsManagerClient` of an application from an
 * in-memory (optionally persisted) store, without changing the application's code.
 *
 * ```sh
 * SECRETS_MANAGER_MOCK_STATE=./secrets.json node --import secrets-manager-mock/register app.js   # ESM
 * SECRETS_MANAGER_MOCK_STATE=./secrets.json node --require secrets-manager-mock/register app.js  # CommonJS
 * ```
 *
 * Environment variables:
 * - `SECRETS_MANAGER_MOCK_STATE`: JSON file the state is loaded from and saved to after every change.
 *   The process holds it alone: another process on the same file stops at start with
 *   `StateFileInUseError` (to share one store, run `secrets-manager-mock serve --state` instead).
 * - `SECRETS_MANAGER_MOCK_FIXTURES`: JSON file (fixtures or state) to start from when there is no state file.
 * - `SECRETS_MANAGER_MOCK_SEED`: makes generated ids deterministic.
 * - `SECRETS_MANAGER_MOCK_REGION`: the store's region (used by clients that have none, and by fixtures
 *   without `Region`). Default: the region the AWS SDK resolves (`AWS_REGION`, the shared config
 *   profile), then us-east-1 — docs/api.md, "Region and account resolution".
 * - `SECRETS_MANAGER_MOCK_ACCOUNT_ID`: the account in ARNs (default: `AWS_ACCOUNT_ID`, the profile's
 *   `aws_account_id`, then 123456789012).
 * - `SECRETS_MANAGER_MOCK_WARNINGS=0`: no `console.warn` when a secret is missed in one region but exists in another.
 * - `SECRETS_MANAGER_MOCK_CONSOLE_PORT`: also serve the console (and the HTTP endpoint) for this
 *   store on `127.0.0.1` at that port (0 picks a free one); the URL is printed to stderr. The
 *   server doesn't keep the application alive.
 * - `SECRETS_MANAGER_MOCK_AGENT_PORT`: also serve the AWS Secrets Manager Agent's API for this store
 *   on `127.0.0.1` at that port (0 picks a free one; the Agent's own is 2773), its token read from
 *   `AWS_TOKEN`, `AWS_SESSION_TOKEN` or `AWS_CONTAINER_AUTHORIZATION_TOKEN` as the Agent reads it
 *   (any non-empty token when none is set). The endpoint then listens too (on the console port, or
 *   a free one).
 *
 * @packageDocumentation
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { startSecretsManagerServer } from "./endpoint/endpoint.js";
import { type MockableClientClass, mockSecretsManager, type SecretsManagerMock } from "./sdk/mock-secrets-manager.js";
import { CallFeed } from "./console/call-feed.js";
import { storeOptionsFromEnv } from "./setup/env-options.js";
import { SecretsStore } from "./setup/secrets-store.js";

export { storeOptionsFromEnv };

/**
 * The application's own `SecretsManagerClient` class: resolved from the main script's directory,
 * then from the working directory. (The SDK package has no ESM-only entry for Node, so `import`
 * and `require` in the application both reach this same class.)
 */
function findClientClass(): MockableClientClass {
  const bases = [process.argv[1], path.join(process.cwd(), "index.js")].filter((b): b is string => typeof b === "string" && b !== "");
  const errors: string[] = [];
  for (const base of bases) {
    try {
      const sdk = createRequire(path.resolve(base))("@aws-sdk/client-secrets-manager") as { SecretsManagerClient?: MockableClientClass };
      if (sdk.SecretsManagerClient !== undefined) return sdk.SecretsManagerClient;
    } catch (e) {
      errors.push((e as Error).message.split("\n")[0]);
    }
  }
  throw new Error(`secrets-manager-mock/register: can't find @aws-sdk/client-secrets-manager from the application (${errors.join("; ")})`);
}

interface Registration {
  store: SecretsStore;
  mock: SecretsManagerMock;
}

/** The port of the variable `name`, undefined when unset; throws when it isn't one. */
function envPort(
  env: NodeJS.ProcessEnv,
  name: "SECRETS_MANAGER_MOCK_CONSOLE_PORT" | "SECRETS_MANAGER_MOCK_AGENT_PORT",
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new Error(`secrets-manager-mock/register: invalid ${name}: ${raw}`);
  return port;
}

/** Serves the console (and the Agent, with `agentPort`) for the application's store, showing the calls of its clients too. */
function startConsole(store: SecretsStore, mock: SecretsManagerMock, port: number, agentPort: number | undefined): void {
  const callFeed = new CallFeed();
  // First, so that a call's duration includes injected latency.
  mock.interceptors.unshift(callFeed.interceptor("sdk"));
  startSecretsManagerServer({
    port,
    store,
    callFeed,
    unref: true,
    ...(agentPort !== undefined && { agentPort, agent: { env: process.env } }),
  }).then(
    (server) =>
      process.stderr.write(
        `secrets-manager-mock console: ${server.consoleUrl} (endpoint ${server.url})\n` +
          (server.agentUrl !== undefined ? `secrets-manager-mock agent: ${server.agentUrl}\n` : ""),
      ),
    (e: unknown) =>
      process.stderr.write(`secrets-manager-mock/register: the console could not start on port ${port}: ${(e as Error).message}\n`),
  );
}

// One registration per process, even when both the ESM and the CommonJS builds get loaded.
const KEY = Symbol.for("secrets-manager-mock.register");
const holder = globalThis as { [KEY]?: Registration };
const registration: Registration =
  holder[KEY] ??
  (() => {
    const store = new SecretsStore(storeOptionsFromEnv());
    // An application may run for a long time: keep only recent calls.
    const mock = mockSecretsManager(findClientClass(), { store, historyLimit: 1000 });
    const port = envPort(process.env, "SECRETS_MANAGER_MOCK_CONSOLE_PORT");
    const agentPort = envPort(process.env, "SECRETS_MANAGER_MOCK_AGENT_PORT");
    if (port !== undefined || agentPort !== undefined) startConsole(store, mock, port ?? 0, agentPort);
    return (holder[KEY] = { store, mock });
  })();

/** The store behind every client of the application (for scripts that want to inspect or seed it). */
export const store: SecretsStore = registration.store;
/** The mock installed on `SecretsManagerClient` (call history, fault injection). */
export const mock: SecretsManagerMock = registration.mock;
