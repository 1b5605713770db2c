#!/usr/bin/env node
/**
 * `secrets-manager-mock serve`: runs the local endpoint from the command line, so the AWS CLI,
 * boto3 or any other SDK can use the mock. `secrets-manager-mock parity` compares a target (an
 * endpoint, or real AWS) with the mock; it is loaded only when asked for.
 *
 * ```sh
 * npx secrets-manager-mock serve --port 4566 --state ./secrets.json
 * AWS_ENDPOINT_URL_SECRETS_MANAGER=http://127.0.0.1:4566 aws secretsmanager list-secrets
 * npx secrets-manager-mock parity --endpoint http://127.0.0.1:4566
 * ```
 *
 * @packageDocumentation
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import type { FaultRule } from "./faults/fault-engine.js";
import { parseFaultSpec } from "./faults/fault-spec.js";
import { startSecretsManagerServer } from "./endpoint/endpoint.js";
import { lambdaExtensionSettingsFrom } from "./sidecars/lambda-extension.js";
import { SecretsStore } from "./setup/secrets-store.js";
import type { SecretsStoreOptions } from "./store/secrets-store.js";

const USAGE = `Usage: secrets-manager-mock serve [options]
       secrets-manager-mock parity (--endpoint <url> | --aws) [options]   (parity --help for its options)

Runs a local AWS Secrets Manager endpoint (awsJson1_1 over HTTP) backed by an in-memory store.

Options:
  --port <n>         TCP port (default 4566; 0 picks a free one)
  --host <address>   interface to bind (default 127.0.0.1)
  --region <region>  region of unsigned requests and of fixtures without one (default: AWS_REGION,
                     then the AWS_PROFILE region in ~/.aws/config, then us-east-1)
  --state <file>     load the state from this JSON file and save every change to it
                     (held alone while running: clients of other processes share it through this endpoint)
  --fixtures <file>  JSON fixtures to start from (and to go back to on POST /moto-api/reset)
  --seed <value>     make generated ids (and fault probability draws) deterministic
  --allow-host <name>
                     also answer the loopback-only routes for this Host name (repeatable);
                     by default only localhost, 127.0.0.1 and [::1] are
  --lambda-extension-port <n>
                     also serve the AWS Parameters and Secrets Lambda Extension's API
                     (GET /secretsmanager/get?secretId=...) on this port of 127.0.0.1
                     (the extension's default is 2773; 0 picks a free one); its settings are read
                     from SECRETS_MANAGER_TTL, PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE,
                     PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED and AWS_SESSION_TOKEN
  --agent-port <n>   also serve the AWS Secrets Manager Agent (GET /secretsmanager/get?secretId=...,
                     /v1/<secretId>, /ping) on this port of 127.0.0.1 (its default is 2773);
                     its token is the first of AWS_TOKEN, AWS_SESSION_TOKEN,
                     AWS_CONTAINER_AUTHORIZATION_TOKEN set (file://PATH: the file's contents),
                     any non-empty token when none is set
  --cloud-extensions-port <n>
                     also serve Cloud Extensions' Secrets Manager extension (/secretsmanager/get,
                     /secretsmanager/<secretId>, /v1/<secretId>) on this port (its own is 5333)
  --fault <rule>     inject a fault from the start; repeatable. <rule> is
                     <Operation|*>=<fault>[:times=<n>][:probability=<p>][:latency=<ms>][:status=<code>][:message=<text>]
                     where <fault> is an AWS error code or reset, hang, html-502, e.g.
                       --fault 'GetSecretValue=ThrottlingException:times=2'
                       --fault '*=InternalServiceError:probability=0.1'
                       --fault 'ListSecrets=reset:times=1'
                       --fault 'GetSecretValue=latency=250'   (delay only)
  -h, --help         show this help
`;

class UsageError extends Error {}

interface ServeOptions {
  port: number;
  host: string;
  region: string | undefined;
  state: string | undefined;
  fixtures: string | undefined;
  seed: string | undefined;
  allowHosts: string[];
  lambdaExtensionPort: number | undefined;
  agentPort: number | undefined;
  cloudExtensionsPort: number | undefined;
  faults: FaultRule[];
}

function parsePort(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (value.trim() === "" || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid ${flag}: ${value}`);
  return port;
}

function parseServeArgs(args: string[]): ServeOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        region: { type: "string" },
        state: { type: "string" },
        fixtures: { type: "string" },
        seed: { type: "string" },
        "allow-host": { type: "string", multiple: true },
        "lambda-extension-port": { type: "string" },
        "agent-port": { type: "string" },
        "cloud-extensions-port": { type: "string" },
        fault: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length !== 1 || positionals[0] !== "serve") {
    throw new UsageError(positionals.length === 0 ? "missing command" : `unknown command: ${positionals.join(" ")}`);
  }
  const port = parsePort("--port", values.port) ?? 4566;
  const lambdaExtensionPort = parsePort("--lambda-extension-port", values["lambda-extension-port"]);
  const agentPort = parsePort("--agent-port", values["agent-port"]);
  const cloudExtensionsPort = parsePort("--cloud-extensions-port", values["cloud-extensions-port"]);
  let faults: FaultRule[];
  try {
    faults = (values.fault ?? []).map(parseFaultSpec);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return {
    port,
    host: values.host ?? "127.0.0.1",
    region: values.region,
    state: values.state,
    fixtures: values.fixtures,
    seed: values.seed,
    allowHosts: values["allow-host"] ?? [],
    lambdaExtensionPort,
    agentPort,
    cloudExtensionsPort,
    faults,
  };
}

async function serve(options: ServeOptions): Promise<void> {
  const storeOptions: SecretsStoreOptions = {
    ...(options.region !== undefined && { region: options.region }),
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.fixtures !== undefined && { fixtures: path.resolve(options.fixtures) }),
    ...(options.state !== undefined && { persist: { path: path.resolve(options.state) } }),
  };
  const store = new SecretsStore(storeOptions);
  const server = await startSecretsManagerServer({
    port: options.port,
    host: options.host,
    store,
    allowHosts: options.allowHosts,
    faults: options.faults,
    ...(options.lambdaExtensionPort !== undefined && {
      lambdaExtensionPort: options.lambdaExtensionPort,
      lambdaExtension: { settings: lambdaExtensionSettingsFrom(process.env) },
    }),
    ...(options.agentPort !== undefined && { agentPort: options.agentPort, agent: { env: process.env } }),
    ...(options.cloudExtensionsPort !== undefined && { cloudExtensionsPort: options.cloudExtensionsPort }),
  });
  process.stdout.write(
    `secrets-manager-mock listening on ${server.url} (region ${store.region}, account ${store.accountId})\n` +
      `Point clients at it:\n` +
      `  export AWS_ENDPOINT_URL_SECRETS_MANAGER=${server.url}\n` +
      `  aws --endpoint-url ${server.url} secretsmanager list-secrets\n` +
      `  new SecretsManagerClient({ endpoint: "${server.url}" })\n` +
      (server.consoleUrl !== undefined ? `Console: ${server.consoleUrl}\n` : "") +
      `Any credentials are accepted (e.g. AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test).` +
      (options.state !== undefined ? ` State file: ${path.resolve(options.state)}.` : "") +
      (options.faults.length > 0 ? ` Faults: ${options.faults.length} rule(s) in force.` : "") +
      ` Ctrl+C stops.\n` +
      (server.lambdaExtensionUrl !== undefined
        ? `Lambda extension endpoint on ${server.lambdaExtensionUrl} (GET /secretsmanager/get?secretId=...; any non-empty X-Aws-Parameters-Secrets-Token):\n` +
          `  export PARAMETERS_SECRETS_EXTENSION_HTTP_PORT=${server.lambdaExtensionPort} AWS_SESSION_TOKEN=test\n`
        : "") +
      (server.agentUrl !== undefined
        ? `Secrets Manager Agent on ${server.agentUrl} (GET /secretsmanager/get?secretId=... or /v1/<secretId>, header X-Aws-Parameters-Secrets-Token)\n`
        : "") +
      (server.cloudExtensionsUrl !== undefined
        ? `Cloud Extensions Secrets Manager extension on ${server.cloudExtensionsUrl}/secretsmanager (header X-Aws-Parameters-Secrets-Token)\n`
        : ""),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`secrets-manager-mock: ${signal} again, exiting without waiting\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`secrets-manager-mock: ${signal}, finishing in-flight requests\n`);
    server
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (e: unknown) => {
          process.stderr.write(`secrets-manager-mock: could not save the state: ${(e as Error).message}\n`);
          process.exit(1);
        },
      );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** Runs the command line `argv` (without `node` and the script). */
export async function main(argv: string[]): Promise<void> {
  if (argv[0] === "parity") {
    // Loaded on demand: serve's start-up doesn't pay for the catalogue.
    const { runParityCli } = await import("./parity/index.js");
    process.exitCode = await runParityCli(argv);
    return;
  }
  let options: ServeOptions | "help";
  try {
    options = parseServeArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`secrets-manager-mock: ${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options === "help") {
    process.stdout.write(USAGE);
    return;
  }
  await serve(options);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`secrets-manager-mock: ${(e as Error).message.replace(/^secrets-manager-mock: /, "")}\n`);
  process.exit(1);
});
