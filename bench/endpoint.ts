/**
 * Requests per second of a local Secrets Manager endpoint under concurrent keep-alive load:
 * this package's `serve` CLI (built dist/, its own process) and, when it is installed,
 * moto's `moto_server`, measured the same way in the same run. Loopback only; bounded in time.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request, type RequestOptions } from "node:http";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** Load settings. */
export interface EndpointLoad {
  connections: number;
  /** How long each measured phase runs (ms). */
  durationMs: number;
  /** Secrets the PutSecretValue phase spreads its writes over (stays below AWS's version retention limit). */
  secrets: number;
}

export interface EndpointPhase {
  operation: "GetSecretValue" | "PutSecretValue";
  requests: number;
  errors: number;
  rps: number;
}

export interface EndpointResult {
  server: string;
  phases: EndpointPhase[];
}

/** A SigV4 header with a credential scope (the signature is never checked). */
export const AUTH = "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=0";

/** The options of an API request of operation `op` to `port`, signed for us-east-1 (signature unchecked). */
export function apiRequest(port: number, op: string, payload: Buffer, agent?: Agent): RequestOptions {
  return {
    host: "127.0.0.1",
    port,
    method: "POST",
    path: "/",
    ...(agent !== undefined && { agent }),
    headers: {
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": `secretsmanager.${op}`,
      Authorization: AUTH,
      "Content-Length": payload.length,
    },
  };
}

/** One request; resolves with the status. */
export function call(agent: Agent, port: number, op: string, body: object): Promise<number> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(apiRequest(port, op, payload, agent), (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(payload);
  });
}

let tokenCounter = 0;
const token = () => `bench-token-${process.pid}-${String(++tokenCounter).padStart(20, "0")}`;

/** Keep-alive load on `port` for `load.durationMs`, from `load.connections` concurrent workers. */
export async function phase(agent: Agent, port: number, load: EndpointLoad, operation: EndpointPhase["operation"]): Promise<EndpointPhase> {
  let requests = 0;
  let errors = 0;
  let i = 0;
  const deadline = Date.now() + load.durationMs;
  const worker = async () => {
    while (Date.now() < deadline) {
      const n = i++ % load.secrets;
      const status =
        operation === "GetSecretValue"
          ? await call(agent, port, operation, { SecretId: `bench/endpoint-${n}` })
          : await call(agent, port, operation, {
              SecretId: `bench/endpoint-${n}`,
              SecretString: `value-${i}`,
              ClientRequestToken: token(),
            });
      requests++;
      if (status !== 200) errors++;
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: load.connections }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { operation, requests, errors, rps: requests / seconds };
}

/** Resolves once the server on `port` answers. */
export async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const agent = new Agent({ keepAlive: false });
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      await call(agent, port, "ListSecrets", {});
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`server on port ${port} did not answer within ${timeoutMs} ms`);
}

async function measure(name: string, port: number, child: ChildProcess, load: EndpointLoad): Promise<EndpointResult> {
  await waitForPort(port, child, 30_000);
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  try {
    for (let n = 0; n < load.secrets; n++) {
      await call(agent, port, "CreateSecret", { Name: `bench/endpoint-${n}`, SecretString: "initial", ClientRequestToken: token() });
    }
    await phase(agent, port, { ...load, durationMs: Math.min(300, load.durationMs) }, "GetSecretValue"); // warm-up
    const phases = [await phase(agent, port, load, "GetSecretValue"), await phase(agent, port, load, "PutSecretValue")];
    return { server: name, phases };
  } finally {
    agent.destroy();
  }
}

/** Stops a server process. */
export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

/** The built CLI, as package.json's `bin` names it. */
export function builtCli(): string {
  const root = join(__dirname, "..");
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { bin: Record<string, string> };
  return join(root, pkg.bin["secrets-manager-mock"]);
}

/** This package's endpoint, started with the built CLI in its own process. */
export async function benchOwnEndpoint(load: EndpointLoad, port = 45661): Promise<EndpointResult> {
  const cli = builtCli();
  const child = spawn(process.execPath, [cli, "serve", "--port", String(port)], { stdio: "ignore" });
  try {
    return await measure("secrets-manager-mock serve", port, child, load);
  } finally {
    await stop(child);
  }
}

/** moto's server, when `moto_server` is on the PATH; undefined otherwise. */
export async function benchMoto(load: EndpointLoad, port = 45662): Promise<EndpointResult | undefined> {
  if (spawnSync("moto_server", ["--help"], { stdio: "ignore" }).status !== 0) return undefined;
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  try {
    return await measure("moto_server", port, child, load);
  } finally {
    await stop(child);
  }
}
