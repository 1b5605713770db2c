/**
 * Testing an application function that reads a secret: fixtures describe the secrets, every test
 * starts from them, and the matchers check what the app asked for.
 */
import { GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { secretsManagerMatchers, useSecretsManagerMock } from "secrets-manager-mock/jest";
import { loadDbCredentials } from "./app";

expect.extend(secretsManagerMatchers);

const sm = useSecretsManagerMock({
  fixtures: {
    secrets: {
      "prod/db": { SecretString: JSON.stringify({ host: "db.internal", username: "app", password: "s3cr3t" }), Tags: { team: "core" } },
      "prod/broken": { SecretString: JSON.stringify({ host: "db.internal" }) },
    },
  },
});

test("reads and parses the credentials", async () => {
  await expect(loadDbCredentials()).resolves.toEqual({ host: "db.internal", username: "app", password: "s3cr3t" });
  expect(sm.mock).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
  expect(sm.mock).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: "prod/db" });
});

test("a missing secret gives a clear error", async () => {
  await expect(loadDbCredentials("prod/nope")).rejects.toThrow("database secret prod/nope does not exist");
});

test("an incomplete secret is refused", async () => {
  await expect(loadDbCredentials("prod/broken")).rejects.toThrow("incomplete");
});

test("sees a rotated password (changed through the store, just for this test)", async () => {
  sm.store.seed({
    secrets: {
      "prod/db-rotated": {
        Versions: [
          { SecretString: '{"host":"h","username":"u","password":"old"}' },
          { SecretString: '{"host":"h","username":"u","password":"new"}' },
        ],
      },
    },
  });
  expect((await loadDbCredentials("prod/db-rotated")).password).toBe("new");
});

test("throttling from Secrets Manager reaches the caller", async () => {
  sm.mock.failNext("GetSecretValue", { code: "ThrottlingException" });
  await expect(loadDbCredentials()).rejects.toMatchObject({ name: "ThrottlingException", message: "Rate exceeded" });
});

test("the previous test's fault and secret are gone", async () => {
  await expect(loadDbCredentials()).resolves.toMatchObject({ password: "s3cr3t" });
  await expect(loadDbCredentials("prod/db-rotated")).rejects.toThrow("does not exist");
});
