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
  expect(Object.keys(pkg.exports)).toEqual(
    expect.arrayContaining([".", "./jest", "./node-test", "./package.json", "./register", "./vitest"]),
  );
  for (const [entry, target] of Object.entries<{ import: string; require: string }>(pkg.exports)) {
    if (entry === "./package.json") continue;
    expect(existsSync(join(root, "src", `${entry === "." ? "index" : entry.slice(2)}.ts`))).toBe(true);
    expect(target.import).toMatch(/\.mjs$/);
    expect(target.require).toMatch(/\.cjs$/);
    for (const file of [
      target.import,
      target.require,
      target.import.replace(/\.mjs$/, ".d.mts"),
      target.require.replace(/\.cjs$/, ".d.cts"),
    ]) {
      expect(existsSync(join(root, file))).toBe(true);
    }
  }
  const subpaths = Object.keys(pkg.exports).filter((e) => e !== "." && e !== "./package.json");
  expect(pkg.typesVersions).toEqual({
    "*": Object.fromEntries(subpaths.map((e) => [e.slice(2), [pkg.exports[e].require.replace(/\.cjs$/, ".d.cts")]])),
  });
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

test("the main entry loads uuid, the wire codec and the HTTP server only when they are used; seeded ids are the same from both builds", async () => {
  // What a bare import must not pay for (bench/import-cost.ts measures it): unseeded stores take
  // node:crypto's UUIDs, a seeded store loads uuid on its first id, the request handler loads the
  // wire codec on its first request, the server loads on its start.
  const cjs = await run(
    process.execPath,
    [
      "-e",
      `const sm = require("@aws-sdk/client-secrets-manager");
       const { SecretsStore, createSecretsManagerRequestHandler, startSecretsManagerServer } = require("secrets-manager-mock");
       const loaded = () => ["uuid", "wire", "server"].filter((what) =>
         Object.keys(require.cache).some((f) => ({ uuid: /node_modules.uuid./, wire: /wire-handler/, server: /dist.endpoint\\./ })[what].test(f)));
       const steps = { atImport: loaded() };
       const store = new SecretsStore();
       const unseeded = store.ids.uuid();
       const requestHandler = createSecretsManagerRequestHandler(store);
       steps.unseededAndHandler = loaded();
       const seeded = new SecretsStore({ seed: "same" }).ids.uuid();
       steps.seeded = loaded();
       const client = new sm.SecretsManagerClient({ region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" }, requestHandler });
       client.send(new sm.ListSecretsCommand({})).then(async () => {
         steps.request = loaded();
         const server = await startSecretsManagerServer({ port: 0 });
         steps.server = loaded();
         await server.close();
         console.log(JSON.stringify({ steps, unseeded, seeded }));
       });`,
    ],
    { cwd: root, env },
  );
  const r = JSON.parse(cjs.stdout) as { steps: Record<string, string[]>; unseeded: string; seeded: string };
  expect(r.steps).toEqual({
    atImport: [],
    unseededAndHandler: [],
    seeded: ["uuid"],
    request: ["uuid", "wire"],
    server: ["uuid", "wire", "server"],
  });
  expect(r.unseeded).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const esm = await run(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import { SecretsStore } from "secrets-manager-mock"; console.log(new SecretsStore({ seed: "same" }).ids.uuid());`,
    ],
    { cwd: root, env },
  );
  expect(esm.stdout.trim()).toBe(r.seeded);
});

test("the register entry from dist/ serves an app that creates its own client (--require and --import)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "smm-register-"));
  try {
    const state = join(dir, "state.json");
    const app = join(root, "__tests__", "fixtures", "register-app", "app.cjs");
    const e = { ...env, SECRETS_MANAGER_MOCK_STATE: state };
    const created = await run(process.execPath, ["--require", "secrets-manager-mock/register", app, "create", "app/key", "v1"], {
      cwd: root,
      env: e,
    });
    expect(JSON.parse(created.stdout).arn).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:app\/key-/);
    const read = await run(process.execPath, ["--import", "secrets-manager-mock/register", app, "get", "app/key"], { cwd: root, env: e });
    expect(JSON.parse(read.stdout).value).toBe("v1");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("attw finds no problem in the packed tarball under the node16 profile", async () => {
  // attw exits non-zero on any problem, which rejects `run`; the counts prove every entry was judged.
  const { stdout } = await run("npx", ["--no-install", "attw", "--pack", ".", "--profile", "node16", "--format", "ascii"], {
    cwd: root,
    env,
  });
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
