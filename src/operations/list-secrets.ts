import type { ListSecretsRequest, ListSecretsResponse } from "@aws-sdk/client-secrets-manager";
import type { OperationContext } from "./context.js";
import { compileFilters } from "./secret-filters.js";
import { listPage } from "./secret-listing.js";
import { secretListEntryShape } from "./secret-shape.js";

/** Page size when the caller gives no MaxResults (AWS documents none; the model's maximum). */
export const DEFAULT_LIST_SECRETS_PAGE_SIZE = 100;

/**
 * ListSecrets (reference/aws-behaviour.md §3.7): the caller's secrets, oldest first by default,
 * filtered, sorted and paginated with stable keyset tokens.
 */
export function listSecrets(input: ListSecretsRequest, ctx: OperationContext): ListSecretsResponse {
  const filter = compileFilters(input.Filters);
  const page = listPage(ctx, {
    sortBy: input.SortBy ?? "created-date",
    order: input.SortOrder ?? "asc",
    filter,
    includePlannedDeletion: input.IncludePlannedDeletion === true,
    pageSize: input.MaxResults ?? DEFAULT_LIST_SECRETS_PAGE_SIZE,
    nextToken: input.NextToken,
  });
  const SecretList = page.secrets.map((s) => secretListEntryShape(s, ctx.region));
  return page.nextToken === undefined ? { SecretList } : { SecretList, NextToken: page.nextToken };
}
