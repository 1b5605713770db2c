/** examples/offline-app: run three times with the register entry and a state file. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { regionSettings } from "../helpers/aws-env";

const ROOT = path.join(__dirname, "../..");
const APP_DIR = path.join(ROOT, "examples/offline-app");

jest.setTimeout(60_000);

test("starts from the fixtures, then from the saved state on every later run", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-offline-"));
  const state = path.join(dir, "state.json");
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("SECRETS_MANAGER_MOCK_")));
  const run = () =>
    spawnSync(process.execPath, ["--import", "tsx", "--import", path.join(ROOT, "src/register.ts"), "app.mjs"], {
      cwd: APP_DIR,
      env: { ...clean, SECRETS_MANAGER_MOCK_FIXTURES: "./fixtures.json", SECRETS_MANAGER_MOCK_STATE: state },
      encoding: "utf8",
      timeout: 30_000,
    });
  const outputs = [run(), run(), run()].map((r) => {
    expect(r.status).toBe(0);
    return r.stdout.trim();
  });
  expect(outputs).toEqual(["Hello, offline developer! (run 1)", "Hello, offline developer! (run 2)", "Hello, offline developer! (run 3)"]);
  const saved = JSON.parse(fs.readFileSync(state, "utf8"));
  expect(saved.partitions[0].secrets.map((s: { name: string }) => s.name)).toEqual(["offline-app/config", "offline-app/run-count"]);
  // Three runs: the counter has versions 1, 2, 3 (the last two labelled).
  expect(
    saved.partitions[0].secrets[1].versions.map((v: { secretString: string; stages: string[] }) => [v.secretString, v.stages]),
  ).toEqual([
    ["1", []],
    ["2", ["AWSPREVIOUS"]],
    ["3", ["AWSCURRENT"]],
  ]);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(regionSettings("eu-west-1"))("with $name", ({ env }) => {
  test("the fixtures and the app's region-less client meet in that region", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-offline-region-"));
    const state = path.join(dir, "state.json");
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("SECRETS_MANAGER_MOCK_")));
    const r = spawnSync(process.execPath, ["--import", "tsx", "--import", path.join(ROOT, "src/register.ts"), "app.mjs"], {
      cwd: APP_DIR,
      env: { ...clean, ...env(), SECRETS_MANAGER_MOCK_FIXTURES: "./fixtures.json", SECRETS_MANAGER_MOCK_STATE: state },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe("Hello, offline developer! (run 1)");
    const saved = JSON.parse(fs.readFileSync(state, "utf8"));
    expect(saved.partitions.map((p: { region: string }) => p.region)).toEqual(["eu-west-1"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
