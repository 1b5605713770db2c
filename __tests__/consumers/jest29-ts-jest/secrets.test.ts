/**
 * Jest 29 + ts-jest: ts-jest type-checks this file (diagnostics on), so the typed matchers from
 * secrets-manager-mock/jest and the handle's types are checked as a TypeScript user meets them.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, mockSecretsManager, type SecretsManagerMock } from "secrets-manager-mock";
import { secretsManagerMatchers, useSecretsManagerMock, type SecretsManagerMockHandle } from "secrets-manager-mock/jest";

expect.extend(secretsManagerMatchers);

describe("useSecretsManagerMock", () => {
  const sm: SecretsManagerMockHandle = useSecretsManagerMock({ fixtures: { secrets: { "app/api-key": { SecretString: "k1" } } } });
  const client = new SecretsManagerClient({});

  test("a put moves AWSCURRENT and the typed matchers see it", async () => {
    await client.send(new PutSecretValueCommand({ SecretId: "app/api-key", SecretString: "k2" }));
    const previous = await client.send(new GetSecretValueCommand({ SecretId: "app/api-key", VersionStage: "AWSPREVIOUS" }));
    expect(previous.SecretString).toBe("k1");
    expect(sm.mock).toHaveReceivedCommandWith(PutSecretValueCommand, { SecretString: "k2" });
  });

  test("a duplicate name is ResourceExistsException with AWS's message", async () => {
    const error: unknown = await client.send(new CreateSecretCommand({ Name: "app/api-key", SecretString: "x" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceExistsException);
    expect((error as ResourceExistsException).message).toBe("The operation failed because the secret app/api-key already exists.");
  });
});

test("mockSecretsManager on one client, with a manual clock", async () => {
  const clock = new ManualClock(new Date("2025-01-01T00:00:00Z"));
  const client = new SecretsManagerClient({ region: "ap-southeast-2" });
  const mock: SecretsManagerMock = mockSecretsManager(client, { clock });
  try {
    await client.send(new CreateSecretCommand({ Name: "timed", SecretString: "v" }));
    const described = await client.send(new DescribeSecretCommand({ SecretId: "timed" }));
    expect(described.CreatedDate).toEqual(new Date("2025-01-01T00:00:00Z"));
  } finally {
    mock.restore();
  }
});
