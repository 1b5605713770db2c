import type { CreateSecretRequest, ReplicationStatusType } from "@aws-sdk/client-secrets-manager";
import type { SecretRecord } from "../store/records.js";
import type { OperationContext } from "./context.js";

/**
 * Checks CreateSecret's AddReplicaRegions before anything is stored and returns the step that
 * creates the replicas once the primary exists (undefined when no replica was asked for).
 */
export function replicateOnCreate(
  _ctx: OperationContext,
  _secret: SecretRecord,
  _input: CreateSecretRequest,
): (() => ReplicationStatusType[]) | undefined {
  return undefined;
}
