/**
 * The packed tarball in real projects. Each directory beside this file is a tiny consumer with a
 * committed package.json and lock file: it is copied to a temporary directory, installed with
 * `npm ci`, given the tarball (`npm install --no-save`, so the lock stays as committed) and runs
 * its own tests with its own tools. The SDK matrix runs this repository's Jest over the matrix
 * suites once per SDK version installed side by side (npm aliases), with the SDK and the package
 * mapped to that version and to the installed tarball.
 *
 * `npm test` builds dist/ first; run alone: `npm run build && npx jest __tests__/consumers`.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);
const ROOT = join(__dirname, "..", "..");
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", NODE_OPTIONS: "" };
/** Two installs or runs at once: the machine has two cores, and installs wait on disk as much as on CPU. */
const PARALLEL = 2;

/** What each consumer is, how it runs, and what its run must show. */
interface Consumer {
  name: string;
  /** The commands run in the installed copy, in order; the report is read from `report` (relative to the copy). */
  commands(dir: string): Array<[string, string[]]>;
  report?: string;
}

/** The main behaviour suites that hold on every SDK version in the matrix (shapes aside; see behaviour.test.ts). */
const MATRIX_SUITES = [
  "__tests__/consumers/sdk-matrix/behaviour.test.ts",
  "__tests__/operations/update-secret-version-stage.test.ts",
  "__tests__/operations/delete-restore-secret.test.ts",
  "__tests__/sdk/mock-secrets-manager.test.ts",
  "__tests__/testing/jest.test.ts",
];
/** package.json names in the sdk-matrix consumer → the version each stands for. */
const SDK_VERSIONS: Record<string, string> = {
  sdk300: "3.300.0",
  sdk540: "3.540.0",
  sdk848: "3.848.0",
  "@aws-sdk/client-secrets-manager": "3.1162.0",
};

/** In the order they start: the slowest first, so the two lanes finish close together. */
const CONSUMERS: Consumer[] = [
  {
    name: "sdk-matrix",
    commands: (dir) => {
      const config = join(dir, "jest.matrix.json");
      writeFileSync(config, JSON.stringify(matrixConfig(join(dir, "node_modules"))));
      return [
        // types.mts: clients of every version fit the mock's types; then the suites, per version.
        [process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."]],
        [process.execPath, [join(ROOT, "node_modules/jest/bin/jest.js"), "--config", config, "--json", "--outputFile=report.json"]],
      ];
    },
    report: "report.json",
  },
  { name: "jest30", commands: () => [["npx", ["--no-install", "jest", "--json", "--outputFile=report.json"]]], report: "report.json" },
  {
    name: "jest29-ts-jest",
    commands: () => [["npx", ["--no-install", "jest", "--json", "--outputFile=report.json"]]],
    report: "report.json",
  },
  {
    name: "typescript",
    // One program per module system, as a project is one or the other: a program holding both the
    // ESM and the CommonJS declarations of the jest entry would see jest's global Matchers
    // augmented twice with two distinct (if equal) types, which TypeScript refuses.
    commands: () => [
      ["npx", ["--no-install", "tsc", "-p", "tsconfig.esm.json", "--listFiles"]],
      ["npx", ["--no-install", "tsc", "-p", "tsconfig.cjs.json", "--listFiles"]],
    ],
  },
  {
    name: "vitest",
    commands: () => [["npx", ["--no-install", "vitest", "run", "--reporter=json", "--outputFile=report.json"]]],
    report: "report.json",
  },
  { name: "node", commands: () => [[process.execPath, ["--test", "--test-reporter=tap"]]] },
];

/** One Jest project per SDK version, sharing this repository's transform and setup. */
function matrixConfig(modules: string) {
  const base = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).jest;
  return {
    rootDir: ROOT,
    projects: Object.entries(SDK_VERSIONS).map(([alias, version]) => ({
      displayName: `sdk ${version}`,
      rootDir: ROOT,
      testEnvironment: "node",
      transform: base.transform,
      setupFiles: base.setupFiles,
      testMatch: MATRIX_SUITES.map((s) => `<rootDir>/${s}`),
      moduleNameMapper: {
        "^@aws-sdk/client-secrets-manager$": join(modules, alias),
        "^secrets-manager-mock$": join(modules, "secrets-manager-mock/dist/index.cjs"),
        "^secrets-manager-mock/jest$": join(modules, "secrets-manager-mock/dist/jest.cjs"),
        "^(\\.{1,2}/.*)\\.js$": "$1",
      },
    })),
  };
}

interface Outcome {
  ok: boolean;
  log: string;
  stdout: string;
  report?: any;
  seconds: { install: number; run: number };
}

