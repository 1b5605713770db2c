/** Before: the suite on aws-sdk-client-mock and aws-sdk-client-mock-jest. Every read is stubbed. */
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-jest";
import { getFeatureFlags, setFeatureFlag } from "./feature-flags";

const smMock = mockClient(SecretsManagerClient);

beforeEach(() => {
  smMock.reset();
});

test("reads the flags", async () => {
  smMock.on(GetSecretValueCommand, { SecretId: "app/feature-flags" }).resolves({ SecretString: '{"darkMode":true}' });
  await expect(getFeatureFlags()).resolves.toEqual({ darkMode: true });
  expect(smMock).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: "app/feature-flags" });
});

test("creates the secret on first use", async () => {
  smMock
    .on(GetSecretValueCommand)
    .rejects(new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} }));
  smMock.on(CreateSecretCommand).resolves({ Name: "app/new-flags" });
  await expect(getFeatureFlags("app/new-flags")).resolves.toEqual({});
  expect(smMock).toHaveReceivedCommandWith(CreateSecretCommand, { Name: "app/new-flags", SecretString: "{}" });
});

test("sets a flag and keeps the others", async () => {
  smMock.on(GetSecretValueCommand).resolves({ SecretString: '{"darkMode":true}' });
  smMock.on(PutSecretValueCommand).resolves({});
  await setFeatureFlag("beta", true);
  expect(smMock).toHaveReceivedNthCommandWith(2, PutSecretValueCommand, { SecretString: '{"darkMode":true,"beta":true}' });
});

test("a throttled read reaches the caller", async () => {
  smMock.on(GetSecretValueCommand).rejects({ name: "ThrottlingException", message: "Rate exceeded" });
  await expect(getFeatureFlags()).rejects.toThrow("Rate exceeded");
  expect(smMock).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
});
