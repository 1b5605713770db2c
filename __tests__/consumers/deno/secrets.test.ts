/**
 * deno test, type-checked: node:test's describe/test with useSecretsManagerMock from
 * secrets-manager-mock/node-test (fixtures reset between tests), the matchers on `expect` from npm,
 * a stub, one client and the class mocked, the local endpoint started from code.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import { expect } from "expect";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { mockSecretsManager, SecretsStore, startSecretsManagerServer } from "secrets-manager-mock";
import { secretsManagerMatchers } from "secrets-manager-mock/jest";
import { assertNotReceivedAnyCommand, assertReceivedCommandTimes, useSecretsManagerMock } from "secrets-manager-mock/node-test";

expect.extend(secretsManagerMatchers);

describe("useSecretsManagerMock() on node:test's hooks", () => {
  const sm = useSecretsManagerMock({ seed: 1, fixtures: { secrets: { "app/db": { SecretString: "initial" } } } });
  const client = new SecretsManagerClient({ region: "us-east-1" });

  test("a test changes the fixture and the matchers see its calls", async () => {
    await client.send(new UpdateSecretCommand({ SecretId: "app/db", SecretString: "changed" }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).SecretString).toBe("changed");
    expect(sm.mock).toHaveReceivedCommandWith(UpdateSecretCommand, { SecretId: "app/db" });
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
  });

  test("the next test starts from the fixtures again, with an empty call history", async () => {
    assertNotReceivedAnyCommand(sm);
    assert.equal((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).SecretString, "initial");
    assertReceivedCommandTimes(sm, GetSecretValueCommand, 1);
    expect(() => expect(sm).toHaveReceivedCommand(UpdateSecretCommand)).toThrow(/UpdateSecretCommand/);
  });

  test("a stub answers its call and ends with the test", async () => {
    sm.on(GetSecretValueCommand, { SecretId: "app/db" }).resolvesOnce({ SecretString: "stubbed" });
    assert.equal((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).SecretString, "stubbed");
    assert.equal((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).SecretString, "initial");
    sm.on(DescribeSecretCommand).rejects("ResourceNotFoundException");
    await assert.rejects(client.send(new DescribeSecretCommand({ SecretId: "app/db" })), ResourceNotFoundException);
  });

  test("the stub of the previous test is gone", async () => {
    assert.equal((await client.send(new DescribeSecretCommand({ SecretId: "app/db" }))).Name, "app/db");
  });
});

Deno.test("one client mocked: another client is left alone", async () => {
  const mocked = new SecretsManagerClient({ region: "eu-west-1" });
  const other = new SecretsManagerClient({ region: "eu-west-1" });
  const mock = mockSecretsManager(mocked, { store: new SecretsStore({ seed: 2 }) });
  try {
    const created = await mocked.send(new CreateSecretCommand({ Name: "one", SecretString: "v" }));
    assert.match(created.ARN ?? "", /^arn:aws:secretsmanager:eu-west-1:123456789012:secret:one-[A-Za-z0-9]{6}$/);
    assert.equal(mock.calls().length, 1);
    assert.ok(mocked.middlewareStack.identify().includes("secretsManagerMock - initialize"));
    assert.ok(!other.middlewareStack.identify().includes("secretsManagerMock - initialize"));
  } finally {
    mock.restore();
  }
});

Deno.test("the class mocked: every client, even one made later, is answered by one store", async () => {
  const mock = mockSecretsManager(SecretsManagerClient, { fixtures: { secrets: { k: { SecretString: "from-fixture" } } } });
  try {
    const client = new SecretsManagerClient({ region: "us-east-1" });
    assert.equal((await client.send(new GetSecretValueCommand({ SecretId: "k" }))).SecretString, "from-fixture");
    expect(mock).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: "k" });
  } finally {
    mock.restore();
  }
});

Deno.test("the local endpoint from code serves an SDK client over HTTP", async () => {
  const server = await startSecretsManagerServer({ port: 0 });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new SecretsManagerClient({
      endpoint: server.url,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "over-http" }));
    assert.equal((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString, "over-http");
    client.destroy();
  } finally {
    await server.close();
  }
});
