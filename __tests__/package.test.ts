/**
 * The published shape of the package: the built ESM and CommonJS entry points, the subpath
 * exports and the CLI bin, loaded the way a user's Node loads them (by package name, from dist/),
 * and the packed tarball as attw and publint judge it. `npm test` builds dist/ before Jest runs;
 * __tests__/consumers/ installs the tarball into real projects.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = join(__dirname, "..");
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

jest.setTimeout(60_000);

beforeAll(() => {
  if (!existsSync(join(root, pkg.main))) throw new Error("dist/ is missing: run `npm run build` (npm test does)");
});

test("package.json: every entry has ESM and CommonJS builds, each with its own declarations; peer dependencies; bin", () => {
  expect(Object.keys(pkg.exports)).toEqual(expect.arrayContaining([".", "./jest", "./node-test", "./package.json", "./register", "./vitest"]));
  for (const [entry, target] of Object.entries<{ import: string; require: string }>(pkg.exports)) {
    if (entry === "./package.json") continue;
    expect(existsSync(join(root, "src", `${entry === "." ? "index" : entry.slice(2)}.ts`))).toBe(true);
    expect(target.import).toMatch(/\.mjs$/);
    expect(target.require).toMatch(/\.cjs$/);
    for (const file of [target.import, target.require, target.import.replace(/\.mjs$/, ".d.mts"), target.require.replace(/\.cjs$/, ".d.cts")]) {
      expect(existsSync(join(root, file))).toBe(true);
    }
  }
  expect(pkg.type).toBe("commonjs");
  expect(pkg.sideEffects).toEqual([pkg.exports["./register"].import, pkg.exports["./register"].require]);
  expect(Object.keys(pkg.peerDependencies).sort()).toEqual(["@aws-sdk/client-secrets-manager", "@smithy/types"]);
  expect(Object.keys(pkg.dependencies)).toEqual(["uuid"]);
  expect(existsSync(join(root, pkg.bin["secrets-manager-mock"]))).toBe(true);
});

test("CommonJS: require('secrets-manager-mock') mocks a client", async () => {
  const { stdout } = await run(
    process.execPath,
    [
      "-e",
      `const sm = require("@aws-sdk/client-secrets-manager");
       const { mockSecretsManager } = require("secrets-manager-mock");
       require("secrets-manager-mock/jest"); require("secrets-manager-mock/vitest");
       const c = new sm.SecretsManagerClient({}); mockSecretsManager(c);
       c.send(new sm.CreateSecretCommand({ Name: "a", SecretString: "cjs-value" }))
        .then(() => c.send(new sm.GetSecretValueCommand({ SecretId: "a" })))
        .then((r) => console.log(r.SecretString));`,
    ],
    { cwd: root, env },
  );
  expect(stdout.trim()).toBe("cjs-value");
});

test("ESM: import from 'secrets-manager-mock' (rotation and the server too)", async () => {
  const { stdout } = await run(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import { SecretsManagerClient, CreateSecretCommand, RotateSecretCommand, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
       import { mockSecretsManager, passwordRotationFunction, startSecretsManagerServer } from "secrets-manager-mock";
       const c = new SecretsManagerClient({}); const mock = mockSecretsManager(c);
       await c.send(new CreateSecretCommand({ Name: "db", SecretString: JSON.stringify({ password: "old" }) }));
       const arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate";
       mock.store.registerRotationFunction(arn, passwordRotationFunction());
       await c.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: arn, RotationRules: { AutomaticallyAfterDays: 1 } }));
       const now = JSON.parse((await c.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).password;
       const server = await startSecretsManagerServer({ port: 0 });
       console.log(now !== "old", server.url.startsWith("http://127.0.0.1:"));
       await server.close();`,
    ],
    { cwd: root, env },
  );
  expect(stdout.trim()).toBe("true true");
});

test("the register entry from dist/ serves an app that creates its own client (--require and --import)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "smm-register-"));
  try {
    const state = join(dir, "state.json");
    const app = join(root, "__tests__", "fixtures", "register-app", "app.cjs");
    const e = { ...env, SECRETS_MANAGER_MOCK_STATE: state };
    const created = await run(process.execPath, ["--require", "secrets-manager-mock/register", app, "create", "app/key", "v1"], { cwd: root, env: e });
    expect(JSON.parse(created.stdout).arn).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:app\/key-/);
    const read = await run(process.execPath, ["--import", "secrets-manager-mock/register", app, "get", "app/key"], { cwd: root, env: e });
    expect(JSON.parse(read.stdout).value).toBe("v1");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("attw finds no problem in the packed tarball under the node16 profile", async () => {
  // attw exits non-zero on any problem, which rejects `run`; the counts prove every entry was judged.
  const { stdout } = await run("npx", ["--no-install", "attw", "--pack", ".", "--profile", "node16", "--format", "ascii"], { cwd: root, env });
  const entries = Object.keys(pkg.exports).filter((e) => e !== "./package.json").length;
  expect(stdout.match(/node16 \(from ESM\): 🟢 \(ESM\)/gu)).toHaveLength(entries);
  expect(stdout.match(/node16 \(from CJS\): 🟢 \(CJS\)/gu)).toHaveLength(entries);
});

test("publint --strict finds nothing to report", async () => {
  const { stdout } = await run("npx", ["--no-install", "publint", "--strict"], { cwd: root, env });
  expect(stdout).toContain("All good!");
});

test("the CLI bin prints its usage", async () => {
  const { stdout } = await run(process.execPath, [join(root, pkg.bin["secrets-manager-mock"]), "--help"], { cwd: root, env });
  expect(stdout).toContain("secrets-manager-mock serve");
});
