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

/** The target: what `require`/`import` of the main entry may add, in CPU milliseconds. */
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
