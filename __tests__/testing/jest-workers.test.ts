/**
 * Jest with several workers and a persisted store: a nested Jest run (`--maxWorkers=2`) over two
 * test files that each write five secrets through `useSecretsManagerMock({ persist })`. On one
 * shared state file, the file collected second fails loudly (the state file is in use) and the
 * other's writes are all saved; with one state file per worker (`JEST_WORKER_ID` in the path, as
 * docs/offline-development.md recommends), both pass. Uses the built package (`npm test` builds it).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.join(__dirname, "../..");

jest.setTimeout(120_000);

// Each file holds its store (opened while the file is collected) until the other file has tried
// to open its own: the two really overlap, so on one shared file exactly one of them is refused.
const TEST_FILE = `
const fs = require("node:fs");
const path = require("node:path");
const { CreateSecretCommand, SecretsManagerClient } = require("@aws-sdk/client-secrets-manager");
const { useSecretsManagerMock } = require("secrets-manager-mock/jest");

const me = path.basename(__filename, ".test.js");
const other = me === "a" ? "b" : "a";
const out = process.env.SMM_OUT;
let sm;
try {
  sm = useSecretsManagerMock({ persist: { path: process.env.SMM_STATE.replace("{worker}", process.env.JEST_WORKER_ID) } });
} finally {
  fs.writeFileSync(path.join(out, me + ".tried"), "");
}
const client = new SecretsManagerClient({ region: "us-east-1" });

test("writes five secrets", async () => {
  for (let i = 0; i < 2000 && !fs.existsSync(path.join(out, other + ".tried")); i++) await new Promise((r) => setTimeout(r, 10));
  const names = [];
  for (let k = 1; k <= 5; k++) {
    await client.send(new CreateSecretCommand({ Name: me + "-" + k, SecretString: me }));
    names.push(me + "-" + k);
  }
  await sm.store.flush();
  fs.writeFileSync(path.join(out, me + ".acked"), JSON.stringify(names));
});
`;

interface SuiteResult {
  name: string;
  status: "passed" | "failed";
  message: string;
}

let dir: string;
beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, "dist", "jest.cjs"))) throw new Error("dist/ is missing: run `npm run build` (npm test does)");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-jest-workers-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the two files in a nested Jest with two workers; `state` may hold `{worker}`. */
function runNestedJest(run: string, state: string): { suites: SuiteResult[]; out: string } {
  const project = path.join(dir, run);
  const out = path.join(project, "out");
  fs.mkdirSync(out, { recursive: true });
  for (const name of ["a", "b"]) fs.writeFileSync(path.join(project, `${name}.test.js`), TEST_FILE);
  const config = {
    rootDir: project,
    testMatch: ["<rootDir>/*.test.js"],
    testEnvironment: "node",
    transform: {},
    modulePaths: [path.join(ROOT, "node_modules")],
    moduleNameMapper: { "^secrets-manager-mock/(.*)$": path.join(ROOT, "dist/$1.cjs") },
    cacheDirectory: path.join(project, "cache"),
    // Jest runs a few fast files in band; a memory limit makes it use the workers.
    workerIdleMemoryLimit: "1GB",
  };
  const results = path.join(project, "results.json");
  const r = spawnSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules/jest/bin/jest.js"),
      "--config",
      JSON.stringify(config),
      "--maxWorkers=2",
      "--ci",
      "--json",
      `--outputFile=${results}`,
    ],
    { cwd: project, encoding: "utf8", timeout: 100_000, env: { ...process.env, SMM_STATE: state, SMM_OUT: out } },
  );
  if (!fs.existsSync(results)) throw new Error(`nested Jest gave no results: ${r.stderr}`);
  const json = JSON.parse(fs.readFileSync(results, "utf8")) as {
    testResults: { name: string; status: "passed" | "failed"; message: string }[];
  };
  const suites = json.testResults
    .map((t) => ({ name: path.basename(t.name, ".test.js"), status: t.status, message: t.message }))
    .sort((x, y) => x.name.localeCompare(y.name));
  return { suites, out };
}

function savedNames(file: string): string[] {
  return JSON.parse(fs.readFileSync(file, "utf8")).partitions.flatMap((p: { secrets: { name: string }[] }) => p.secrets.map((s) => s.name));
}

test("two workers on one shared state file: one test file fails loudly before writing, the other's writes are all saved", () => {
  const state = path.join(dir, "shared.json");
  const { suites, out } = runNestedJest("shared", state);
  expect(suites.map((s) => s.name)).toEqual(["a", "b"]);
  const failed = suites.filter((s) => s.status === "failed");
  const passed = suites.filter((s) => s.status === "passed");
  expect(failed).toHaveLength(1);
  expect(passed).toHaveLength(1);
  expect(failed[0].message).toContain(`StateFileInUseError: secrets-manager-mock: state file ${state} is in use: process `);
  expect(failed[0].message).toContain("AWS_ENDPOINT_URL_SECRETS_MANAGER");
  expect(fs.existsSync(path.join(out, `${failed[0].name}.acked`))).toBe(false);
  const acked = JSON.parse(fs.readFileSync(path.join(out, `${passed[0].name}.acked`), "utf8")) as string[];
  expect(acked).toHaveLength(5);
  expect(savedNames(state)).toEqual(acked);
  expect(fs.existsSync(`${state}.lock`)).toBe(false);
});

test("one state file per worker (JEST_WORKER_ID in the path): both test files pass and every write is saved", () => {
  const { suites, out } = runNestedJest("per-worker", path.join(dir, "state-{worker}.json"));
  expect(suites.map((s) => [s.name, s.status, s.message])).toEqual([
    ["a", "passed", ""],
    ["b", "passed", ""],
  ]);
  const saved = ["1", "2"].flatMap((w) => savedNames(path.join(dir, `state-${w}.json`))).sort();
  const acked = ["a", "b"].flatMap((n) => JSON.parse(fs.readFileSync(path.join(out, `${n}.acked`), "utf8")) as string[]).sort();
  expect(saved).toEqual(acked);
  expect(acked).toHaveLength(10);
});
