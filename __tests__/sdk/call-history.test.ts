/** mock.calls(): what the mock answered, with secret values redacted unless asked for. */
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  paginateListSecrets,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import { mockSecretsManager, REDACTED, SecretsStore } from "secrets-manager-mock";

function setup(options: { includeSecretsInHistory?: boolean } = {}) {
  const client = new SecretsManagerClient({ region: "eu-west-1" });
  const mock = mockSecretsManager(client, { seed: 1, ...options });
  return { client, mock };
}

test("records operation, input, output and region, in order", async () => {
  const { client, mock } = setup();
  await client.send(new CreateSecretCommand({ Name: "db", SecretString: "hunter2", Description: "d" }));
  await client.send(new GetSecretValueCommand({ SecretId: "db" }));
  const calls = mock.calls();
  expect(calls.map((c) => c.operation)).toEqual(["CreateSecret", "GetSecretValue"]);
  expect(calls[0]).toEqual({
    operation: "CreateSecret",
    input: { Name: "db", SecretString: REDACTED, Description: "d" },
    output: { ARN: expect.stringContaining(":secret:db-"), Name: "db", VersionId: expect.any(String) },
    region: "eu-west-1",
  });
  expect(calls[1].output).toMatchObject({ Name: "db", SecretString: "***", VersionStages: ["AWSCURRENT"] });
  expect(calls[1].output!.CreatedDate).toBeInstanceOf(Date);
  expect(JSON.stringify(calls)).not.toContain("hunter2");
});

