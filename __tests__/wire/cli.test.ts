/** `secrets-manager-mock serve`: starts, prints where it listens, serves, stops cleanly, keeps state. */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { rawRequest } from "../helpers/raw-request";
import { CLI, ROOT, runCli, startCli } from "./serve-process";
import { call, token } from "./wire-client";

jest.setTimeout(60_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "smm-cli-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("serve --port 0 prints the URL and how to point clients at it, serves, and exits 0 on SIGTERM", async () => {
  const cli = await startCli(["serve", "--port", "0", "--region", "eu-west-1"]);
  expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(cli.stdout()).toContain(`AWS_ENDPOINT_URL_SECRETS_MANAGER=${cli.url}`);
  expect(cli.stdout()).toContain(`Console: ${cli.url}/_mock/console/\n`);
  const consolePage = await fetch(`${cli.url}/_mock/console/`);
  expect(consolePage.status).toBe(200);
  expect(await consolePage.text()).toContain("<title>secrets-manager-mock console</title>");
  const created = await call(cli.url, "CreateSecret", { Name: "db", ClientRequestToken: token(1), SecretString: "v" });
  expect(created.status).toBe(200);
  expect(created.json.ARN).toContain(":eu-west-1:");
  cli.child.kill("SIGTERM");
  expect(await cli.exited).toBe(0);
});

test("--state: changes are saved on shutdown and loaded on the next start", async () => {
  const state = path.join(dir, "state.json");
  const first = await startCli(["serve", "--port", "0", "--state", state]);
  await call(first.url, "CreateSecret", { Name: "kept", ClientRequestToken: token(1), SecretString: "persisted" });
  first.child.kill("SIGINT");
  expect(await first.exited).toBe(0);
  expect(readFileSync(state, "utf8")).toContain('"kept"');
  expect(existsSync(`${state}.lock`)).toBe(false);

  const second = await startCli(["serve", "--port", "0", "--state", state]);
  const got = await call(second.url, "GetSecretValue", { SecretId: "kept" });
  expect(got.json.SecretString).toBe("persisted");
  second.child.kill("SIGTERM");
  expect(await second.exited).toBe(0);
  expect(existsSync(`${state}.lock`)).toBe(false);
});

test("--allow-host (repeatable) adds names the admin routes answer to; others still get 403", async () => {
  const cli = await startCli(["serve", "--port", "0", "--allow-host", "mock.test", "--allow-host", "host.docker.internal"]);
  const port = Number(new URL(cli.url).port);
  const state = (host: string) => rawRequest(port, "GET", "/_mock/state", { host });
  expect((await state(`mock.test:${port}`)).status).toBe(200);
  expect((await state("host.docker.internal:4566")).status).toBe(200);
  expect((await state(`evil.example:${port}`)).status).toBe(403);
  cli.child.kill("SIGTERM");
  expect(await cli.exited).toBe(0);
});

test("--lambda-extension-port serves the extension's API from the same store and prints how to use it", async () => {
  const cli = await startCli(["serve", "--port", "0", "--lambda-extension-port", "0"]);
  const m = /Lambda extension endpoint on http:\/\/127\.0\.0\.1:(\d+)/.exec(cli.stdout());
  expect(m).not.toBeNull();
  const port = Number(m![1]);
  expect(cli.stdout()).toContain(`PARAMETERS_SECRETS_EXTENSION_HTTP_PORT=${port}`);
  await call(cli.url, "CreateSecret", { Name: "db", ClientRequestToken: token(1), SecretString: "from-the-store" });
  const res = await rawRequest(port, "GET", "/secretsmanager/get?secretId=db", {
    host: `localhost:${port}`,
    "x-aws-parameters-secrets-token": "t",
  });
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body).SecretString).toBe("from-the-store");
  cli.child.kill("SIGTERM");
  expect(await cli.exited).toBe(0);
});

test("--agent-port and --cloud-extensions-port serve the Agent and Cloud Extensions' extension from the same store", async () => {
  const cli = await startCli(["serve", "--port", "0", "--agent-port", "0", "--cloud-extensions-port", "0"]);
  const agent = /Secrets Manager Agent on http:\/\/127\.0\.0\.1:(\d+)/.exec(cli.stdout());
  const cloud = /Cloud Extensions Secrets Manager extension on http:\/\/127\.0\.0\.1:(\d+)\/secretsmanager/.exec(cli.stdout());
  expect(agent).not.toBeNull();
  expect(cloud).not.toBeNull();
  const ping = await rawRequest(Number(agent![1]), "GET", "/ping", { host: "localhost" });
  expect(ping).toMatchObject({ status: 200, body: "healthy" });
  await call(cli.url, "CreateSecret", { Name: "db", ClientRequestToken: token(3), SecretString: "from-the-store" });
  const res = await rawRequest(Number(cloud![1]), "GET", "/secretsmanager/db", {
    host: "localhost",
    "x-aws-parameters-secrets-token": "t",
  });
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body).SecretString).toBe("from-the-store");
  cli.child.kill("SIGTERM");
  expect(await cli.exited).toBe(0);
});

