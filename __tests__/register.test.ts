/**
 * secrets-manager-mock/register: an application that creates its own SecretsManagerClient is
 * served from a store configured by environment variables. Runs src/register.ts through tsx (the
 * dist variant, `node --require secrets-manager-mock/register`, needs `npm run build`).
 */
import { spawn, spawnSync } from "node:child_process";
import { CreateSecretCommand, ListSecretsCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SecretsStore } from "secrets-manager-mock";
import { storeOptionsFromEnv } from "secrets-manager-mock/setup/env-options";

const ROOT = path.join(__dirname, "..");
const APP_DIR = path.join(__dirname, "fixtures/register-app");
const REGISTER = path.join(ROOT, "src/register.ts");

type Mode = "cjs" | "esm";
function runApp(mode: Mode, args: string[], env: Record<string, string>) {
  const flags =
    mode === "cjs" ? ["--require", "tsx/cjs", "--require", REGISTER, "app.cjs"] : ["--import", "tsx", "--import", REGISTER, "app.mjs"];
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("SECRETS_MANAGER_MOCK_")));
  const r = spawnSync(process.execPath, [...flags, ...args], {
    cwd: APP_DIR,
    env: { ...clean, AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  return { status: r.status, stderr: r.stderr, out: line.startsWith("{") ? JSON.parse(line) : undefined };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-register-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

jest.setTimeout(60_000);

describe.each(["cjs", "esm"] as const)("register (%s)", (mode) => {
  test("serves the app's own client from fixtures, with the seed making ids deterministic", () => {
    const fixtures = path.join(dir, `fixtures-${mode}.json`);
    fs.writeFileSync(fixtures, JSON.stringify({ secrets: { "app/key": { SecretString: "from-fixtures" } } }));
    const env = { SECRETS_MANAGER_MOCK_FIXTURES: fixtures, SECRETS_MANAGER_MOCK_SEED: "7" };
    const a = runApp(mode, ["get", "app/key"], env);
    const b = runApp(mode, ["get", "app/key"], env);
    expect(a.out).toEqual({
      value: "from-fixtures",
      arn: expect.stringMatching(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:app\/key-[A-Za-z0-9]{6}$/),
    });
    expect(b.out).toEqual(a.out);
  });

  test("persists to SECRETS_MANAGER_MOCK_STATE across runs", () => {
    const state = path.join(dir, `state-${mode}.json`);
    const created = runApp(mode, ["create", "made/by-run-1", "v1"], { SECRETS_MANAGER_MOCK_STATE: state });
    expect(created.status).toBe(0);
    expect(created.out.arn).toContain(":secret:made/by-run-1-");
    const read = runApp(mode, ["get", "made/by-run-1"], { SECRETS_MANAGER_MOCK_STATE: state });
    expect(read.out).toEqual({ value: "v1", arn: created.out.arn });
    expect(JSON.parse(fs.readFileSync(state, "utf8")).formatVersion).toBe(1);
  });

  test("a state file another process holds stops the app before it runs, naming the holder; once given up, the app runs", async () => {
    const state = path.join(dir, `held-${mode}.json`);
    // This (Jest) process holds the file.
    const holder = new SecretsStore({ persist: { path: state }, fixtures: { secrets: { "held/by-jest": { SecretString: "v" } } } });
    await holder.flush();
    const r = runApp(mode, ["create", "made/while-held", "v"], { SECRETS_MANAGER_MOCK_STATE: state });
    expect(r.status).not.toBe(0);
    expect(r.out).toBeUndefined();
    expect(r.stderr).toContain(
      `StateFileInUseError: secrets-manager-mock: state file ${state} is in use: process ${process.pid} on ${os.hostname()}`,
    );
    await holder.close();
    const after = runApp(mode, ["create", "made/after", "v"], { SECRETS_MANAGER_MOCK_STATE: state });
    expect(after.status).toBe(0);
    const names = JSON.parse(fs.readFileSync(state, "utf8")).partitions[0].secrets.map((x: { name: string }) => x.name);
    expect(names).toEqual(["held/by-jest", "made/after"]);
    expect(fs.existsSync(`${state}.lock`)).toBe(false);
  });

  test("a corrupt state file stops the app with an error naming the file, and is left untouched", () => {
    const state = path.join(dir, `corrupt-${mode}.json`);
    fs.writeFileSync(state, "{ not json");
    const r = runApp(mode, ["get", "x"], { SECRETS_MANAGER_MOCK_STATE: state });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`invalid state in ${state}: not valid JSON`);
    expect(fs.readFileSync(state, "utf8")).toBe("{ not json");
  });

  test("SECRETS_MANAGER_MOCK_REGION is the store's region (fixtures without Region live there)", () => {
    const fixtures = path.join(dir, `fixtures-region-${mode}.json`);
    fs.writeFileSync(fixtures, JSON.stringify({ secrets: { k: { SecretString: "v" } } }));
    // The app's client uses us-east-1: the secret is in eu-west-1, so it isn't found there.
    const r = runApp(mode, ["get", "k"], { SECRETS_MANAGER_MOCK_FIXTURES: fixtures, SECRETS_MANAGER_MOCK_REGION: "eu-west-1" });
    expect(r.out).toEqual({ error: "ResourceNotFoundException", message: "Secrets Manager can't find the specified secret." });
    // The miss is explained on stderr (the app's output is unchanged), unless warnings are off.
    expect(r.stderr).toContain(`answered ResourceNotFoundException for "k": nothing of that name in region us-east-1`);
    expect(r.stderr).toContain("it exists in region eu-west-1");
    const quiet = runApp(mode, ["get", "k"], {
      SECRETS_MANAGER_MOCK_FIXTURES: fixtures,
      SECRETS_MANAGER_MOCK_REGION: "eu-west-1",
      SECRETS_MANAGER_MOCK_WARNINGS: "0",
    });
    expect(quiet.out).toEqual(r.out);
    expect(quiet.stderr).not.toContain("secrets-manager-mock");
  });

  test("a fixtures path that does not exist stops the app with an error naming it (not an empty store)", () => {
    const r = runApp(mode, ["get", "k"], { SECRETS_MANAGER_MOCK_FIXTURES: "./no-such-fixtures.json" });
    expect(r.status).not.toBe(0);
    expect(r.out).toBeUndefined();
    expect(r.stderr).toContain(`invalid fixtures in ${path.join(APP_DIR, "no-such-fixtures.json")}: file not found`);
  });
});

describe.each(["cjs", "esm"] as const)("register with SECRETS_MANAGER_MOCK_CONSOLE_PORT (%s)", (mode) => {
  test("serves the console and the endpoint for the app's store, with the app's calls in the feed", async () => {
    const flags = mode === "cjs" ? ["--require", "tsx/cjs", "--require", REGISTER] : ["--import", "tsx", "--import", REGISTER];
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("SECRETS_MANAGER_MOCK_")));
    const app = spawn(process.execPath, [...flags, "console-app.mjs"], {
      cwd: APP_DIR,
      env: {
        ...clean,
        AWS_ACCESS_KEY_ID: "",
        AWS_SECRET_ACCESS_KEY: "",
        SECRETS_MANAGER_MOCK_CONSOLE_PORT: "0",
        SECRETS_MANAGER_MOCK_AGENT_PORT: "0",
        AWS_TOKEN: "agent-token",
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => app.on("exit", resolve));
    try {
      let out = "";
      let err = "";
      app.stderr.on("data", (c: Buffer) => (err += c.toString()));
      const consoleUrl = await new Promise<string>((resolve, reject) => {
        const look = () => {
          const m = /secrets-manager-mock console: (http:\/\/127\.0\.0\.1:\d+\/_mock\/console\/) \(endpoint (http:\/\/\S+)\)/.exec(err);
          if (m && out.includes("ready") && err.includes("secrets-manager-mock agent:")) resolve(m[1]);
        };
        app.stdout.on("data", (c: Buffer) => {
          out += c.toString();
          look();
        });
        app.stderr.on("data", look);
        app.on("exit", () => reject(new Error(`app exited: ${err}`)));
      });
      const page = await fetch(consoleUrl);
      expect(page.status).toBe(200);
      // SECRETS_MANAGER_MOCK_AGENT_PORT: the Agent serves the app's store, with the token of AWS_TOKEN.
      const agentUrl = /secrets-manager-mock agent: (http:\/\/127\.0\.0\.1:\d+)/.exec(err)![1];
      const viaAgent = await fetch(`${agentUrl}/v1/made/by-app`, { headers: { "X-Aws-Parameters-Secrets-Token": "agent-token" } });
      expect(viaAgent.status).toBe(200);
      expect(((await viaAgent.json()) as { Name: string }).Name).toBe("made/by-app");
      expect((await fetch(`${agentUrl}/v1/made/by-app`, { headers: { "X-Aws-Parameters-Secrets-Token": "other" } })).status).toBe(403);
      expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
      const calls = (await (await fetch(`${consoleUrl}api/calls`)).json()) as { source: string; operation: string; secretId: string }[];
      expect(calls).toEqual([
        expect.objectContaining({ source: "sdk", operation: "CreateSecret", secretId: "made/by-app", outcome: "ok" }),
      ]);
      // The endpoint on the same port serves the app's store.
      const endpoint = consoleUrl.replace("/_mock/console/", "");
      const client = new SecretsManagerClient({
        endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      });
      const listed = await client.send(new ListSecretsCommand({}));
      expect(listed.SecretList!.map((s) => s.Name)).toEqual(["made/by-app"]);
      await client.send(new CreateSecretCommand({ Name: "made/by-tool", SecretString: "v" }));
      const after = (await (await fetch(`${consoleUrl}api/calls`)).json()) as { source: string; operation: string }[];
      expect(after.map((c) => `${c.source} ${c.operation}`)).toEqual(["sdk CreateSecret", "http ListSecrets", "http CreateSecret"]);
      client.destroy();
    } finally {
      app.stdin.end();
    }
    // The console's server doesn't keep the app alive: it ends when its own work does.
    expect(await exited).toBe(0);
  });

  test("an invalid SECRETS_MANAGER_MOCK_CONSOLE_PORT stops the app with an error naming it", () => {
    const r = runApp(mode, ["get", "x"], { SECRETS_MANAGER_MOCK_CONSOLE_PORT: "console" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("invalid SECRETS_MANAGER_MOCK_CONSOLE_PORT: console");
  });
});

describe("storeOptionsFromEnv", () => {
  test("maps the variables to store options (paths relative to the working directory)", () => {
    expect(
      storeOptionsFromEnv(
        {
          SECRETS_MANAGER_MOCK_STATE: "./s.json",
          SECRETS_MANAGER_MOCK_FIXTURES: "fx/f.json",
          SECRETS_MANAGER_MOCK_SEED: "42",
          SECRETS_MANAGER_MOCK_REGION: "eu-west-1",
          SECRETS_MANAGER_MOCK_ACCOUNT_ID: "111122223333",
        },
        "/work/app",
      ),
    ).toEqual({
      persist: { path: "/work/app/s.json" },
      fixtures: "/work/app/fx/f.json",
      seed: "42",
      region: "eu-west-1",
      accountId: "111122223333",
    });
    expect(storeOptionsFromEnv({ SECRETS_MANAGER_MOCK_STATE: "" }, "/x")).toEqual({});
    expect(storeOptionsFromEnv({ SECRETS_MANAGER_MOCK_WARNINGS: "0" }, "/x")).toEqual({ warnings: false });
  });
});

describe("package.json exports", () => {
  test("declare ./register, ./jest and ./vitest for import and require, built from src/<entry>.ts", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    for (const entry of ["register", "jest", "vitest"]) {
      expect(pkg.exports[`./${entry}`]).toEqual({ import: `./dist/${entry}.mjs`, require: `./dist/${entry}.cjs` });
      expect(fs.existsSync(path.join(ROOT, "src", `${entry}.ts`))).toBe(true);
    }
  });
});
