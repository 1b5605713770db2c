import type {
  APIErrorType,
  BatchGetSecretValueRequest,
  BatchGetSecretValueResponse,
  SecretValueEntry,
} from "@aws-sdk/client-secrets-manager";
import { errors, ServiceError } from "../errors.js";
import type { SecretRecord, VersionRecord } from "../store/records.js";
import type { OperationContext } from "./context.js";
import { recordAccess, selectVersion, valueFields } from "./get-secret-value.js";
import { compileFilters } from "./secret-filters.js";
import { listPage } from "./secret-listing.js";
import { requireActiveSecret } from "./secret-id.js";

/** Page size of the Filters mode when the caller gives no MaxResults (the model's maximum). */
export const DEFAULT_BATCH_PAGE_SIZE = 20;

/** moto's texts (unverified on AWS, reference/aws-behaviour.md §3.12). */
export const BatchMessages = {
  listOrFilters: "Either 'SecretIdList' or 'Filters' must be provided, but not both.",
  maxResultsWithoutFilters: "'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided.",
} as const;

type Outcome = { secret: SecretRecord; version: VersionRecord } | { error: APIErrorType };

/** Reads the AWSCURRENT value of one secret; a failure becomes an `Errors` entry. */
function readOne(ctx: OperationContext, secretId: string, find: () => SecretRecord): Outcome {
  try {
    const secret = find();
    return { secret, version: selectVersion(secret, undefined, undefined) };
  } catch (e) {
    if (!(e instanceof ServiceError)) throw e;
    return { error: { SecretId: secretId, ErrorCode: e.code, Message: e.message } };
  }
}

/**
 * BatchGetSecretValue (reference/aws-behaviour.md §3.12): the AWSCURRENT values of up to 20
 * secrets, chosen by SecretIdList or by Filters (paginated like ListSecrets, oldest first,
 * secrets scheduled for deletion left out). A secret that can't be read goes to `Errors`
 * without failing the call; every value read counts as an access (LastAccessedDate).
 */
export function batchGetSecretValue(input: BatchGetSecretValueRequest, ctx: OperationContext): BatchGetSecretValueResponse {
  const byList = input.SecretIdList !== undefined;
  if (byList === (input.Filters !== undefined)) throw errors.invalidParameter(BatchMessages.listOrFilters);
  if (byList && input.MaxResults !== undefined) throw errors.invalidParameter(BatchMessages.maxResultsWithoutFilters);

  let outcomes: Outcome[];
  let nextToken: string | undefined;
  if (byList) {
    outcomes = input.SecretIdList!.map((id) => readOne(ctx, id, () => requireActiveSecret(ctx, id)));
  } else {
    const page = listPage(ctx, {
      sortBy: "created-date",
      order: "asc",
      filter: compileFilters(input.Filters),
      includePlannedDeletion: false,
      pageSize: input.MaxResults ?? DEFAULT_BATCH_PAGE_SIZE,
      nextToken: input.NextToken,
    });
    outcomes = page.secrets.map((s) => readOne(ctx, s.arn, () => s));
    nextToken = page.nextToken;
  }

  const SecretValues: SecretValueEntry[] = [];
  const Errors: APIErrorType[] = [];
  for (const o of outcomes) {
    if ("error" in o) {
      Errors.push(o.error);
      continue;
    }
    const { secret, version } = o;
    SecretValues.push({
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.versionId,
      ...valueFields(version),
      VersionStages: [...version.stages],
      CreatedDate: new Date(version.createdDate),
    });
  }
  // Accesses are recorded after every read: they change the store, and the reads must not see it.
  for (const o of outcomes) {
    if (!("error" in o)) {
      const current = ctx.store.getSecret(ctx.accountId, ctx.region, o.secret.name)!;
      recordAccess(ctx, current, o.version.versionId);
    }
  }
  return { SecretValues, Errors, ...(nextToken !== undefined && { NextToken: nextToken }) };
}
