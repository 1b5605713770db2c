import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { mockSecretsManager, startSecretsManagerServer } from "secrets-manager-mock";
import { useSecretsManagerMock } from "secrets-manager-mock/jest";
import { useSecretsManagerMock as useForVitest } from "secrets-manager-mock/vitest";

test("import: the mock answers a client", async () => {
  const client = new SecretsManagerClient({});
  const mock = mockSecretsManager(client);
  await client.send(new CreateSecretCommand({ Name: "esm", SecretString: "from-esm" }));
  assert.equal((await client.send(new GetSecretValueCommand({ SecretId: "esm" }))).SecretString, "from-esm");
  mock.restore();
});

test("import: the test helpers load and take node:test's hooks", () => {
  const hooks = { beforeEach: () => undefined, afterEach: () => undefined };
  assert.equal(typeof useSecretsManagerMock({}, hooks).store.region, "string");
  assert.equal(typeof useForVitest({}, hooks).store.region, "string");
});

test("the local endpoint serves the SDK over HTTP", async () => {
  const server = await startSecretsManagerServer({ port: 0 });
  try {
    const client = new SecretsManagerClient({
      endpoint: server.url,
      region: "us-east-1",
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    });
    await client.send(new CreateSecretCommand({ Name: "http", SecretString: "over-http" }));
    assert.equal((await client.send(new GetSecretValueCommand({ SecretId: "http" }))).SecretString, "over-http");
  } finally {
    await server.close();
  }
});

test("--import secrets-manager-mock/register serves an application's own client", () => {
  const fixtures = join(mkdtempSync(join(tmpdir(), "smm-node-")), "fixtures.json");
  writeFileSync(fixtures, JSON.stringify({ secrets: { "app/key": { SecretString: "registered" } } }));
  const out = execFileSync(process.execPath, ["--import", "secrets-manager-mock/register", "app.cjs", "app/key"], {
    env: { ...process.env, SECRETS_MANAGER_MOCK_FIXTURES: fixtures },
    encoding: "utf8",
  });
  assert.equal(out.trim(), "registered");
});
