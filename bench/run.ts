/**
 * `npm run bench`: what the mock costs on top of the SDK, and how that holds as the store grows.
 * Prints Markdown tables and PASS/FAIL per target, and writes bench/results.json.
 *
 *   TSX_TSCONFIG_PATH=bench/tsconfig.json node --expose-gc --import tsx bench/run.ts [--only=import,ops,memory,lookups,retention,listing,endpoint,floor,sidecars] [--strict]
 *     [--ops=GetSecretValue,…] [--clients=default,cacheMiddleware]   (rows of the ops section)
 *
 * Every figure is a ratio to a baseline measured in the same run, interleaved with it (medians
 * over rounds), so a busy machine slows both sides alike.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { type MeasureOptions } from "./measure.js";
import { measureSnapshot, measureStoreHeap } from "./memory.js";
import { benchOperations, fmtNs, type OperationRow } from "./operations.js";
import { benchListing, benchLookups, benchRetention, filledStore } from "./scale.js";
import { benchMoto, benchOwnEndpoint, type EndpointResult } from "./endpoint.js";
import { benchEndpointFloor } from "./endpoint-floor.js";
import { benchSidecars } from "./sidecars.js";
import { benchImportCost, IMPORT_COST_LIMIT_MS, type ImportCostResult, MOCKS } from "./import-cost.js";

/** Measurement settings: about 3 minutes in all on 2 cores (the import cost: 30 s to 2 minutes, with the load). */
const SETTINGS = {
  importCost: { rounds: 40, warmupRounds: 3 },
  default: { time: 2000, minRounds: 30, warmupTime: 150, sliceMs: 2 } satisfies MeasureOptions,
  cacheMiddleware: { time: 1500, minRounds: 30, warmupTime: 100, sliceMs: 1 } satisfies MeasureOptions,
  lookups: { time: 1200, minRounds: 30, warmupTime: 100, sliceMs: 1 } satisfies MeasureOptions,
  retention: { time: 1500, minRounds: 30, warmupTime: 100, sliceMs: 1 } satisfies MeasureOptions,
  listingWalks: { unfiltered: 3, filtered: 10 },
  endpoint: { connections: 32, durationMs: 3000, secrets: 1000 },
  motoEndpoint: { connections: 32, durationMs: 3000, secrets: 50 },
  floor: { connections: 32, durationMs: 2000, rounds: 9 },
  sidecars: { connections: 32, durationMs: 1500, rounds: 5 },
  largeStore: 100_000,
  smallStore: 10,
  listingSmallStore: 1_000,
  snapshotStore: 10_000,
};

interface Target {
  name: string;
  figure: string;
  limit: string;
  status: "PASS" | "FAIL" | "SKIP";
}

const x = (r: number) => `×${r.toFixed(2)}`;

