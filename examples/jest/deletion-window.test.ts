/**
 * Deletion windows with Jest fake timers: the store has no clock option, so it reads Date.now(),
 * which the fake timers control. DeleteSecret schedules the deletion; RestoreSecret cancels it
 * within the window; after the window the secret is gone.
 */
import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  ResourceNotFoundException,
  RestoreSecretCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { useSecretsManagerMock } from "secrets-manager-mock/jest";

const DAY = 24 * 60 * 60 * 1000;

useSecretsManagerMock({ fixtures: { secrets: { "prod/api-key": { SecretString: "key-1" } } } });
const client = new SecretsManagerClient({ region: "us-east-1" });

beforeEach(() => {
  jest.useFakeTimers().setSystemTime(new Date("2025-03-01T12:00:00.000Z"));
});
afterEach(() => {
  jest.useRealTimers();
});

test("a secret deleted with a 7-day window is gone 7 days + 1 ms later", async () => {
  const deleted = await client.send(new DeleteSecretCommand({ SecretId: "prod/api-key", RecoveryWindowInDays: 7 }));
  expect(deleted.DeletionDate).toEqual(new Date("2025-03-08T12:00:00.000Z"));

  // During the window: visible to DescribeSecret, but unusable.
  jest.setSystemTime(Date.now() + 7 * DAY - 1);
  expect((await client.send(new DescribeSecretCommand({ SecretId: "prod/api-key" }))).DeletedDate).toEqual(
    new Date("2025-03-01T12:00:00.000Z"),
  );
  await expect(client.send(new GetSecretValueCommand({ SecretId: "prod/api-key" }))).rejects.toBeInstanceOf(InvalidRequestException);

  jest.setSystemTime(new Date("2025-03-08T12:00:00.001Z"));
  await expect(client.send(new DescribeSecretCommand({ SecretId: "prod/api-key" }))).rejects.toBeInstanceOf(ResourceNotFoundException);
});

test("RestoreSecret within the window brings the secret back (fixtures are fresh again in this test)", async () => {
  await client.send(new DeleteSecretCommand({ SecretId: "prod/api-key", RecoveryWindowInDays: 7 }));
  jest.advanceTimersByTime(6 * DAY);
  await client.send(new RestoreSecretCommand({ SecretId: "prod/api-key" }));
  jest.advanceTimersByTime(30 * DAY);
  expect((await client.send(new GetSecretValueCommand({ SecretId: "prod/api-key" }))).SecretString).toBe("key-1");
});