async function step(file: string, args: string[], cwd: string, log: string[]): Promise<string> {
  log.push(`$ ${file} ${args.join(" ")}`);
  try {
    const { stdout, stderr } = await exec(file, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    log.push(stderr.slice(-4000));
    return stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    log.push((err.stdout ?? "").slice(-8000), (err.stderr ?? err.message).slice(-8000));
    throw e;
  }
}

/** Copies, installs and runs one consumer; never throws (the test reads the outcome). */
async function runConsumer(consumer: Consumer, work: string, tarball: string): Promise<Outcome> {
  const dir = join(work, consumer.name);
  const log: string[] = [];
  const seconds = { install: 0, run: 0 };
  let stdout = "";
  try {
    cpSync(join(__dirname, consumer.name), dir, { recursive: true, filter: (src) => !src.includes("node_modules") });
    let t = Date.now();
    await step("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"], dir, log);
    await step("npm", ["install", "--no-save", "--prefer-offline", "--no-audit", "--no-fund", tarball], dir, log);
    seconds.install = (Date.now() - t) / 1000;
    t = Date.now();
    for (const [file, args] of consumer.commands(dir)) stdout += await step(file, args, dir, log);
    seconds.run = (Date.now() - t) / 1000;
    const report = consumer.report === undefined ? undefined : JSON.parse(readFileSync(join(dir, consumer.report), "utf8"));
    return { ok: true, log: log.join("\n"), stdout, report, seconds };
  } catch {
    return { ok: false, log: log.join("\n"), stdout, seconds };
  }
}

let work: string | undefined;
const outcomes = new Map<string, Outcome>();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "smm-consumers-"));
  work = dir;
  const packed = await exec("npm", ["pack", "--json", "--pack-destination", dir], { cwd: ROOT, env });
  const tarball = join(dir, JSON.parse(packed.stdout)[0].filename);
  const queue = [...CONSUMERS];
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let c = queue.shift(); c !== undefined; c = queue.shift()) outcomes.set(c.name, await runConsumer(c, dir, tarball));
    }),
  );
  const timings = [...outcomes].map(([name, o]) => `${name}: install ${o.seconds.install.toFixed(0)} s, run ${o.seconds.run.toFixed(0)} s`);
  console.log(`consumers (${PARALLEL} at a time):\n${timings.join("\n")}`);
}, 15 * 60_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

/** The outcome of `name`, failing with its log when its install or run failed. */
function outcome(name: string): Outcome {
  const o = outcomes.get(name);
  if (o === undefined) throw new Error(`${name} did not run`);
  if (!o.ok) throw new Error(`${name} failed:\n${o.log}`);
  return o;
}

/** A Jest- or Vitest-style JSON report: every test passed, and there were some. */
function expectAllPassed(
  report: { numTotalTests: number; numPassedTests: number; numFailedTests: number; success: boolean },
  atLeast: number,
) {
  expect(report.numFailedTests).toBe(0);
  expect(report.numPassedTests).toBe(report.numTotalTests);
  expect(report.numPassedTests).toBeGreaterThanOrEqual(atLeast);
  expect(report.success).toBe(true);
}

const fileNames = (report: { testResults: { name: string }[] }) => report.testResults.map((r) => r.name.split("/").pop()).sort();

test("Vitest 4 (ESM): hooks passed explicitly, and found through globals: true; fake timers don't stall the endpoint", () => {
  const { report } = outcome("vitest");
  expectAllPassed(report, 7);
  expect(fileNames(report)).toEqual(["explicit-hooks.test.ts", "fake-timers.test.ts", "globals.test.ts"]);
});

test("Jest 30 (CommonJS JavaScript)", () => {
  const { report } = outcome("jest30");
  expectAllPassed(report, 4);
});

test("Jest 29 + ts-jest (the test file type-checked, node10 resolution through typesVersions)", () => {
  const { report } = outcome("jest29-ts-jest");
  expectAllPassed(report, 3);
});

test("TypeScript nodenext: the .mts file gets the ESM declarations of every entry, the .cts file the CommonJS ones", () => {
  const files = outcome("typescript")
    .stdout.split("\n")
    .filter((f) => f.includes("/node_modules/secrets-manager-mock/"));
  const exported = Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).exports).filter((e) => e !== "./package.json");
  for (const entry of exported.map((e) => (e === "." ? "index" : e.slice(2)))) {
    expect(files).toContainEqual(expect.stringMatching(new RegExp(`/dist/${entry}\\.d\\.mts$`)));
    expect(files).toContainEqual(expect.stringMatching(new RegExp(`/dist/${entry}\\.d\\.cts$`)));
  }
});

test("plain Node: ESM and CommonJS programs, register under --import and --require, the bin", () => {
  const { stdout } = outcome("node");
  expect(stdout).toMatch(/^# fail 0$/m);
  expect(Number(/^# pass (\d+)$/m.exec(stdout)?.[1])).toBeGreaterThanOrEqual(8);
});

test(`SDK matrix: ${Object.values(SDK_VERSIONS).join(", ")} through both ways in`, () => {
  const { report } = outcome("sdk-matrix");
  expectAllPassed(report, 100);
  // Every suite ran once per version.
  expect(report.numTotalTestSuites).toBe(MATRIX_SUITES.length * Object.keys(SDK_VERSIONS).length);
});
