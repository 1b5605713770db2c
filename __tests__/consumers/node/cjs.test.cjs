const { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } = require("@aws-sdk/client-secrets-manager");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const { mkdtempSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { test } = require("node:test");
const { mockSecretsManager } = require("secrets-manager-mock");
const { useSecretsManagerMock } = require("secrets-manager-mock/jest");
const { useSecretsManagerMock: useForVitest } = require("secrets-manager-mock/vitest");

test("require: the mock answers a client", async () => {
  const client = new SecretsManagerClient({});
  const mock = mockSecretsManager(client);
  await client.send(new CreateSecretCommand({ Name: "cjs", SecretString: "from-cjs" }));
  assert.equal((await client.send(new GetSecretValueCommand({ SecretId: "cjs" }))).SecretString, "from-cjs");
  mock.restore();
});

test("require: the test helpers load", () => {
  const hooks = { beforeEach: () => undefined, afterEach: () => undefined };
  assert.equal(typeof useSecretsManagerMock({}, hooks).store.region, "string");
  assert.equal(typeof useForVitest({}, hooks).store.region, "string");
});

test("--require secrets-manager-mock/register serves an application's own client", () => {
  const fixtures = join(mkdtempSync(join(tmpdir(), "smm-node-")), "fixtures.json");
  writeFileSync(fixtures, JSON.stringify({ secrets: { "app/key": { SecretString: "registered" } } }));
  const out = execFileSync(process.execPath, ["--require", "secrets-manager-mock/register", "app.cjs", "app/key"], {
    env: { ...process.env, SECRETS_MANAGER_MOCK_FIXTURES: fixtures },
    encoding: "utf8",
  });
  assert.equal(out.trim(), "registered");
});

test("the bin is installed and prints its usage", () => {
  const out = execFileSync(join("node_modules", ".bin", "secrets-manager-mock"), ["--help"], { encoding: "utf8" });
  assert.match(out, /^Usage: secrets-manager-mock serve/);
});
