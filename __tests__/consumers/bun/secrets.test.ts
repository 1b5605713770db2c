/**
 * bun test: useSecretsManagerMock from secrets-manager-mock/jest with no hooks passed (they come
 * from bun:test), the matchers on Bun's expect, a stub, one client and the class mocked.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import { describe, expect, test } from "bun:test";
import { mockSecretsManager, SecretsStore } from "secrets-manager-mock";
import { secretsManagerMatchers, useSecretsManagerMock } from "secrets-manager-mock/jest";

expect.extend(secretsManagerMatchers);

describe("useSecretsManagerMock() with no hooks passed", () => {
  const sm = useSecretsManagerMock({ seed: 1, fixtures: { secrets: { "app/db": { SecretString: "initial" } } } });
  const client = new SecretsManagerClient({ region: "us-east-1" });

  test("a test changes the fixture and the matchers see its calls", async () => {
    await client.send(new UpdateSecretCommand({ SecretId: "app/db", SecretString: "changed" }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).SecretString).toBe("changed");
    expect(sm.mock).toHaveReceivedCommandWith(UpdateSecretCommand, { SecretId: "app/db" });
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
  });

  test("the next test starts from the fixtures again, with an empty call history", async () => {
    expect(sm).not.toHaveReceivedAnyCommand();
    expect((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).SecretString).toBe("initial");
    expect(() => expect(sm).toHaveReceivedCommand(UpdateSecretCommand)).toThrow(/UpdateSecretCommand/);
  });

  test("a stub answers its call and ends with the test", async () => {
    sm.on(GetSecretValueCommand, { SecretId: "app/db" }).resolvesOnce({ SecretString: "stubbed" });
    expect((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).SecretString).toBe("stubbed");
    expect((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).SecretString).toBe("initial");
    sm.on(DescribeSecretCommand).rejects("ResourceNotFoundException");
    await expect(client.send(new DescribeSecretCommand({ SecretId: "app/db" }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  test("the stub of the previous test is gone", async () => {
    expect((await client.send(new DescribeSecretCommand({ SecretId: "app/db" }))).Name).toBe("app/db");
  });
});

test("one client mocked: another client is left alone", async () => {
  const mocked = new SecretsManagerClient({ region: "eu-west-1" });
  const other = new SecretsManagerClient({ region: "eu-west-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
  const mock = mockSecretsManager(mocked, { store: new SecretsStore({ seed: 2 }) });
  try {
    const created = await mocked.send(new CreateSecretCommand({ Name: "one", SecretString: "v" }));
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:eu-west-1:123456789012:secret:one-[A-Za-z0-9]{6}$/);
    expect(mock.calls()).toHaveLength(1);
    // The mock is a middleware of that client alone.
    expect(mocked.middlewareStack.identify()).toContain("secretsManagerMock - initialize");
    expect(other.middlewareStack.identify()).not.toContain("secretsManagerMock - initialize");
  } finally {
    mock.restore();
  }
});

test("the class mocked: every client, even one made later, is answered by one store", async () => {
  const mock = mockSecretsManager(SecretsManagerClient, { fixtures: { secrets: { k: { SecretString: "from-fixture" } } } });
  try {
    const client = new SecretsManagerClient({ region: "us-east-1" });
    expect((await client.send(new GetSecretValueCommand({ SecretId: "k" }))).SecretString).toBe("from-fixture");
    expect(mock).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: "k" });
  } finally {
    mock.restore();
  }
});
