/**
 * Where the import time of the main entry goes, per source module: a diagnostic for deciding what
 * to load on first use, not a benchmark with a target (`npm run bench` has that).
 *
 *   npm run build && npx tsx bench/import-profile.ts [processes=15]
 *
 * A copy of dist/ is made inside the package (so `@aws-sdk/client-secrets-manager` and `uuid`
 * resolve as from dist/) with every CommonJS chunk that the main entry loads instrumented: a
 * timestamp before each top-level `require(…)` of the chunk and before each `//#region src/…`
 * (the bundler marks where each source module's top-level code starts). A fresh process loads the
 * SDK, then `require`s the copy's index.cjs; the time between two marks is what the module (or
 * the required module) costs to evaluate, and the time from the `require` call to a chunk's first
 * mark is reading and compiling that chunk (V8 pre-parses every function body it compiles lazily,
 * so this grows with the chunk's size). Medians over the processes. Costs under about 0.05 ms are
 * below what one process can resolve.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { median } from "./measure.js";

const ROOT = join(__dirname, "..");
const COPY = join(ROOT, ".import-profile");
const processes = Number(process.argv[2] ?? 15);

/** The chunk's source with a mark before each top-level require and each region. */
function instrument(chunk: string, source: string): string {
  const lines = source.split("\n");
  const out = [`globalThis.__smmMark(${JSON.stringify(`${chunk}: start (after read and compile)`)});`];
  for (const line of lines) {
    const region = /^\/\/#region (\S+)/.exec(line);
    const req = /^(?:let|const|var) \w+ = require\("([^"]+)"\);?$/.exec(line);
    if (region !== null) out.push(`globalThis.__smmMark(${JSON.stringify(`${chunk}: ${region[1]}`)});`);
    else if (req !== null) out.push(`globalThis.__smmMark(${JSON.stringify(`${chunk}: require ${req[1]}`)});`);
    out.push(line);
  }
  out.push(`globalThis.__smmMark(${JSON.stringify(`${chunk}: end`)});`);
  return out.join("\n");
}

const HARNESS = `
require("@aws-sdk/client-secrets-manager");
const marks = [];
globalThis.__smmMark = (label) => marks.push([label, process.hrtime.bigint()]);
const t0 = process.hrtime.bigint();
require(${JSON.stringify(join(COPY, "dist", "index.cjs"))});
const t1 = process.hrtime.bigint();
let prev = ["(require of index.cjs until the first mark)", t0];
const out = {};
for (const m of [...marks, ["(after the last mark)", t1]]) {
  out[prev[0]] = (out[prev[0]] ?? 0) + Number(m[1] - prev[1]) / 1e6;
  prev = m;
}
out["TOTAL"] = Number(t1 - t0) / 1e6;
process.stdout.write(JSON.stringify(out));
`;

function main(): void {
  if (!existsSync(join(ROOT, "dist", "index.cjs"))) throw new Error("run npm run build first");
  rmSync(COPY, { recursive: true, force: true });
  try {
    cpSync(join(ROOT, "dist"), join(COPY, "dist"), { recursive: true });
    for (const file of readdirSync(join(COPY, "dist")).filter((f) => f.endsWith(".cjs") && !f.startsWith("index"))) {
      const path = join(COPY, "dist", file);
      writeFileSync(path, instrument(file, readFileSync(path, "utf8")));
    }
    const samples = new Map<string, number[]>();
    for (let i = -2; i < processes; i++) {
      const r = spawnSync(process.execPath, ["-e", HARNESS], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
      if (r.status !== 0) throw new Error(r.stderr);
      if (i < 0) continue;
      for (const [label, ms] of Object.entries(JSON.parse(r.stdout) as Record<string, number>)) {
        samples.set(label, [...(samples.get(label) ?? []), ms]);
      }
    }
    const rows = [...samples]
      .map(([label, ms]) => ({ label, ms: median(ms) }))
      .filter((r) => r.ms >= 0.01)
      .sort((a, b) => b.ms - a.ms);
    console.log(`| what (median of ${processes} processes, instrumented build: ~0.01 ms per mark) | ms |`);
    console.log("|---|---|");
    for (const r of rows) console.log(`| ${r.label} | ${r.ms.toFixed(2)} |`);
  } finally {
    rmSync(COPY, { recursive: true, force: true });
  }
}

main();
