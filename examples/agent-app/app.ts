/**
 * A small container-style app that reads its database password through the AWS Secrets Manager
 * Agent (a sidecar on localhost:2773 in ECS, EKS or EC2) and re-reads it with `refreshNow=true`
 * when the database refuses the cached one, the pattern AWS recommends after a rotation. Nothing
 * in it knows about the mock: on a developer's machine
 * `npx secrets-manager-mock serve --agent-port 2773` answers in the Agent's place.
 */

/** Where the Agent is and the token it wants (the Agent reads its own from AWS_TOKEN and friends). */
export interface AgentEndpoint {
  baseUrl: string;
  token: string;
}

/** The endpoint from the environment, as a container would have it. */
export function agentFromEnv(env: NodeJS.ProcessEnv = process.env): AgentEndpoint {
  return {
    baseUrl: env.SECRETS_MANAGER_AGENT_URL ?? "http://localhost:2773",
    token: env.AWS_TOKEN ?? env.AWS_SESSION_TOKEN ?? env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? "",
  };
}

/** The Agent's body (CreatedDate is epoch seconds in a string). */
interface AgentSecret {
  SecretString?: string;
  VersionId: string;
  CreatedDate: string;
}

/** Reads `secretId` through the Agent's path route; `refreshNow` bypasses its cache. */
export async function readSecret(agent: AgentEndpoint, secretId: string, refreshNow = false): Promise<AgentSecret> {
  const url = `${agent.baseUrl}/v1/${secretId}${refreshNow ? "?refreshNow=true" : ""}`;
  const response = await fetch(url, { headers: { "X-Aws-Parameters-Secrets-Token": agent.token } });
  if (!response.ok) throw new Error(`The Agent answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as AgentSecret;
}

/** A database that accepts one password (what a rotation changes). */
export interface Database {
  connect(password: string): boolean;
}

function passwordOf(secret: AgentSecret): string {
  return (JSON.parse(secret.SecretString ?? "{}") as { password?: string }).password ?? "";
}

/** Connects with the cached password; when refused, once more with a fresh read. Returns the version used. */
export async function connectWithRetry(
  agent: AgentEndpoint,
  secretId: string,
  db: Database,
): Promise<{ versionId: string; refreshed: boolean }> {
  const cached = await readSecret(agent, secretId);
  if (db.connect(passwordOf(cached))) return { versionId: cached.VersionId, refreshed: false };
  const fresh = await readSecret(agent, secretId, true);
  if (db.connect(passwordOf(fresh))) return { versionId: fresh.VersionId, refreshed: true };
  throw new Error(`Database refused the password of ${secretId} even after a refresh`);
}
