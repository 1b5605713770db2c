/**
 * SecretId resolution (reference/aws-behaviour.md §1.4): friendly name, full ARN, or partial ARN
 * (the ARN without `-XXXXXX`), with the documented ambiguity for names ending in `-` + 6 characters.
 */
import { errors, ServiceError } from "../errors.js";
import type { SecretRecord } from "../store/records.js";
import type { OperationContext } from "./context.js";

const NAME_CHARS = /^[A-Za-z0-9/_+=.@-]+$/;
// Secrets that AWS services create for you are named like `rds!db-1234…`: a SecretId may contain
// `!` (the invalid-name message lists it), while CreateSecret's Name may not.
const SECRET_ID_CHARS = /^[A-Za-z0-9/_+=.@!-]+$/;
const ARN_SUFFIX = /-[A-Za-z0-9]{6}$/;
const ARN_PREFIX = /^arn:([^:]+):secretsmanager:([^:]*):([^:]*):secret:(.*)$/s;

/** Throws AWS's ValidationException when `name` has characters a secret name can't have. */
export function assertValidName(name: string): void {
  if (!NAME_CHARS.test(name)) throw errors.invalidName();
}

/** The last SecretId that passed {@link assertValidSecretId}: loops send the same one again and again. */
let lastValidSecretId = "";

/** Throws AWS's ValidationException when a SecretId (or the name part of an ARN) has invalid characters. */
export function assertValidSecretId(id: string): void {
  if (id === lastValidSecretId) return;
  if (!SECRET_ID_CHARS.test(id)) throw errors.invalidName();
  lastValidSecretId = id;
}

/** The ARN prefix of secrets in the caller's partition, up to and including `secret:`. */
export function arnPrefix(ctx: OperationContext): string {
  return `arn:${ctx.arnPartition}:secretsmanager:${ctx.region}:${ctx.accountId}:secret:`;
}

/** The ARN a secret called `name` gets, with a fresh random suffix. */
export function newArn(ctx: OperationContext, name: string): string {
  return `${arnPrefix(ctx)}${name}-${ctx.store.ids.arnSuffix()}`;
}

/**
 * Finds the secret a SecretId names in the caller's partition, or undefined. Validates the id's
 * characters first (ValidationException fires before existence checks).
 */
export function findSecret(ctx: OperationContext, secretId: string): SecretRecord | undefined {
  const arn = secretId.startsWith("arn:") ? ARN_PREFIX.exec(secretId) : null;
  if (arn === null) {
    assertValidSecretId(secretId);
    return ctx.store.getSecret(ctx.accountId, ctx.region, secretId);
  }
  const rest = arn[4];
  assertValidSecretId(rest);
  if (arn[1] !== ctx.arnPartition || arn[2] !== ctx.region || arn[3] !== ctx.accountId) return undefined;
  if (ARN_SUFFIX.test(rest)) {
    // Looks like a full ARN: only an exact ARN match counts (a name that itself ends in
    // "-XXXXXX" can't be found by its partial ARN, as on AWS).
    const s = ctx.store.getSecret(ctx.accountId, ctx.region, rest.slice(0, -7));
    return s !== undefined && s.arn === secretId ? s : undefined;
  }
  return ctx.store.getSecret(ctx.accountId, ctx.region, rest);
}

/** Like {@link findSecret}, but a missing secret is ResourceNotFoundException. */
export function requireSecret(ctx: OperationContext, secretId: string): SecretRecord {
  const s = findSecret(ctx, secretId);
  if (s === undefined) throw errors.notFound();
  return s;
}

/**
 * The secret, which must exist and must not be scheduled for deletion (the rule for every
 * operation but DescribeSecret, DeleteSecret and RestoreSecret).
 */
export function requireActiveSecret(ctx: OperationContext, secretId: string): SecretRecord {
  const s = requireSecret(ctx, secretId);
  if (s.deletedDate !== undefined) throw errors.markedForDeletion();
  return s;
}

/**
 * Refuses changes to a secret that another AWS service manages, and to a replica (writes go
 * through the primary's region).
 */
export function assertModifiable(secret: SecretRecord, ctx: OperationContext): void {
  if (secret.owningService !== undefined) {
    throw errors.invalidRequest("This secret is managed by an AWS service, and you must use that service to update it.");
  }
  if (secret.primaryRegion !== undefined && secret.primaryRegion !== ctx.region) {
    // InvalidParameterException, as quoted from real AWS in gruntwork-io/cloud-nuke#435 (2023).
    throw new ServiceError(
      "InvalidParameterException",
      "Operation not permitted on a replica secret. Call must be made in primary secret's region.",
    );
  }
}