test("--state on a file another serve holds: exits 1 before listening, naming the holder and how to share it", async () => {
  const state = path.join(dir, "held.json");
  const first = await startCli(["serve", "--port", "0", "--state", state]);
  const second = await runCli(["serve", "--port", "0", "--state", state]);
  expect(second.code).toBe(1);
  expect(second.stdout).not.toContain("listening");
  expect(second.stderr).toMatch(
    new RegExp(
      `^secrets-manager-mock: state file ${escape(state)} is in use: process ${first.child.pid} on \\S+ \\(started \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\) holds it\\.`,
    ),
  );
  expect(second.stderr).toContain(
    `run it once: \`npx secrets-manager-mock serve --state ${state}\`, and point the clients at it with AWS_ENDPOINT_URL_SECRETS_MANAGER=`,
  );
  // The first one was not disturbed.
  const created = await call(first.url, "CreateSecret", { Name: "still-served", ClientRequestToken: token(2), SecretString: "v" });
  expect(created.status).toBe(200);
  first.child.kill("SIGTERM");
  expect(await first.exited).toBe(0);
  expect(readFileSync(state, "utf8")).toContain('"still-served"');
});

test("the recipe for several processes: one serve --state, clients of several processes pointed at it by AWS_ENDPOINT_URL_SECRETS_MANAGER", async () => {
  const state = path.join(dir, "shared-by-serve.json");
  const server = await startCli(["serve", "--port", "0", "--state", state]);
  // Plain SDK clients that know nothing of the mock: the endpoint comes from the environment.
  const script = (name: string) => `
    const { SecretsManagerClient, CreateSecretCommand } = require("@aws-sdk/client-secrets-manager");
    (async () => {
      const client = new SecretsManagerClient({});
      for (let k = 1; k <= 5; k++) await client.send(new CreateSecretCommand({ Name: "${name}-" + k, SecretString: "v" }));
      console.log("acked");
    })().catch((e) => { console.error(e.name, e.message); process.exit(1); });`;
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: server.url,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  const clients = ["api", "worker", "script"].map(
    (name) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ["-e", script(name)], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.on("data", (c: Buffer) => (out += c.toString()));
        child.on("exit", (code) => resolve({ code, out }));
      }),
  );
  expect(await Promise.all(clients)).toEqual([0, 1, 2].map(() => ({ code: 0, out: "acked\n" })));
  server.child.kill("SIGINT");
  expect(await server.exited).toBe(0);
  const names = JSON.parse(readFileSync(state, "utf8")).partitions[0].secrets.map((x: { name: string }) => x.name);
  expect(names.sort()).toEqual(["api", "script", "worker"].flatMap((n) => [1, 2, 3, 4, 5].map((k) => `${n}-${k}`)).sort());
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("usage errors exit 2 with the usage text; --help exits 0", async () => {
  const bad = await runCli(["serve", "--port", "nope"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("invalid --port");
  expect(bad.stderr).toContain("Usage: secrets-manager-mock serve");
  const unknown = await runCli(["launch"]);
  expect(unknown.code).toBe(2);
  const help = await runCli(["--help"]);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain("--state <file>");
  expect(help.stdout).toContain("--allow-host <name>");
  expect(help.stdout).toContain("--lambda-extension-port <n>");
  const badPort = await runCli(["serve", "--lambda-extension-port", "70000"]);
  expect(badPort.code).toBe(2);
  expect(badPort.stderr).toContain("invalid --lambda-extension-port");
});

test("the source keeps its shebang first (tsc preserves it for the bin)", () => {
  expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
});

test("a --fixtures path that does not exist exits 1 with an error naming it (no empty endpoint)", async () => {
  const r = await runCli(["serve", "--port", "0", "--fixtures", "no-such-fixtures.json"]);
  expect(r.code).toBe(1);
  expect(r.stdout).not.toContain("listening on");
  expect(r.stderr).toContain(`invalid fixtures in ${path.join(ROOT, "no-such-fixtures.json")}: file not found`);
});

test("--fault puts rules in force from the start (repeatable); a bad one is a usage error", async () => {
  const cli = await startCli([
    "serve",
    "--port",
    "0",
    "--fault",
    "CreateSecret=ThrottlingException:times=1",
    "--fault",
    "DescribeSecret=InternalServiceError",
  ]);
  expect(cli.stdout()).toContain("Faults: 2 rule(s) in force.");
  const body = { Name: "db", ClientRequestToken: token(1), SecretString: "v" };
  const throttled = await call(cli.url, "CreateSecret", body);
  expect(throttled.status).toBe(400);
  expect(throttled.json).toEqual({ __type: "ThrottlingException", Message: "Rate exceeded" });
  expect((await call(cli.url, "CreateSecret", body)).status).toBe(200);
  expect((await call(cli.url, "DescribeSecret", { SecretId: "db" })).status).toBe(500);
  cli.child.kill("SIGTERM");
  expect(await cli.exited).toBe(0);

  const bad = await runCli(["serve", "--fault", "GetSecretValue=ThrottlingException:times=0"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--fault "GetSecretValue=ThrottlingException:times=0": times must be an integer ≥ 1');
});
