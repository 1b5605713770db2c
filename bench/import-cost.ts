/**
 * Import cost: what `require("secrets-manager-mock")` / `import("secrets-manager-mock")` adds to a
 * process that loads `@aws-sdk/client-secrets-manager` anyway, next to what aws-sdk-client-mock
 * adds. Jest evaluates the module graph again in every test file, so this is paid per file.
 *
 * Each figure is measured on whole processes: `node -e` loading the SDK alone, or the SDK then a
 * mock, run one after the other in rounds (the order rotating by round) from the package root, so
 * the main entry resolves as a consumer's would (the package's own `exports`). A figure is the
 * median over rounds of (variant − SDK alone) within a round: node's start-up and the SDK cancel
 * out, and a burst of load from other processes spoils a few rounds, not the figure. Both the
 * wall-clock time of the process and its CPU time (user + system, all threads, as the process
 * reports it on exit) are kept; CPU time is what other processes on a busy machine do not inflate.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { median } from "./measure.js";

/** How many rounds, and unmeasured warm-up rounds first (file system cache, compile cache). */
export interface ImportCostOptions {
  rounds: number;
  warmupRounds: number;
}

export type ModuleFormat = "cjs" | "esm";

/** One format's figures: milliseconds, medians over rounds. */
export interface ImportCostResult {
  format: ModuleFormat;
  rounds: number;
  /** The process that loads the SDK alone. */
  sdkAlone: { wallMs: number; cpuMs: number };
  /** Per mock: its median added time over the SDK alone, and the median ratio of the process times. */
  added: Record<string, { wallMs: number; cpuMs: number; wallRatio: number; cpuRatio: number }>;
}

/**
 * The target: the median time of `require`/`import` of the main entry, timed inside a process
 * that has loaded the SDK (`benchImportInProcess`), in milliseconds.
 */
export const IMPORT_COST_LIMIT_MS = 15;

const ROOT = join(__dirname, "..");
const SDK = "@aws-sdk/client-secrets-manager";
/** The mocks compared, by the specifier a consumer uses. */
export const MOCKS = { "secrets-manager-mock": "secrets-manager-mock", "aws-sdk-client-mock": "aws-sdk-client-mock" } as const;

/** Prints the process's CPU time in microseconds on stdout: the parent reads it. */
const REPORT_CPU = "const u=process.cpuUsage();process.stdout.write(String(u.user+u.system))";

function script(format: ModuleFormat, specifiers: readonly string[]): string[] {
  const list = JSON.stringify(specifiers);
  return format === "cjs"
    ? ["-e", `for(const s of ${list})require(s);${REPORT_CPU}`]
    : ["--input-type=module", "-e", `for(const s of ${list})await import(s);${REPORT_CPU}`];
}

