/** Vitest with `globals: true`: useSecretsManagerMock finds beforeEach/afterEach on globalThis. */
import { CreateSecretCommand, DescribeSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { describe, expect, test } from "vitest";
import { secretsManagerMatchers, useSecretsManagerMock } from "secrets-manager-mock/vitest";

expect.extend(secretsManagerMatchers);

describe("useSecretsManagerMock() with Vitest's globals", () => {
  const client = new SecretsManagerClient({ region: "eu-west-1" });
  const sm = useSecretsManagerMock({ client, isolation: "fresh", seed: 3 });

  test("a test creates a secret in its own store", async () => {
    const created = await client.send(new CreateSecretCommand({ Name: "app/key", SecretString: "v" }));
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:eu-west-1:123456789012:secret:app\/key-[A-Za-z0-9]{6}$/);
    expect(sm.store.getSecret(sm.store.accountId, "eu-west-1", "app/key")).toBeDefined();
  });

  test("the next test has a fresh store: the secret is gone", async () => {
    await expect(client.send(new DescribeSecretCommand({ SecretId: "app/key" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    expect(sm).toHaveReceivedCommand(DescribeSecretCommand);
  });
});
