/**
 * The endpoint answers while a test has fake timers installed: its answers must not wait for a
 * timer the test controls (Jest's modern fake timers replace setImmediate as well as setTimeout).
 */
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";

let server: SecretsManagerServer;
let client: SecretsManagerClient;
beforeEach(async () => {
  server = await startSecretsManagerServer({ port: 0 });
  client = new SecretsManagerClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
});
afterEach(async () => {
  jest.useRealTimers();
  client.destroy();
  await server.close();
});

test.each([
  ["Jest's modern fake timers", () => jest.useFakeTimers()],
  ["fake timers that leave only nextTick and queueMicrotask real", () => jest.useFakeTimers({ doNotFake: ["nextTick", "queueMicrotask"] })],
])("with %s installed, an SDK client's calls are answered without advancing them", async (_what, install) => {
  install();
  const created = await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v" }));
  expect(created.Name).toBe("db");
  expect(created.$metadata.httpStatusCode).toBe(200);
  expect((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("v");
});
