/**
 * `serve` against the floor of any Node server here: a bare `node:http` server that reads each
 * request and answers it with a canned JSON body (the very bytes `serve` answers the same
 * GetSecretValue with). Both run in their own process and get the same load from the same
 * generator: `wrk` when it is on the PATH (Debian: `apt-get install wrk`), else this package's
 * keep-alive generator (bench/endpoint.ts), which shares the machine's cores with the servers.
 * Rounds alternate between the two servers; the figure is the median of the per-round ratios.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiRequest, AUTH, builtCli, call, phase, stop, waitForPort } from "./endpoint.js";

/** Load settings of the comparison. */
export interface FloorLoad {
  connections: number;
  /** Length of each measured run (ms). */
  durationMs: number;
  /** Alternating rounds (each measures both servers once). */
  rounds: number;
}

export interface FloorResult {
  generator: "wrk" | "node";
  /** Requests/s of each round, per server. */
  serve: number[];
  floor: number[];
  /** Median over rounds of serve / floor. */
  ratio: number;
  /**
   * Median over rounds of the same ratio in requests per CPU-second of each server process (from
   * /proc; absent elsewhere): what the servers cost, whatever else the machine's cores are doing.
   */
  cpuRatio?: number;
  errors: number;
}

const SECRET_ID = "bench/endpoint-0";
const REQUEST_BODY = JSON.stringify({ SecretId: SECRET_ID });

/** The bare server: argv is port, body, content type. */
const FLOOR_SERVER = `
const http = require("node:http");
const [port, body, type] = process.argv.slice(1);
const bytes = Buffer.from(body);
let n = 0;
http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": type, "x-amzn-requestid": "00000000-0000-4000-8000-" + String(++n).padStart(12, "0"), "content-length": bytes.length });
    res.end(bytes);
  });
}).listen(Number(port), "127.0.0.1");
`;

const WRK_SCRIPT = `
wrk.method = "POST"
wrk.body = '${REQUEST_BODY}'
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "secretsmanager.GetSecretValue"
wrk.headers["Authorization"] = "${AUTH}"
`;

function hasWrk(): boolean {
  const probe = spawnSync("wrk", ["--version"], { encoding: "utf8" });
  // Without wrk on the PATH, spawning fails (ENOENT) and there is no output at all.
  return probe.error === undefined && probe.stdout.includes("wrk");
}

/** Runs wrk against `port`; its own threads stay on one core so the server gets the other. */
function wrkRun(port: number, load: FloorLoad, script: string): { rps: number; errors: number } {
  const out = spawnSync(
    "wrk",
    ["-t1", `-c${load.connections}`, `-d${Math.max(1, Math.round(load.durationMs / 1000))}s`, "-s", script, `http://127.0.0.1:${port}/`],
    { encoding: "utf8" },
  );
  if (out.error !== undefined) throw new Error(`wrk failed: ${out.error.message}`, { cause: out.error });
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out.stdout);
  if (out.status !== 0 || rps === null) throw new Error(`wrk failed: ${out.stderr || out.stdout}`);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out.stdout);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out.stdout);
  const errors = Number(non2xx?.[1] ?? 0) + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return { rps: Number(rps[1]), errors };
}

async function nodeRun(port: number, load: FloorLoad): Promise<{ rps: number; errors: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  try {
    const p = await phase(agent, port, { connections: load.connections, durationMs: load.durationMs, secrets: 1 }, "GetSecretValue");
    return { rps: p.rps, errors: p.errors };
  } finally {
    agent.destroy();
  }
}

/** The body `serve` answers GetSecretValue with, read once, to be the floor's canned answer. */
function cannedAnswer(port: number): Promise<{ body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request(apiRequest(port, "GetSecretValue", Buffer.from(REQUEST_BODY)), (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ body, type: String(res.headers["content-type"]) }));
    });
    req.on("error", reject);
    req.end(Buffer.from(REQUEST_BODY));
  });
}

/** CPU seconds (user + system) a process has used, from /proc; undefined where there is none. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // Fields 14 and 15 of stat (utime, stime), counted after the command name's ")".
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Measures `serve` (the built CLI) and the bare server, alternately, under the same load. */
export async function benchEndpointFloor(load: FloorLoad, ports = { serve: 45663, floor: 45664 }): Promise<FloorResult> {
  const generator = hasWrk() ? "wrk" : "node";
  const dir = mkdtempSync(join(tmpdir(), "smm-bench-floor-"));
  const script = join(dir, "get-secret-value.lua");
  writeFileSync(script, WRK_SCRIPT);
  const children: ChildProcess[] = [];
  try {
    const serve = spawn(process.execPath, [builtCli(), "serve", "--port", String(ports.serve)], { stdio: "ignore" });
    children.push(serve);
    await waitForPort(ports.serve, serve, 30_000);
    const agent = new Agent({ keepAlive: false });
    await call(agent, ports.serve, "CreateSecret", {
      Name: SECRET_ID,
      SecretString: "initial",
      ClientRequestToken: "bench-floor-token-0000000000000000000",
    });
    const canned = await cannedAnswer(ports.serve);
    const floor = spawn(process.execPath, ["-e", FLOOR_SERVER, String(ports.floor), canned.body, canned.type], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.push(floor);
    await waitForPort(ports.floor, floor, 30_000);

    const run = (port: number, ms: number) =>
      generator === "wrk" ? Promise.resolve(wrkRun(port, { ...load, durationMs: ms }, script)) : nodeRun(port, { ...load, durationMs: ms });
    await run(ports.serve, 1000); // warm-up: JIT and connection setup of both
    await run(ports.floor, 1000);
    const result: FloorResult = { generator, serve: [], floor: [], ratio: 0, errors: 0 };
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    const pids = { serve: serve.pid, floor: floor.pid };
    for (let r = 0; r < load.rounds; r++) {
      // Alternate which server goes first, so neither always gets the quieter half of a round.
      const order = r % 2 === 0 ? (["serve", "floor"] as const) : (["floor", "serve"] as const);
      const round: Record<"serve" | "floor", number> = { serve: 0, floor: 0 };
      const perCpu: Record<"serve" | "floor", number> = { serve: NaN, floor: NaN };
      for (const which of order) {
        const before = cpuSeconds(pids[which]);
        const m = await run(ports[which], load.durationMs);
        const after = cpuSeconds(pids[which]);
        round[which] = m.rps;
        if (before !== undefined && after !== undefined && after > before)
          perCpu[which] = (m.rps * load.durationMs) / 1000 / (after - before);
        result.errors += m.errors;
      }
      result.serve.push(round.serve);
      result.floor.push(round.floor);
      ratios.push(round.serve / round.floor);
      if (Number.isFinite(perCpu.serve / perCpu.floor)) cpuRatios.push(perCpu.serve / perCpu.floor);
    }
    result.ratio = median(ratios);
    if (cpuRatios.length === load.rounds) result.cpuRatio = median(cpuRatios);
    return result;
  } finally {
    await Promise.all(children.map(stop));
    rmSync(dir, { recursive: true, force: true });
  }
}
