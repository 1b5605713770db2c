/**
 * The application code under test: it reads its database credentials from Secrets Manager with
 * its own client, as production code does. Nothing here knows about the mock.
 */
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

export interface DbCredentials {
  host: string;
  username: string;
  password: string;
}

const client = new SecretsManagerClient({ region: "us-east-1" });

/** Reads and parses the JSON secret `secretId`; a missing secret is reported with its name. */
export async function loadDbCredentials(secretId = "prod/db"): Promise<DbCredentials> {
  let secretString: string | undefined;
  try {
    secretString = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  } catch (e) {
    if ((e as Error).name === "ResourceNotFoundException") throw new Error(`database secret ${secretId} does not exist`, { cause: e });
    throw e;
  }
  if (secretString === undefined) throw new Error(`database secret ${secretId} is binary, expected JSON`);
  const parsed = JSON.parse(secretString) as Partial<DbCredentials>;
  if (!parsed.host || !parsed.username || !parsed.password) throw new Error(`database secret ${secretId} is incomplete`);
  return { host: parsed.host, username: parsed.username, password: parsed.password };
}
