/** Vitest without globals: the hooks are imported from Vitest and handed to useSecretsManagerMock. */
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { secretsManagerMatchers, useSecretsManagerMock } from "secrets-manager-mock/vitest";

expect.extend(secretsManagerMatchers);
const originalSend = SecretsManagerClient.prototype.send;

describe("useSecretsManagerMock(options, { beforeEach, afterEach })", () => {
  const sm = useSecretsManagerMock({ fixtures: { secrets: { db: { SecretString: "pw" } } } }, { beforeEach, afterEach });
  const client = new SecretsManagerClient({});

  test("every client is served from the fixtures; the matchers see the calls", async () => {
    expect(SecretsManagerClient.prototype.send).not.toBe(originalSend);
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "changed" }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("changed");
    expect(sm).toHaveReceivedCommandTimes(PutSecretValueCommand, 1);
    expect(sm.mock).toHaveReceivedCommandWith("GetSecretValue", { SecretId: "db" });
  });

  test("the next test starts from the fixtures again, with an empty history", async () => {
    expect(sm.mock).not.toHaveReceivedCommand(PutSecretValueCommand);
    expect((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("pw");
    const error = await client.send(new GetSecretValueCommand({ SecretId: "missing" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe("without globals", () => {
  test("calling it without hooks says how to pass them", () => {
    expect(() => useSecretsManagerMock()).toThrow("secrets-manager-mock/vitest: no global beforeEach/afterEach. Pass them");
  });

  test("the client class is restored after the suite above", () => {
    expect(SecretsManagerClient.prototype.send).toBe(originalSend);
  });
});