async function main(): Promise<void> {
  const only = process.argv
    .find((a) => a.startsWith("--only="))
    ?.slice("--only=".length)
    .split(",");
  const want = (section: string) => only === undefined || only.includes(section);
  const listArg = (name: string) =>
    process.argv
      .find((a) => a.startsWith(`--${name}=`))
      ?.slice(name.length + 3)
      .split(",");
  const started = Date.now();
  const lines: string[] = [];
  const out = (s = "") => {
    lines.push(s);
    console.log(s);
  };
  const notes: string[] = [];
  const targets: Target[] = [];
  const check = (name: string, value: number, limit: number, fmt: (v: number) => string = x, strict = false) =>
    targets.push({
      name,
      figure: fmt(value),
      limit: `${strict ? "<" : "≤"} ${fmt(limit)}`,
      status: (strict ? value < limit : value <= limit) ? "PASS" : "FAIL",
    });
  const cpuModel = `${cpus().length} × ${cpus()[0]?.model ?? "?"}`;
  const results: Record<string, unknown> = {
    node: process.version,
    cpus: cpuModel,
    date: new Date().toISOString(),
    settings: SETTINGS,
  };

  out(`secrets-manager-mock bench — node ${process.version}, ${cpuModel}`);
  out();

  if (want("import")) {
    const rows: ImportCostResult[] = [];
    for (const format of ["cjs", "esm"] as const) {
      console.error(`import cost (${format})…`);
      rows.push(benchImportCost(format, SETTINGS.importCost));
    }
    results.importCost = rows;
    const mocks = Object.keys(MOCKS);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    out(
      `### Import cost: what loading a mock adds to a process that loads the SDK (median of ${SETTINGS.importCost.rounds} interleaved rounds)`,
    );
    out();
    out(`| entry | SDK alone: CPU (wall) | ${mocks.map((m) => `${m} adds: CPU (wall) · process CPU ratio`).join(" | ")} |`);
    out(`|---|---|${mocks.map(() => "---|").join("")}`);
    for (const r of rows) {
      const how = r.format === "cjs" ? "`require` (CJS)" : "`import` (ESM)";
      out(
        `| ${how} | ${ms(r.sdkAlone.cpuMs)} (${ms(r.sdkAlone.wallMs)}) | ${mocks
          .map((m) => `${ms(r.added[m].cpuMs)} (${ms(r.added[m].wallMs)}) · ${x(r.added[m].cpuRatio)}`)
          .join(" | ")} |`,
      );
    }
    out();
    for (const r of rows) {
      check(
        `${r.format === "cjs" ? "require" : "import"} of the main entry: CPU ms added to the SDK alone`,
        r.added["secrets-manager-mock"].cpuMs,
        IMPORT_COST_LIMIT_MS,
        ms,
      );
    }
  }

  if (want("ops")) {
    console.error("operations…");
    const rows = await benchOperations(
      { default: SETTINGS.default, cacheMiddleware: SETTINGS.cacheMiddleware },
      notes,
      (s) => console.error(s),
      {
        operations: listArg("ops"),
        clients: listArg("clients"),
      },
    );
    results.operations = rows;
    out("### Cost per call, relative to the floor (the SDK's own cost)");
    out();
    const names = [...new Set(rows.flatMap((r) => Object.keys(r.variants)))];
    out(`| operation | client | floor | ${names.join(" | ")} |`);
    out(`|---|---|---|${names.map(() => "---|").join("")}`);
    for (const r of rows) {
      out(
        `| ${r.operation} | ${r.client} | ${fmtNs(r.floorNs)} | ${names
          .map((n) => (n in r.variants ? `${fmtNs(r.variants[n].ns)} (${x(r.variants[n].ratioToFloor)})` : "—"))
          .join(" | ")} |`,
      );
    }
    out();
    const mock = (r: OperationRow) => r.variants["mock (middleware)"];
    for (const r of rows.filter((r) => r.client === "default"))
      check(`default client: ${r.operation} mock/floor`, mock(r).ratioToFloor, 1.1);
    for (const r of rows.filter((r) => r.client === "cacheMiddleware")) {
      const limit = r.operation === "GetSecretValue" || r.operation === "DescribeSecret" ? 3 : 5;
      check(`cacheMiddleware client: ${r.operation} mock/floor`, mock(r).ratioToFloor, limit);
      const asm = r.variants["aws-sdk-client-mock"];
      check(`cacheMiddleware client: ${r.operation} mock/aws-sdk-client-mock`, mock(r).ratioToFloor / asm.ratioToFloor, 1, x, true);
    }
  }

  // Before the 100,000-secret stores exist: the load generator runs in this process, and a large
  // heap here would slow it, not the server.
  if (want("endpoint")) {
    console.error("endpoint…");
    const own = await benchOwnEndpoint(SETTINGS.endpoint);
    const moto = await benchMoto(SETTINGS.motoEndpoint).catch((e: unknown) => {
      notes.push(`moto_server could not be measured: ${(e as Error).message}`);
      return undefined;
    });
    results.endpoint = { own, moto };
    out(
      `### Local endpoint: requests per second, ${SETTINGS.endpoint.connections} keep-alive connections, ${SETTINGS.endpoint.durationMs / 1000} s per operation`,
    );
    out();
    const servers: EndpointResult[] = moto ? [own, moto] : [own];
    out(`| operation | ${servers.map((r) => r.server).join(" | ")} |${moto ? " ratio |" : ""}`);
    out(`|---|${servers.map(() => "---|").join("")}${moto ? "---|" : ""}`);
    for (const [i, p] of own.phases.entries()) {
      const m = moto?.phases[i];
      const cell = (ph: { rps: number; requests: number; errors: number }) =>
        `${Math.round(ph.rps).toLocaleString("en")} req/s (${ph.requests.toLocaleString("en")} requests, ${ph.errors} errors)`;
      out(`| ${p.operation} | ${cell(p)} |${m ? ` ${cell(m)} | ${x(p.rps / m.rps)} |` : ""}`);
      if (m) {
        const ratio = p.rps / m.rps;
        targets.push({
          name: `endpoint ${p.operation}: requests/s vs moto_server`,
          figure: x(ratio),
          limit: "≥ ×25.00",
          status: ratio >= 25 ? "PASS" : "FAIL",
        });
      } else targets.push({ name: `endpoint ${p.operation} vs moto_server`, figure: "—", limit: "≥ ×25", status: "SKIP" });
      if (p.errors > 0) notes.push(`the endpoint answered ${p.errors} ${p.operation} requests with an error`);
    }
    out();
    if (!moto) out("moto_server is not installed here: no comparison (pip install 'moto[server]').");
  }

  if (want("floor")) {
    console.error("endpoint vs bare node:http…");
    const floor = await benchEndpointFloor(SETTINGS.floor);
    results.floor = floor;
    const rps = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length).toLocaleString("en");
    out(
      `### serve vs a bare node:http server (canned JSON body): GetSecretValue, ${SETTINGS.floor.connections} keep-alive connections, load from ${floor.generator}`,
    );
    out();
    out("| server | requests/s (mean of rounds) |");
    out("|---|---|");
    out(`| secrets-manager-mock serve | ${rps(floor.serve)} |`);
    out(`| bare node:http, canned body | ${rps(floor.floor)} |`);
    out();
    out(
      `serve / floor, median of ${SETTINGS.floor.rounds} alternating rounds: ${x(floor.ratio)} in requests/s` +
        (floor.cpuRatio === undefined ? "" : `, ${x(floor.cpuRatio)} in requests per CPU-second of the server process`),
    );
    out();
    targets.push({
      name: "serve: requests/s vs a bare node:http server",
      figure: x(floor.ratio),
      limit: "≥ ×0.60",
      status: floor.ratio >= 0.6 ? "PASS" : "FAIL",
    });
    if (floor.errors > 0) notes.push(`${floor.errors} requests of the floor comparison failed`);
  }

  if (want("sidecars")) {
    console.error("sidecars: a cached Agent read vs the API route…");
    const sc = await benchSidecars(SETTINGS.sidecars);
    results.sidecars = sc;
    const rps = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length).toLocaleString("en");
    out(
      `### Secrets Manager Agent route (cached) vs the API route, one serve process: ${SETTINGS.sidecars.connections} keep-alive connections`,
    );
    out();
    out("| route | requests/s (mean of rounds) |");
    out("|---|---|");
    out(`| Agent \`GET /v1/<secretId>\`, from its cache | ${rps(sc.agent)} |`);
    out(`| API \`POST /\` GetSecretValue | ${rps(sc.api)} |`);
    out();
    out(`Agent / API, median of ${SETTINGS.sidecars.rounds} alternating rounds: ${x(sc.ratio)} in requests/s`);
    out();
    targets.push({
      name: "Agent cached read: requests/s vs the API route",
      figure: x(sc.ratio),
      limit: "≥ ×1.00",
      status: sc.ratio >= 1 ? "PASS" : "FAIL",
    });
    if (sc.errors > 0) notes.push(`${sc.errors} requests of the sidecar comparison failed`);
  }

  let large: ReturnType<typeof filledStore> | undefined;
  if (want("memory")) {
    console.error("memory…");
    const heap = measureStoreHeap(SETTINGS.largeStore);
    large = heap.filled;
    const snap = measureSnapshot(SETTINGS.snapshotStore);
    results.memory = { heap: heap.result, snapshot: snap };
    out("### Memory");
    out();
    out("| measure | figure |");
    out("|---|---|");
    const mb = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;
    out(
      `| heap held by ${heap.result.secrets.toLocaleString("en")} secrets of 1 KiB (payload ${mb(heap.result.payloadBytes)}) | ${mb(heap.result.heapBytes)} (${x(heap.result.ratio)} the payload) |`,
    );
    out(`| heap of a ${snap.secrets.toLocaleString("en")}-secret store | ${mb(snap.storeHeapBytes)} |`);
    out(
      `| snapshot(): heap kept / time | ${snap.snapshotHeapBytes} B (${(snap.snapshotOverStore * 100).toFixed(3)} % of the store) / ${fmtNs(snap.snapshotNs)} |`,
    );
    out(
      `| first write after a snapshot (copies the partition map): time / heap kept | ${fmtNs(snap.firstWriteNs)} / ${mb(snap.firstWriteHeapBytes)} |`,
    );
    out(`| next write (map already copied) | ${fmtNs(snap.nextWriteNs)} |`);
    out();
    check(`heap of ${heap.result.secrets} × 1 KiB secrets / payload`, heap.result.ratio, 3, x, true);
    check(
      `snapshot of a ${snap.secrets}-secret store / store heap`,
      snap.snapshotOverStore,
      0.05,
      (v) => `${(v * 100).toFixed(2)} %`,
      true,
    );
  }

  if (want("lookups") || want("listing")) {
    console.error("building stores…");
    large ??= filledStore(SETTINGS.largeStore);
  }
  if (want("lookups")) {
    console.error("lookups…");
    const rows = await benchLookups(filledStore(SETTINGS.smallStore), large!, SETTINGS.lookups);
    results.lookups = rows;
    out(`### Lookups: ${SETTINGS.largeStore.toLocaleString("en")} secrets vs ${SETTINGS.smallStore} (cacheMiddleware client)`);
    out();
    out("| operation | SecretId | 10 secrets | 100,000 secrets (10 read) | ratio | 100,000 secrets (1,024 read) | ratio |");
    out("|---|---|---|---|---|---|---|");
    for (const r of rows) {
      out(
        `| ${r.operation} | ${r.by} | ${fmtNs(r.smallNs)} | ${fmtNs(r.largeNs)} | ${x(r.ratio)} | ${fmtNs(r.largeWideNs)} | ${x(r.wideRatio)} |`,
      );
      check(`${r.operation} by ${r.by}: 100,000 vs 10 secrets`, r.ratio, 1.2);
    }
    out();
  }

  if (want("retention")) {
    console.error("retention…");
    const r = await benchRetention(SETTINGS.retention);
    results.retention = r;
    out("### PutSecretValue on a secret holding 100 deprecated versions (cacheMiddleware client)");
    out();
    out("| fresh secret | 100 deprecated versions (oldest removed on each put) | ratio |");
    out("|---|---|---|");
    out(`| ${fmtNs(r.freshNs)} | ${fmtNs(r.deprecatedNs)} (held after the run: ${r.deprecatedVersionsHeld}) | ${x(r.ratio)} |`);
    out();
    check("PutSecretValue: 100 deprecated versions vs fresh", r.ratio, 1.5);
  }

  if (want("listing")) {
    console.error("listing…");
    const r = await benchListing(filledStore(SETTINGS.listingSmallStore), large!, SETTINGS.listingWalks);
    results.listing = r;
    out(`### Full paginateListSecrets walk (cacheMiddleware client, pages of 100)`);
    out();
    if (!r.supported) {
      out("SKIP: ListSecrets is not supported by this build.");
      targets.push({ name: "ListSecrets walk linear", figure: "—", limit: "≤ ×1.30", status: "SKIP" });
    } else {
      const u = r.unfiltered!;
      const f = r.filtered!;
      out(
        `| listing | per secret at ${r.smallCount!.toLocaleString("en")} | per secret at ${r.largeCount!.toLocaleString("en")} | ratio |`,
      );
      out("|---|---|---|---|");
      out(`| all secrets | ${fmtNs(u.smallNsPerSecret)} | ${fmtNs(u.largeNsPerSecret)} | ${x(u.ratio)} |`);
      out(`| name filter (a tenth match) | ${fmtNs(f.smallNsPerSecret)} | ${fmtNs(f.largeNsPerSecret)} | ${x(f.ratio)} |`);
      out();
      out(
        `Ratios are medians over slices of the large walks (as many secrets as 25 small walks), each timed next to 25 small walks; ` +
          `summed over whole walks: ${x(u.sumRatio)} (all), ${x(f.sumRatio)} (filtered). ` +
          `Filtered walk / unfiltered walk at ${r.largeCount!.toLocaleString("en")}: ${x(f.filteredOverUnfiltered)}.`,
      );
      out();
      check("ListSecrets walk: per-secret cost at 100,000 vs 1,000", u.ratio, 1.3);
      check("filtered ListSecrets walk: per-secret cost at 100,000 vs 1,000", f.ratio, 1.3);
    }
  }

  out("### Targets");
  out();
  out("| target | figure | limit | result |");
  out("|---|---|---|---|");
  for (const t of targets) out(`| ${t.name} | ${t.figure} | ${t.limit} | ${t.status} |`);
  out();
  for (const n of notes) out(`Note: ${n}`);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  out(`Finished in ${seconds} s.`);
  results.targets = targets;
  results.notes = notes;
  results.seconds = Number(seconds);
  results.markdown = lines.join("\n");
  const file = join(__dirname, "results.json");
  writeFileSync(
    file,
    JSON.stringify(
      only === undefined || !existsSync(file)
        ? results
        : mergeSections(JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>, results, only),
      null,
      2,
    ) + "\n",
  );
  // Timing targets are noisy on shared machines: only `--strict` turns a FAIL into a failing exit code.
  if (process.argv.includes("--strict") && targets.some((t) => t.status === "FAIL")) process.exitCode = 1;
}

/** Keys of the results that every run has; the others are the sections'. */
const RUN_KEYS = new Set(["node", "cpus", "date", "settings", "targets", "notes", "seconds", "markdown"]);

/**
 * The last full run's results with the sections of a partial run (`--only`) put in: their figures
 * and targets replace the old ones, and the partial run is recorded with its date.
 */
function mergeSections(kept: Record<string, unknown>, run: Record<string, unknown>, only: string[]): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...kept };
  for (const [key, value] of Object.entries(run)) if (!RUN_KEYS.has(key)) merged[key] = value;
  const fresh = run.targets as Target[];
  merged.targets = [...((kept.targets as Target[] | undefined) ?? []).filter((t) => !fresh.some((f) => f.name === t.name)), ...fresh];
  merged.partialRuns = {
    ...(kept.partialRuns as object | undefined),
    [only.join(",")]: { date: run.date, node: run.node, cpus: run.cpus, seconds: run.seconds, markdown: run.markdown },
  };
  return merged;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
