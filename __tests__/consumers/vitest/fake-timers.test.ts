/** Vitest's fake timers don't stall an in-process endpoint (its answers go out with node:timers). */
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterEach, expect, test, vi } from "vitest";
import { startSecretsManagerServer } from "secrets-manager-mock";

afterEach(() => {
  vi.useRealTimers();
});

test("with vi.useFakeTimers() installed, an SDK client pointed at startSecretsManagerServer() is answered", async () => {
  const server = await startSecretsManagerServer({ port: 0 });
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "setInterval", "clearInterval", "Date"] });
  const client = new SecretsManagerClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v" }));
  expect((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("v");
  client.destroy();
  vi.useRealTimers();
  await server.close();
});
