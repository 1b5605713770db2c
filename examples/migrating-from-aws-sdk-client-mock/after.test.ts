/** After: the same suite on secrets-manager-mock. The fixtures answer every read; one stub stays. */
import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { secretsManagerMatchers, useSecretsManagerMock } from "secrets-manager-mock/jest";
import { getFeatureFlags, setFeatureFlag } from "./feature-flags";

expect.extend(secretsManagerMatchers);

const sm = useSecretsManagerMock({
  fixtures: { secrets: { "app/feature-flags": { SecretString: '{"darkMode":true}' } } },
});

test("reads the flags", async () => {
  await expect(getFeatureFlags()).resolves.toEqual({ darkMode: true });
  expect(sm).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: "app/feature-flags" });
});

test("creates the secret on first use", async () => {
  await expect(getFeatureFlags("app/new-flags")).resolves.toEqual({});
  expect(sm).toHaveReceivedCommandWith(CreateSecretCommand, { Name: "app/new-flags", SecretString: "{}" });
  // The secret now exists: the second read finds it instead of creating it again.
  await expect(getFeatureFlags("app/new-flags")).resolves.toEqual({});
  expect(sm).toHaveReceivedCommandTimes(CreateSecretCommand, 1);
});

test("sets a flag and keeps the others", async () => {
  await setFeatureFlag("beta", true);
  expect(sm).toHaveReceivedNthCommandWith(2, PutSecretValueCommand, { SecretString: '{"darkMode":true,"beta":true}' });
  await expect(getFeatureFlags()).resolves.toEqual({ darkMode: true, beta: true });
});

test("a throttled read reaches the caller", async () => {
  sm.on(GetSecretValueCommand).rejects({ name: "ThrottlingException", message: "Rate exceeded" });
  await expect(getFeatureFlags()).rejects.toThrow("Rate exceeded");
  expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
});
