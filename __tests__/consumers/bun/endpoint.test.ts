/**
 * bun test: the local endpoint started from code, and Bun's fake timers (jest.useFakeTimers) leave
 * the endpoint's answers and persistence's writes working, as under Jest and Vitest.
 */
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterEach, expect, jest, test } from "bun:test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mockSecretsManager, SecretsStore, startSecretsManagerServer } from "secrets-manager-mock";

afterEach(() => {
  jest.useRealTimers();
});

const credentials = { accessKeyId: "test", secretAccessKey: "test" };

test("the endpoint from code serves an SDK client over HTTP, with fake timers installed", async () => {
  const server = await startSecretsManagerServer({ port: 0 });
  try {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    jest.useFakeTimers();
    const client = new SecretsManagerClient({ endpoint: server.url, region: "us-east-1", credentials });
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "over-http" }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("over-http");
    expect(server.store.getSecret(server.store.accountId, "us-east-1", "db")).toBeDefined();
    client.destroy();
  } finally {
    jest.useRealTimers();
    await server.close();
  }
});

test("a persisted store writes its file under fake timers, with the faked clock's dates", async () => {
  jest.useFakeTimers();
  jest.setSystemTime(new Date("2025-01-01T00:00:00Z"));
  const file = join(mkdtempSync(join(tmpdir(), "smm-bun-")), "state.json");
  const store = new SecretsStore({ persist: { path: file } });
  const client = new SecretsManagerClient({ region: "us-east-1", credentials });
  const mock = mockSecretsManager(client, { store });
  try {
    await client.send(new CreateSecretCommand({ Name: "kept", SecretString: "x" }));
    await store.flush();
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(saved.partitions[0].secrets[0].name).toBe("kept");
    expect(saved.partitions[0].secrets[0].createdDate).toBe("2025-01-01T00:00:00.000Z");
  } finally {
    mock.restore();
    await store.close();
  }
});
