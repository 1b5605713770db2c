/**
 * The container app, unchanged, against the mock's Agent listener: after a rotation the Agent
 * keeps serving the old password for its TTL, the database refuses it, and the app's refreshNow
 * read gets the new one; a ManualClock shows the cache expiring on its own.
 */
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore, startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";
import { agentFromEnv, connectWithRetry, readSecret, type AgentEndpoint, type Database } from "./app";

const clock = new ManualClock("2024-05-01T09:00:00Z");
let server: SecretsManagerServer;
let client: SecretsManagerClient;
let agent: AgentEndpoint;

beforeAll(async () => {
  // The Agent's token comes from the container's environment (AWS_TOKEN here).
  server = await startSecretsManagerServer({
    port: 0,
    agentPort: 0,
    agent: { env: { AWS_TOKEN: "container-token" } },
    store: new SecretsStore({ clock }),
  });
  client = new SecretsManagerClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  agent = agentFromEnv({ SECRETS_MANAGER_AGENT_URL: server.agentUrl, AWS_TOKEN: "container-token" });
});

afterAll(async () => {
  client.destroy();
  await server.close();
});

test("after a password change the cached value is refused; the app's refreshNow read connects", async () => {
  await client.send(new CreateSecretCommand({ Name: "prod/db", SecretString: JSON.stringify({ password: "old" }) }));
  let accepted = "old";
  const db: Database = { connect: (password) => password === accepted };
  expect(await connectWithRetry(agent, "prod/db", db)).toMatchObject({ refreshed: false });

  const changed = await client.send(new PutSecretValueCommand({ SecretId: "prod/db", SecretString: JSON.stringify({ password: "new" }) }));
  accepted = "new";
  expect(JSON.parse((await readSecret(agent, "prod/db")).SecretString!).password).toBe("old");
  expect(await connectWithRetry(agent, "prod/db", db)).toEqual({ versionId: changed.VersionId, refreshed: true });
  // refreshNow put the new value into the cache: the next plain read has it.
  expect(await connectWithRetry(agent, "prod/db", db)).toEqual({ versionId: changed.VersionId, refreshed: false });
});

test("without refreshNow the new value arrives once the Agent's TTL (300 s) has passed", async () => {
  await client.send(new CreateSecretCommand({ Name: "prod/api", SecretString: JSON.stringify({ password: "a" }) }));
  await readSecret(agent, "prod/api");
  await client.send(new PutSecretValueCommand({ SecretId: "prod/api", SecretString: JSON.stringify({ password: "b" }) }));
  expect(JSON.parse((await readSecret(agent, "prod/api")).SecretString!).password).toBe("a");
  clock.advance({ seconds: 301 });
  expect(JSON.parse((await readSecret(agent, "prod/api")).SecretString!).password).toBe("b");
});

test("a wrong token is refused with the Agent's 403", async () => {
  await expect(readSecret({ ...agent, token: "other" }, "prod/db")).rejects.toThrow("The Agent answered 403: Bad Token");
});
