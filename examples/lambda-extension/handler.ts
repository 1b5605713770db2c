/**
 * A Lambda handler that reads its database credentials through the AWS Parameters and Secrets
 * Lambda Extension instead of an SDK client. Nothing in it knows about the mock: on Lambda the
 * extension layer answers on localhost:2773; on a developer's machine
 * `npx secrets-manager-mock serve --lambda-extension-port 2773` does (with any non-empty
 * AWS_SESSION_TOKEN in the environment).
 */

/** What the handler is asked for. */
export interface CredentialsEvent {
  secretId: string;
  /** A staging label, e.g. `AWSPREVIOUS` while a rotation is being checked. */
  versionStage?: string;
  versionId?: string;
}

/** What it answers: who it would connect as, and which version of the secret it read. */
export interface CredentialsResult {
  username: string;
  host: string;
  versionId: string;
  versionStages: string[];
  /** When this version was created, as the extension writes it (RFC 3339). */
  createdAt: string;
}

/** The part of the extension's JSON this handler reads (SecretString is null for a binary secret). */
interface ExtensionSecret {
  SecretString: string | null;
  CreatedDate: string;
  VersionId: string;
  VersionStages: string[];
}

async function getSecret(event: CredentialsEvent): Promise<ExtensionSecret> {
  const port = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? "2773";
  const query = new URLSearchParams({ secretId: event.secretId });
  if (event.versionStage !== undefined) query.set("versionStage", event.versionStage);
  if (event.versionId !== undefined) query.set("versionId", event.versionId);
  const response = await fetch(`http://localhost:${port}/secretsmanager/get?${query}`, {
    headers: { "X-Aws-Parameters-Secrets-Token": process.env.AWS_SESSION_TOKEN ?? "" },
  });
  if (!response.ok) {
    // The extension answers every error with 400 and one generic text; the cause is in its log.
    throw new Error(`The extension answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as ExtensionSecret;
}

/** The Lambda entry point. */
export async function handler(event: CredentialsEvent): Promise<CredentialsResult> {
  const secret = await getSecret(event);
  const credentials = JSON.parse(secret.SecretString ?? "{}") as { username?: string; host?: string };
  if (credentials.username === undefined || credentials.host === undefined) {
    throw new Error(`Secret ${event.secretId} has no username/host`);
  }
  return {
    username: credentials.username,
    host: credentials.host,
    versionId: secret.VersionId,
    versionStages: secret.VersionStages,
    createdAt: new Date(secret.CreatedDate).toISOString(),
  };
}
