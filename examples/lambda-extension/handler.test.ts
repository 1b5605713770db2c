/**
 * The extension handler, unchanged, against the mock's Lambda extension listener: the test sets
 * the two environment variables Lambda would set, and seeds the store through a real client.
 */
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore, startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";
import { handler } from "./handler";

const clock = new ManualClock("2024-05-01T09:00:00Z");
let server: SecretsManagerServer;
let client: SecretsManagerClient;
const saved = { port: process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, token: process.env.AWS_SESSION_TOKEN };

beforeAll(async () => {
  server = await startSecretsManagerServer({
    port: 0,
    lambdaExtensionPort: 0,
    lambdaExtension: { log: () => undefined },
    store: new SecretsStore({ clock }),
  });
  client = new SecretsManagerClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT = String(server.lambdaExtensionPort);
  process.env.AWS_SESSION_TOKEN = "session-token-of-the-function";
});

afterAll(async () => {
  client.destroy();
  await server.close();
  for (const [name, value] of [
    ["PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", saved.port],
    ["AWS_SESSION_TOKEN", saved.token],
  ] as const) {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- process.env is not a Map: deleting is how a variable is unset (assigning undefined would set "undefined")
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

test("the handler reads the current credentials, then the previous ones by stage and by version id", async () => {
  const first = await client.send(
    new CreateSecretCommand({ Name: "prod/db", SecretString: JSON.stringify({ username: "app", host: "db-1", password: "p1" }) }),
  );
  const second = await client.send(
    new PutSecretValueCommand({ SecretId: "prod/db", SecretString: JSON.stringify({ username: "app2", host: "db-2", password: "p2" }) }),
  );

  expect(await handler({ secretId: "prod/db" })).toEqual({
    username: "app2",
    host: "db-2",
    versionId: second.VersionId,
    versionStages: ["AWSCURRENT"],
    createdAt: "2024-05-01T09:00:00.000Z",
  });
  expect(await handler({ secretId: "prod/db", versionStage: "AWSPREVIOUS" })).toEqual({
    username: "app",
    host: "db-1",
    versionId: first.VersionId,
    versionStages: ["AWSPREVIOUS"],
    createdAt: "2024-05-01T09:00:00.000Z",
  });
  expect((await handler({ secretId: first.ARN!, versionId: first.VersionId! })).username).toBe("app");
});

test("an unknown secret fails with the extension's 400 and its one text", async () => {
  await expect(handler({ secretId: "prod/missing" })).rejects.toThrow("answered 400: an unexpected error occurred while executing request");
});

test("the extension caches for SECRETS_MANAGER_TTL (300 s): a new value reaches the handler only after it", async () => {
  await client.send(new CreateSecretCommand({ Name: "cached/db", SecretString: JSON.stringify({ username: "u1", host: "h" }) }));
  expect((await handler({ secretId: "cached/db" })).username).toBe("u1");
  await client.send(new PutSecretValueCommand({ SecretId: "cached/db", SecretString: JSON.stringify({ username: "u2", host: "h" }) }));
  expect((await handler({ secretId: "cached/db" })).username).toBe("u1");
  clock.advance({ minutes: 5, seconds: 1 });
  expect((await handler({ secretId: "cached/db" })).username).toBe("u2");
});

test("without AWS_SESSION_TOKEN the extension refuses the call", async () => {
  const token = process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_SESSION_TOKEN;
  try {
    await expect(handler({ secretId: "prod/db" })).rejects.toThrow(/answered 400/);
  } finally {
    process.env.AWS_SESSION_TOKEN = token;
  }
});