test("errors are recorded as code + message", async () => {
  const { client, mock } = setup();
  await expect(client.send(new GetSecretValueCommand({ SecretId: "missing" }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  expect(mock.calls("GetSecretValue")).toEqual([
    {
      operation: "GetSecretValue",
      input: { SecretId: "missing" },
      error: { code: "ResourceNotFoundException", message: "Secrets Manager can't find the specified secret." },
      region: "eu-west-1",
    },
  ]);
});

test("filters by operation; includeSecrets shows values; SecretBinary, RandomPassword and nested values are redacted", async () => {
  const { client, mock } = setup();
  await client.send(new CreateSecretCommand({ Name: "bin", SecretBinary: new Uint8Array([1, 2]) }));
  await client.send(new CreateSecretCommand({ Name: "str", SecretString: "plain" }));
  await client.send(new UpdateSecretCommand({ SecretId: "str", SecretString: "new-value" }));
  await client.send(new GetRandomPasswordCommand({ PasswordLength: 12 }));
  await client.send(new BatchGetSecretValueCommand({ SecretIdList: ["bin", "str"] }));
  expect(mock.calls("UpdateSecret")).toHaveLength(1);
  expect(mock.calls("UpdateSecret")[0].input).toEqual({ SecretId: "str", SecretString: "***" });
  expect(mock.calls("UpdateSecret", { includeSecrets: true })[0].input).toEqual({ SecretId: "str", SecretString: "new-value" });
  expect(mock.calls("CreateSecret")[0].input.SecretBinary).toBe("***");
  expect(mock.calls("CreateSecret", { includeSecrets: true })[0].input.SecretBinary).toEqual(new Uint8Array([1, 2]));
  expect(mock.calls("GetRandomPassword")[0].output).toEqual({ RandomPassword: "***" });
  const batch = mock.calls("BatchGetSecretValue")[0].output as { SecretValues: Record<string, unknown>[] };
  expect(batch.SecretValues.map((v) => v.SecretString ?? v.SecretBinary)).toEqual(["***", "***"]);
  expect(JSON.stringify(mock.calls())).not.toMatch(/plain|new-value/);
});

test("the includeSecretsInHistory option keeps values by default", async () => {
  const { client, mock } = setup({ includeSecretsInHistory: true });
  await client.send(new CreateSecretCommand({ Name: "s", SecretString: "visible" }));
  expect(mock.calls()[0].input.SecretString).toBe("visible");
});

test("entries are copies: changing them changes neither the history nor the store", async () => {
  const store = new SecretsStore();
  const client = new SecretsManagerClient({});
  const mock = mockSecretsManager(client, { store });
  await client.send(new CreateSecretCommand({ Name: "b", SecretBinary: new Uint8Array([5]) }));
  await client.send(new GetSecretValueCommand({ SecretId: "b" }));
  const entry = mock.calls("GetSecretValue", { includeSecrets: true })[0];
  (entry.output!.SecretBinary as Uint8Array)[0] = 99;
  (entry.output!.VersionStages as string[]).push("HACKED");
  entry.input.SecretId = "other";
  expect(mock.calls("GetSecretValue", { includeSecrets: true })[0].input.SecretId).toBe("b");
  expect((await client.send(new GetSecretValueCommand({ SecretId: "b" }))).SecretBinary).toEqual(new Uint8Array([5]));
  expect(mock.calls("GetSecretValue", { includeSecrets: true })[0].output!.VersionStages).toEqual(["AWSCURRENT"]);
});

test("resetHistory forgets calls; callCount counts without copying", async () => {
  const { client, mock } = setup();
  await client.send(new CreateSecretCommand({ Name: "s", SecretString: "v" }));
  await client.send(new GetSecretValueCommand({ SecretId: "s" }));
  expect(mock.callCount()).toBe(2);
  expect(mock.callCount("GetSecretValue")).toBe(1);
  mock.resetHistory();
  expect(mock.calls()).toEqual([]);
  await client.send(new GetSecretValueCommand({ SecretId: "s" }));
  expect(mock.calls().map((c) => c.operation)).toEqual(["GetSecretValue"]);
});

test("two mocks on one store keep separate histories", async () => {
  const store = new SecretsStore();
  const a = new SecretsManagerClient({});
  const b = new SecretsManagerClient({});
  const ma = mockSecretsManager(a, { store });
  const mb = mockSecretsManager(b, { store });
  await a.send(new CreateSecretCommand({ Name: "s", SecretString: "v" }));
  await b.send(new GetSecretValueCommand({ SecretId: "s" }));
  expect(ma.calls().map((c) => c.operation)).toEqual(["CreateSecret"]);
  expect(mb.calls().map((c) => c.operation)).toEqual(["GetSecretValue"]);
});

test("historyLimit keeps only the most recent calls", async () => {
  const client = new SecretsManagerClient({});
  const mock = mockSecretsManager(client, { historyLimit: 3 });
  for (let i = 0; i < 10; i++) await client.send(new CreateSecretCommand({ Name: `s${i}` }));
  expect(mock.calls().map((c) => c.input.Name)).toEqual(["s7", "s8", "s9"]);
  expect(mock.callCount("CreateSecret")).toBe(3);
});

test("historyLimit: 0 records nothing", async () => {
  const client = new SecretsManagerClient({});
  const mock = mockSecretsManager(client, { historyLimit: 0 });
  for (let i = 0; i < 5; i++) await client.send(new CreateSecretCommand({ Name: `s${i}` }));
  expect(mock.calls()).toEqual([]);
  expect(mock.callCount("CreateSecret")).toBe(0);
});

test("a paginate… walk shows each page's own NextToken (the SDK's paginator reuses one input object)", async () => {
  const { client, mock } = setup();
  for (const name of ["a", "b", "c"]) await client.send(new CreateSecretCommand({ Name: name }));
  mock.resetHistory();
  const tokens: (string | undefined)[] = [];
  for await (const page of paginateListSecrets({ client, pageSize: 1 }, {})) tokens.push(page.NextToken);
  const inputs = mock.calls("ListSecrets").map((c) => c.input);
  expect(inputs).toHaveLength(3);
  expect(inputs.map((i) => i.NextToken)).toEqual([undefined, tokens[0], tokens[1]]);
  expect(inputs.every((i) => i.MaxResults === 1)).toBe(true);
  expect(new Set(tokens.slice(0, 2)).size).toBe(2);
});

test("the output of a call is the response the code received, with $metadata left out", async () => {
  const { client, mock } = setup();
  const created = await client.send(new CreateSecretCommand({ Name: "db" }));
  expect(created.$metadata.httpStatusCode).toBe(200);
  const [call] = mock.calls();
  expect(call.output).toEqual({ ARN: created.ARN, Name: "db" });
  expect(call.output).not.toHaveProperty("$metadata");
});
