/**
 * In-process rotation functions: what stands in for a rotation Lambda. A function is registered on
 * a store under the Lambda ARN that RotateSecret names, and is called once per rotation step with
 * the same event a Lambda gets plus a client bound to the same store and region.
 */
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

/** The four steps of a rotation, in the order RotateSecret runs them. */
export type RotationStep = "createSecret" | "setSecret" | "testSecret" | "finishSecret";

/** The event a rotation Lambda receives. */
export interface RotationEvent {
  /** The secret's ARN. */
  SecretId: string;
  /** The VersionId of the pending version (the RotateSecret token). */
  ClientRequestToken: string;
  Step: RotationStep;
}

/** What a rotation function gets besides its event. */
export interface RotationTools {
  /**
   * A `SecretsManagerClient` served by the same store, in the secret's region and account: use it
   * as a rotation Lambda uses its own client (PutSecretValue with the token and
   * `VersionStages: ["AWSPENDING"]`, UpdateSecretVersionStage to move AWSCURRENT, ...).
   */
  client: SecretsManagerClient;
}

/** A rotation function: the in-process equivalent of a rotation Lambda's handler. */
export type RotationFunction = (event: RotationEvent, tools: RotationTools) => void | Promise<void>;

/** A rotation that failed: which step threw and what. */
export interface RotationFailure {
  /** ARN of the secret. */
  secretArn: string;
  /** The pending version (RotateSecret's token). */
  clientRequestToken: string;
  step: RotationStep;
  /** What the rotation function threw. */
  error: unknown;
  /** Store time of the failure (epoch ms). */
  time: number;
}
