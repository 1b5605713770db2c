/** The code under test: feature flags kept as one JSON secret, created on first use. */
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";

const client = new SecretsManagerClient({ region: "us-east-1" });

export async function getFeatureFlags(name = "app/feature-flags"): Promise<Record<string, boolean>> {
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: name }));
    return JSON.parse(SecretString ?? "{}") as Record<string, boolean>;
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) throw e;
    await client.send(new CreateSecretCommand({ Name: name, SecretString: "{}" }));
    return {};
  }
}

export async function setFeatureFlag(flag: string, on: boolean, name = "app/feature-flags"): Promise<void> {
  const flags = await getFeatureFlags(name);
  await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: JSON.stringify({ ...flags, [flag]: on }) }));
}
