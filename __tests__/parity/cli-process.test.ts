/**
 * The command as a user runs it: `secrets-manager-mock parity` in its own process (src/cli.ts
 * through tsx). A real SIGINT mid-run ends it with 130 after deleting what it created; without a
 * target it refuses; `serve` never loads the parity code.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { SecretsManagerServer } from "secrets-manager-mock";
import { startDeviatingProxy, startServe } from "./helpers";

const CLI = path.join(__dirname, "../../src/cli.ts");

function start(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: "AKIDEXAMPLEPROCESS01", AWS_SECRET_ACCESS_KEY: "processSecretKeyExample01" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exit, output: () => ({ stdout, stderr }) };
}

let server: SecretsManagerServer;
beforeEach(async () => {
  server = await startServe();
});
afterEach(async () => {
  await server.close();
});

test("without --endpoint or --aws it refuses: exit 2, and nothing is sent anywhere", async () => {
  const p = start(["parity"]);
  expect(await p.exit).toBe(2);
  expect(p.output().stderr).toContain("nothing is sent to AWS without --aws");
});

test("a real SIGINT mid-run: the run stops after the current call, deletes what it created, exits 130", async () => {
  let held: () => void = () => {};
  const reached = new Promise<void>((resolveReached) => {
    held = resolveReached;
  });
  let release: () => void = () => {};
  const released = new Promise<void>((r) => (release = r));
  // The 30th request is held until the test has sent SIGINT.
  const proxy = await startDeviatingProxy(
    server.url,
    () => {},
    async (n) => {
      if (n !== 30) return;
      held();
      await released;
    },
  );
  try {
    const p = start(["parity", "--endpoint", proxy.url]);
    await reached;
    p.child.kill("SIGINT");
    // Let the held call finish once the signal has been handled (the process says so on stderr).
    await new Promise<void>((resolve) => {
      const check = () => (p.output().stderr.includes("Interrupted:") ? resolve() : setImmediate(check));
      check();
    });
    release();
    expect(await p.exit).toBe(130);
    const { stdout, stderr } = p.output();
    expect(stderr).toContain("Interrupted: finishing the current call, then deleting what the run created");
    expect(stdout).toMatch(/skipped {2}.* \(interrupted\)/);
    expect(stdout).toMatch(/Cleanup: force-deleted [1-9]\d* secret names? the run created\./);
    expect(server.store.partition(server.store.accountId, "us-east-1")?.secrets.size ?? 0).toBe(0);
    expect(stdout + stderr).not.toMatch(/AKIDEXAMPLEPROCESS01|processSecretKeyExample01/);
  } finally {
    release();
    await proxy.close();
  }
});

test("the CLI loads the parity code only for the parity command (a dynamic import)", () => {
  const text = fs.readFileSync(CLI, "utf8");
  expect(text).not.toMatch(/^import .*parity/m);
  expect(text).toContain('await import("./parity/index.js")');
});
