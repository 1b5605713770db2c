/**
 * A ready rotation function for the common case: a JSON secret whose `password` key gets a new
 * random password on every rotation, other keys kept. It follows the four steps of AWS's rotation
 * Lambda template, through the Secrets Manager API only.
 */
import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
  type GetRandomPasswordRequest,
  type SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import type { RotationFunction } from "../store/rotation-functions.js";

/** Options of {@link passwordRotationFunction}. */
export interface PasswordRotationOptions {
  /** The JSON key that holds the password (default `password`). */
  passwordKey?: string;
  /** How new passwords are generated (GetRandomPassword's switches; default: its defaults). */
  password?: GetRandomPasswordRequest;
  /**
   * The setSecret step: make the pending credentials valid in the system that uses them (e.g.
   * change the database user's password). Default: nothing to do.
   */
  setSecret?: (pending: Record<string, unknown>, current: Record<string, unknown>) => void | Promise<void>;
  /**
   * The testSecret step: check that the pending credentials work; throw to fail the rotation.
   * Default: the pending value must be a JSON object holding a password.
   */
  testSecret?: (pending: Record<string, unknown>) => void | Promise<void>;
}

const isNotFound = (e: unknown) => (e as { name?: string } | null)?.name === "ResourceNotFoundException";

async function readJson(
  client: SecretsManagerClient,
  input: { SecretId: string; VersionId?: string; VersionStage: string },
): Promise<Record<string, unknown>> {
  const out = await client.send(new GetSecretValueCommand(input));
  let parsed: unknown;
  try {
    parsed = JSON.parse(out.SecretString ?? "");
  } catch {
    // Never echo the value itself: it is a secret.
    throw new Error(`passwordRotationFunction: the ${input.VersionStage} value of ${input.SecretId} is not JSON`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error(`passwordRotationFunction: the ${input.VersionStage} value of ${input.SecretId} is not a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * A rotation function that puts a new random password into the `password` key of a JSON secret.
 *
 * - createSecret: unless the pending version already has a value, writes the current JSON with a
 *   new password (GetRandomPassword) as the pending version (PutSecretValue with the token and
 *   `VersionStages: ["AWSPENDING"]`).
 * - setSecret / testSecret: the `setSecret` / `testSecret` hooks (by default nothing / a shape check).
 * - finishSecret: moves AWSCURRENT to the new version (the old one becomes AWSPREVIOUS) and takes
 *   AWSPENDING off it.
 *
 * @example
 * ```ts
 * const arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate-db";
 * store.registerRotationFunction(arn, passwordRotationFunction({ password: { ExcludePunctuation: true } }));
 * await client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: arn, RotationRules: { AutomaticallyAfterDays: 30 } }));
 * ```
 */
export function passwordRotationFunction(options: PasswordRotationOptions = {}): RotationFunction {
  const key = options.passwordKey ?? "password";
  return async (event, { client }) => {
    const { SecretId: arn, ClientRequestToken: token, Step: step } = event;
    const meta = await client.send(new DescribeSecretCommand({ SecretId: arn }));
    if (meta.RotationEnabled !== true) throw new Error(`passwordRotationFunction: rotation is not enabled for ${arn}`);
    const stages = meta.VersionIdsToStages?.[token];
    if (stages === undefined) throw new Error(`passwordRotationFunction: version ${token} has no stage for rotation of ${arn}`);
    if (stages.includes("AWSCURRENT")) return;
    if (!stages.includes("AWSPENDING")) throw new Error(`passwordRotationFunction: version ${token} is not AWSPENDING for ${arn}`);

    switch (step) {
      case "createSecret": {
        const current = await readJson(client, { SecretId: arn, VersionStage: "AWSCURRENT" });
        try {
          await client.send(new GetSecretValueCommand({ SecretId: arn, VersionId: token, VersionStage: "AWSPENDING" }));
          return;
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
        const { RandomPassword } = await client.send(new GetRandomPasswordCommand(options.password ?? {}));
        const pending = { ...current, [key]: RandomPassword };
        await client.send(
          new PutSecretValueCommand({
            SecretId: arn,
            ClientRequestToken: token,
            SecretString: JSON.stringify(pending),
            VersionStages: ["AWSPENDING"],
          }),
        );
        return;
      }
      case "setSecret": {
        if (options.setSecret === undefined) return;
        const pending = await readJson(client, { SecretId: arn, VersionId: token, VersionStage: "AWSPENDING" });
        const current = await readJson(client, { SecretId: arn, VersionStage: "AWSCURRENT" });
        await options.setSecret(pending, current);
        return;
      }
      case "testSecret": {
        const pending = await readJson(client, { SecretId: arn, VersionId: token, VersionStage: "AWSPENDING" });
        if (typeof pending[key] !== "string") throw new Error(`passwordRotationFunction: the pending value of ${arn} has no ${key}`);
        await options.testSecret?.(pending);
        return;
      }
      case "finishSecret": {
        const currentId = Object.entries(meta.VersionIdsToStages ?? {}).find(([, s]) => s.includes("AWSCURRENT"))?.[0];
        await client.send(
          new UpdateSecretVersionStageCommand({
            SecretId: arn,
            VersionStage: "AWSCURRENT",
            MoveToVersionId: token,
            ...(currentId !== undefined && { RemoveFromVersionId: currentId }),
          }),
        );
        await client.send(new UpdateSecretVersionStageCommand({ SecretId: arn, VersionStage: "AWSPENDING", RemoveFromVersionId: token }));
        return;
      }
    }
  };
}