function runOnce(args: readonly string[]): { wallMs: number; cpuMs: number } {
  const t0 = process.hrtime.bigint();
  // A clean environment: no NODE_OPTIONS (the bench itself runs under a TypeScript loader).
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${r.stderr}`);
  return { wallMs, cpuMs: Number(r.stdout) / 1000 };
}

/** Measures one module format: SDK alone, SDK + each mock, interleaved by round. */
export function benchImportCost(format: ModuleFormat, o: ImportCostOptions): ImportCostResult {
  const variants: [string, string[]][] = [
    ["sdk", script(format, [SDK])],
    ...Object.entries(MOCKS).map(([name, spec]): [string, string[]] => [name, script(format, [SDK, spec])]),
  ];
  const samples = new Map(variants.map(([name]) => [name, [] as { wallMs: number; cpuMs: number }[]]));
  for (let round = -o.warmupRounds; round < o.rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const [name, args] = variants[(k + Math.max(round, 0)) % variants.length];
      const t = runOnce(args);
      if (round >= 0) samples.get(name)!.push(t);
    }
  }
  const sdk = samples.get("sdk")!;
  const added: ImportCostResult["added"] = {};
  for (const name of Object.keys(MOCKS)) {
    const s = samples.get(name)!;
    added[name] = {
      wallMs: median(s.map((t, i) => t.wallMs - sdk[i].wallMs)),
      cpuMs: median(s.map((t, i) => t.cpuMs - sdk[i].cpuMs)),
      wallRatio: median(s.map((t, i) => t.wallMs / sdk[i].wallMs)),
      cpuRatio: median(s.map((t, i) => t.cpuMs / sdk[i].cpuMs)),
    };
  }
  return {
    format,
    rounds: o.rounds,
    sdkAlone: { wallMs: median(sdk.map((t) => t.wallMs)), cpuMs: median(sdk.map((t) => t.cpuMs)) },
    added,
  };
}

/** How many processes the in-process timing starts per format and mock (after unmeasured ones). */
export interface InProcessOptions {
  processes: number;
  warmupProcesses: number;
}

/** Spread of a sample: median, quartiles and extremes, in milliseconds. */
export interface Spread {
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
}

/** One format's in-process figures: the time of the `require`/`import` statement itself. */
export interface InProcessImportResult {
  format: ModuleFormat;
  processes: number;
  /** Per mock: wall-clock time of the statement, and the CPU time the process used meanwhile. */
  timed: Record<string, { wallMs: Spread; cpuMs: Spread }>;
}

/** Quantile by nearest rank of sorted values (q in [0, 1]). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

export function spreadOf(xs: readonly number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return { median: median(s), p25: quantile(s, 0.25), p75: quantile(s, 0.75), min: s[0], max: s[s.length - 1] };
}

/**
 * The load statement timed inside the process: the SDK is loaded first (as the code under test
 * does), then `process.hrtime` and `process.cpuUsage` are read around `require(spec)` or
 * `await import(spec)`; the process prints both, in milliseconds.
 */
function inProcessScript(format: ModuleFormat, spec: string): string[] {
  const s = JSON.stringify(spec);
  const sdk = JSON.stringify(SDK);
  const load = format === "cjs" ? `require(${s})` : `await import(${s})`;
  const body =
    `const c=process.cpuUsage(),t=process.hrtime.bigint();${load};const w=process.hrtime.bigint()-t,u=process.cpuUsage(c);` +
    `process.stdout.write(JSON.stringify([Number(w)/1e6,(u.user+u.system)/1e3]))`;
  return format === "cjs" ? ["-e", `require(${sdk});${body}`] : ["--input-type=module", "-e", `await import(${sdk});${body}`];
}

/**
 * Times the `require`/`import` statement of each mock inside a process that has already loaded
 * the SDK: a fresh process per sample (a module loads once per process), the mocks alternating.
 * This is the figure a test file pays; no process start-up or SDK time is subtracted from it.
 */
export function benchImportInProcess(format: ModuleFormat, o: InProcessOptions): InProcessImportResult {
  const samples = new Map(Object.keys(MOCKS).map((name) => [name, { wall: [] as number[], cpu: [] as number[] }]));
  const mocks = Object.entries(MOCKS);
  for (let i = -o.warmupProcesses; i < o.processes; i++) {
    for (let k = 0; k < mocks.length; k++) {
      const [name, spec] = mocks[(k + Math.max(i, 0)) % mocks.length];
      const args = inProcessScript(format, spec);
      const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
      if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${r.stderr}`);
      const [wallMs, cpuMs] = JSON.parse(r.stdout) as [number, number];
      if (i >= 0) {
        samples.get(name)!.wall.push(wallMs);
        samples.get(name)!.cpu.push(cpuMs);
      }
    }
  }
  return {
    format,
    processes: o.processes,
    timed: Object.fromEntries([...samples].map(([name, s]) => [name, { wallMs: spreadOf(s.wall), cpuMs: spreadOf(s.cpu) }])),
  };
}
