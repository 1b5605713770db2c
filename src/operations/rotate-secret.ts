/**
 * RotateSecret and CancelRotateSecret (reference/aws-behaviour.md §3.11, aws-api-facts.md §5.15),
 * with in-process rotation functions registered on the store in place of Lambdas.
 */
import type {
  CancelRotateSecretRequest,
  CancelRotateSecretResponse,
  RotateSecretRequest,
  RotateSecretResponse,
} from "@aws-sdk/client-secrets-manager";
import { errors, ServiceError } from "../errors.js";
import type { RotationRecord, SecretRecord, VersionRecord } from "../store/records.js";
import type { RotationStep } from "../store/rotation-functions.js";
import { attachLabel, AWSCURRENT, AWSPENDING, detachLabel } from "../store/staging-labels.js";
import type { OperationContext } from "./context.js";
import { syncReplicas } from "./replication.js";
import { type CheckedRules, checkRotationRules, nextRotationDate } from "./rotation-schedule.js";
import { assertModifiable, requireActiveSecret } from "./secret-id.js";
import { planVersionWrite, tokenOrGenerate, touch } from "./secret-values.js";

/** Texts of the rotation errors. */
export const RotationMessages = {
  noLambda: "No Lambda rotation function ARN is associated with this secret.",
  cannotInvoke:
    "Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy grants access to the principal secretsmanager.amazonaws.com.",
  previousIncomplete: "A previous rotation isn't complete. That rotation will be reattempted.",
  notConfigured: "Secrets Manager can't cancel rotation because rotation isn't configured for this secret.",
} as const;

const ALL_STEPS: readonly RotationStep[] = ["createSecret", "setSecret", "testSecret", "finishSecret"];

/** The version holding AWSPENDING when it is not the AWSCURRENT one: an unfinished rotation. */
export function pendingRotationVersion(secret: SecretRecord): string | undefined {
  const pending = secret.labels.get(AWSPENDING);
  return pending !== undefined && pending !== secret.labels.get(AWSCURRENT) ? pending : undefined;
}

/** The secret `arn` still names in the caller's partition, or undefined (deleted meanwhile). */
function stillThere(ctx: OperationContext, name: string, arn: string): SecretRecord | undefined {
  const s = ctx.store.getSecret(ctx.accountId, ctx.region, name);
  return s !== undefined && s.arn === arn ? s : undefined;
}

/**
 * RotateSecret. Checks everything, stores the rotation settings (RotationEnabled true), creates
 * the AWSPENDING version (VersionId = token; no value, or a copy of AWSCURRENT's value when
 * RotateImmediately is false) and runs the registered rotation function: every step, or only
 * testSecret when RotateImmediately is false. Returns `{ARN, Name, VersionId}`.
 *
 * As on AWS, where rotation runs after RotateSecret has answered, a failing rotation function
 * does not fail the call: the failure is recorded in `store.rotationFailures`, AWSPENDING stays
 * on the new version, and the next RotateSecret is refused until the pending version is resolved.
 */
