/**
 * Resource policies (reference/aws-behaviour.md §3.14, aws-api-facts.md §5.13): Put, Get, Delete
 * and Validate. Policies are kept as the JSON text the caller sent and returned unchanged.
 */
import type {
  DeleteResourcePolicyRequest,
  DeleteResourcePolicyResponse,
  GetResourcePolicyRequest,
  GetResourcePolicyResponse,
  PutResourcePolicyRequest,
  PutResourcePolicyResponse,
  ValidateResourcePolicyRequest,
  ValidateResourcePolicyResponse,
  ValidationErrorsEntry,
} from "@aws-sdk/client-secrets-manager";
import { ServiceError } from "../errors.js";
import type { OperationContext } from "./context.js";
import { syncReplicas } from "./replication.js";
import { assertModifiable, requireActiveSecret, requireSecret } from "./secret-id.js";

/** Texts of the policy errors. */
export const PolicyMessages = {
  /** Seen from AWS for a policy with `"Version": "2019-10-19"` (awsdocs/aws-cloudformation-user-guide#623, 2020). */
  syntax: "This policy has invalid syntax.",
  publicPolicy: "This resource policy contains a policy that grants public access.",
} as const;

type Json = null | boolean | number | string | Json[] | JsonObject;
/** A member a policy leaves out reads as `undefined`. */
interface JsonObject {
  [key: string]: Json | undefined;
}

/** The policy language versions IAM accepts in `Version`. */
const POLICY_VERSIONS: readonly Json[] = ["2012-10-17", "2008-10-17"];

/**
 * The parsed policy document; anything but a JSON object, or a `Version` that is not a policy
 * language version, is MalformedPolicyDocumentException.
 */
function parsePolicy(text: string): JsonObject {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch {
    throw new ServiceError("MalformedPolicyDocumentException", PolicyMessages.syntax);
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new ServiceError("MalformedPolicyDocumentException", PolicyMessages.syntax);
  }
  if (doc.Version !== undefined && !POLICY_VERSIONS.includes(doc.Version)) {
    throw new ServiceError("MalformedPolicyDocumentException", PolicyMessages.syntax);
  }
  return doc;
}

function statementsOf(doc: JsonObject): Json[] {
  const s = doc.Statement;
  if (s === undefined) return [];
  return Array.isArray(s) ? s : [s];
}

function isWildcardPrincipal(principal: Json | undefined): boolean {
  if (principal === "*") return true;
  if (principal === null || typeof principal !== "object" || Array.isArray(principal)) return false;
  const aws = principal.AWS;
  return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

/** True when some Allow statement grants every principal access without a Condition. */
export function grantsPublicAccess(doc: JsonObject): boolean {
  return statementsOf(doc).some(
    (s) =>
      s !== null &&
      typeof s === "object" &&
      !Array.isArray(s) &&
      s.Effect === "Allow" &&
      isWildcardPrincipal(s.Principal) &&
      s.Condition === undefined,
  );
}

/** The checks ValidateResourcePolicy reports, in the order they run. */
function validationErrors(doc: JsonObject): ValidationErrorsEntry[] {
  const out: ValidationErrorsEntry[] = [];
  const statements = statementsOf(doc);
  if (statements.length === 0) {
    out.push({ CheckName: "SYNTAX_CHECK", ErrorMessage: "The policy must contain at least one Statement." });
  }
  statements.forEach((s, i) => {
    if (s === null || typeof s !== "object" || Array.isArray(s)) {
      out.push({ CheckName: "SYNTAX_CHECK", ErrorMessage: `Statement ${i + 1} must be a JSON object.` });
      return;
    }
    if (s.Effect !== "Allow" && s.Effect !== "Deny") {
      out.push({ CheckName: "SYNTAX_CHECK", ErrorMessage: `Statement ${i + 1} must have an Effect of Allow or Deny.` });
    }
    if (s.Action === undefined && s.NotAction === undefined) {
      out.push({ CheckName: "SYNTAX_CHECK", ErrorMessage: `Statement ${i + 1} must have an Action or NotAction.` });
    }
  });
  if (grantsPublicAccess(doc)) out.push({ CheckName: "PUBLIC_ACCESS_CHECK", ErrorMessage: PolicyMessages.publicPolicy });
  return out;
}

/** PutResourcePolicy: `{ARN, Name}`. */
export function putResourcePolicy(input: PutResourcePolicyRequest, ctx: OperationContext): PutResourcePolicyResponse {
  const secret = requireActiveSecret(ctx, input.SecretId!);
  assertModifiable(secret, ctx);
  const doc = parsePolicy(input.ResourcePolicy!);
  if (input.BlockPublicPolicy === true && grantsPublicAccess(doc)) {
    throw new ServiceError("PublicPolicyException", PolicyMessages.publicPolicy);
  }
  const w = ctx.store.edit(ctx.accountId, ctx.region, secret.name);
  w.resourcePolicy = input.ResourcePolicy!;
  syncReplicas(ctx, w);
  return { ARN: w.arn, Name: w.name };
}

/** GetResourcePolicy: `{ARN, Name, ResourcePolicy?}` (ResourcePolicy omitted when none is attached). */
export function getResourcePolicy(input: GetResourcePolicyRequest, ctx: OperationContext): GetResourcePolicyResponse {
  const secret = requireActiveSecret(ctx, input.SecretId!);
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.resourcePolicy !== undefined && { ResourcePolicy: secret.resourcePolicy }),
  };
}

/** DeleteResourcePolicy: `{ARN, Name}`, also when no policy was attached. */
export function deleteResourcePolicy(input: DeleteResourcePolicyRequest, ctx: OperationContext): DeleteResourcePolicyResponse {
  const secret = requireActiveSecret(ctx, input.SecretId!);
  assertModifiable(secret, ctx);
  if (secret.resourcePolicy === undefined) return { ARN: secret.arn, Name: secret.name };
  const w = ctx.store.edit(ctx.accountId, ctx.region, secret.name);
  delete w.resourcePolicy;
  syncReplicas(ctx, w);
  return { ARN: w.arn, Name: w.name };
}

/**
 * ValidateResourcePolicy: syntax errors are MalformedPolicyDocumentException; structural problems
 * and public access are reported in ValidationErrors. With a SecretId the secret must exist.
 */
export function validateResourcePolicy(input: ValidateResourcePolicyRequest, ctx: OperationContext): ValidateResourcePolicyResponse {
  if (input.SecretId !== undefined) requireSecret(ctx, input.SecretId);
  const found = validationErrors(parsePolicy(input.ResourcePolicy!));
  return { PolicyValidationPassed: found.length === 0, ValidationErrors: found };
}
