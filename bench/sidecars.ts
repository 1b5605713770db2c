/**
 * A cached read through the Secrets Manager Agent's route against GetSecretValue through the API
 * route of the same `serve` process: the same secret, the same keep-alive load from this
 * package's generator, rounds alternating between the two; the figure is the median of the
 * per-round ratios (Agent / API, in requests/s). The Agent's answer comes from its cache (TTL
 * 300 s, longer than the run), so it should do less work than the API route.
 */
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { builtCli, call, phase, stop, waitForPort } from "./endpoint.js";

/** Load settings of the comparison. */
export interface SidecarLoad {
  connections: number;
  durationMs: number;
  rounds: number;
}

export interface SidecarResult {
  /** Requests/s of each round. */
  agent: number[];
  api: number[];
  /** Median over rounds of agent / api. */
  ratio: number;
  errors: number;
}

const TOKEN = "bench-agent-token";

function agentGet(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent, headers: { "X-Aws-Parameters-Secrets-Token": TOKEN } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

async function agentPhase(agent: Agent, port: number, load: SidecarLoad): Promise<{ rps: number; errors: number }> {
  let requests = 0;
  let errors = 0;
  const deadline = Date.now() + load.durationMs;
  const worker = async () => {
    while (Date.now() < deadline) {
      const status = await agentGet(agent, port, "/v1/bench/endpoint-0");
      requests++;
      if (status !== 200) errors++;
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: load.connections }, worker));
  return { rps: requests / (Number(process.hrtime.bigint() - started) / 1e9), errors };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Runs the comparison against the built CLI (`serve --agent-port`). */
export async function benchSidecars(load: SidecarLoad, apiPort = 45671, agentPort = 45672): Promise<SidecarResult> {
  const child = spawn(process.execPath, [builtCli(), "serve", "--port", String(apiPort), "--agent-port", String(agentPort)], {
    stdio: "ignore",
    env: { ...process.env, AWS_TOKEN: TOKEN },
  });
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  try {
    await waitForPort(apiPort, child, 30_000);
    await call(agent, apiPort, "CreateSecret", {
      Name: "bench/endpoint-0",
      SecretString: "initial",
      ClientRequestToken: "bench-sidecars-00000000000000000000000000",
    });
    const warm = { ...load, durationMs: Math.min(300, load.durationMs) };
    await agentPhase(agent, agentPort, warm);
    await phase(agent, apiPort, { ...warm, secrets: 1 }, "GetSecretValue");
    const result: SidecarResult = { agent: [], api: [], ratio: 0, errors: 0 };
    const ratios: number[] = [];
    for (let r = 0; r < load.rounds; r++) {
      const viaAgent = await agentPhase(agent, agentPort, load);
      const viaApi = await phase(agent, apiPort, { ...load, secrets: 1 }, "GetSecretValue");
      result.agent.push(Math.round(viaAgent.rps));
      result.api.push(Math.round(viaApi.rps));
      result.errors += viaAgent.errors + viaApi.errors;
      ratios.push(viaAgent.rps / viaApi.rps);
    }
    result.ratio = median(ratios);
    return result;
  } finally {
    agent.destroy();
    await stop(child);
  }
}