export async function rotateSecret(input: RotateSecretRequest, ctx: OperationContext): Promise<RotateSecretResponse> {
  const secret = requireActiveSecret(ctx, input.SecretId!);
  assertModifiable(secret, ctx);
  const token = tokenOrGenerate(ctx, input.ClientRequestToken, secret);
  const lambdaArn = input.RotationLambdaARN || secret.rotation?.lambdaArn;
  if (lambdaArn === undefined) throw errors.invalidRequest(RotationMessages.noLambda);
  const rulesInput = input.RotationRules ?? secret.rotation?.rules;
  const checked: CheckedRules | undefined = rulesInput === undefined ? undefined : checkRotationRules(rulesInput);
  const response = { ARN: secret.arn, Name: secret.name, VersionId: token };
  // A retried call (same token) answers like the first one and rotates nothing more.
  if (secret.versions.has(token)) return response;
  const fn = ctx.store.rotationFunction(lambdaArn);
  if (fn === undefined) throw new ServiceError("AccessDeniedException", RotationMessages.cannotInvoke);
  const invoke = ctx.services.invokeRotation;
  if (invoke === undefined) throw new Error("secrets-manager-mock: RotateSecret needs services.invokeRotation (pass it to dispatch)");
  if (pendingRotationVersion(secret) !== undefined) throw errors.invalidRequest(RotationMessages.previousIncomplete);
  const immediately = input.RotateImmediately !== false;
  const plan = planVersionWrite(ctx, secret, [AWSPENDING]);

  const w = ctx.store.edit(ctx.accountId, ctx.region, secret.name);
  const rotation: RotationRecord = { ...w.rotation, enabled: true, lambdaArn };
  if (checked !== undefined) rotation.rules = checked.rules;
  else delete rotation.rules;
  if (!immediately) {
    const next = checked === undefined ? undefined : nextRotationDate(checked, ctx.now);
    if (next === undefined) delete rotation.nextRotationDate;
    else rotation.nextRotationDate = next;
  }
  w.rotation = rotation;
  const current = w.labels.get(AWSCURRENT);
  const currentVersion = current === undefined ? undefined : w.versions.get(current);
  const copy = !immediately && currentVersion !== undefined;
  const version: VersionRecord = {
    versionId: token,
    createdDate: ctx.now,
    ...(copy && currentVersion.secretString !== undefined && { secretString: currentVersion.secretString }),
    ...(copy && currentVersion.secretBinary !== undefined && { secretBinary: currentVersion.secretBinary }),
    stages: [],
    ...(w.kmsKeyId !== undefined && { kmsKeyId: w.kmsKeyId }),
  };
  w.versions.set(token, version);
  attachLabel(w, AWSPENDING, token);
  for (const id of plan.removals) w.versions.delete(id);
  if (copy) touch(w, ctx.now);
  syncReplicas(ctx, w);

  const failure = await invoke(
    ctx.store,
    { accountId: ctx.accountId, region: ctx.region },
    fn,
    secret.arn,
    token,
    immediately ? ALL_STEPS : ["testSecret"],
  );
  const after = stillThere(ctx, secret.name, secret.arn);
  if (failure === undefined && after !== undefined) {
    const done = ctx.store.edit(ctx.accountId, ctx.region, after.name);
    if (!immediately) {
      // A test-only rotation leaves no pending version behind.
      if (done.labels.get(AWSPENDING) === token) detachLabel(done, AWSPENDING);
    } else if (done.rotation !== undefined) {
      const finishedAt = ctx.store.now();
      done.rotation.lastRotatedDate = finishedAt;
      const next = checked === undefined ? undefined : nextRotationDate(checked, finishedAt);
      if (next === undefined) delete done.rotation.nextRotationDate;
      else done.rotation.nextRotationDate = next;
    }
    syncReplicas(ctx, done);
  }
  return response;
}

/**
 * CancelRotateSecret: turns automatic rotation off (rules and Lambda ARN are kept) and returns
 * `{ARN, Name, VersionId?}`, VersionId naming an unfinished rotation's pending version. The
 * AWSPENDING label stays where it is (remove it with UpdateSecretVersionStage).
 */
export function cancelRotateSecret(input: CancelRotateSecretRequest, ctx: OperationContext): CancelRotateSecretResponse {
  const secret = requireActiveSecret(ctx, input.SecretId!);
  assertModifiable(secret, ctx);
  if (secret.rotation === undefined) throw errors.invalidRequest(RotationMessages.notConfigured);
  const pending = pendingRotationVersion(secret);
  const w = ctx.store.edit(ctx.accountId, ctx.region, secret.name);
  w.rotation = { ...w.rotation!, enabled: false };
  syncReplicas(ctx, w);
  return { ARN: w.arn, Name: w.name, ...(pending !== undefined && { VersionId: pending }) };
}
