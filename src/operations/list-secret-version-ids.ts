import type { ListSecretVersionIdsRequest, ListSecretVersionIdsResponse, SecretVersionsListEntry } from "@aws-sdk/client-secrets-manager";
import { ServiceError } from "../errors.js";
import type { VersionRecord } from "../store/records.js";
import type { OperationContext } from "./context.js";
import { requireSecret } from "./secret-id.js";
import { INVALID_NEXT_TOKEN } from "./secret-listing.js";

/** What ListSecretVersionIds shows for a version encrypted with the AWS managed key. */
export const DEFAULT_KMS_KEY_ID = "DefaultEncryptionKey";

function versionEntry(v: VersionRecord): SecretVersionsListEntry {
  return {
    VersionId: v.versionId,
    ...(v.stages.length > 0 && { VersionStages: [...v.stages] }),
    ...(v.lastAccessedDate !== undefined && { LastAccessedDate: new Date(v.lastAccessedDate) }),
    CreatedDate: new Date(v.createdDate),
    KmsKeyIds: [v.kmsKeyId ?? DEFAULT_KMS_KEY_ID],
  };
}

interface VersionCursor {
  /** VersionId and CreatedDate of the last version returned. */
  v: string;
  c: number;
}

function decodeCursor(token: string): VersionCursor {
  try {
    const c = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as Partial<VersionCursor> | null;
    if (c !== null && typeof c === "object" && typeof c.v === "string" && typeof c.c === "number") return c as VersionCursor;
  } catch {
    // falls through to the error below
  }
  throw new ServiceError("InvalidNextTokenException", INVALID_NEXT_TOKEN);
}

/**
 * ListSecretVersionIds (reference/aws-behaviour.md §3.8): versions in creation order; labelled
 * ones only unless IncludeDeprecated. Works on a secret scheduled for deletion, like
 * DescribeSecret (the model declares no InvalidRequestException for it). Without MaxResults every
 * version is returned in one page.
 */
export function listSecretVersionIds(input: ListSecretVersionIdsRequest, ctx: OperationContext): ListSecretVersionIdsResponse {
  const secret = requireSecret(ctx, input.SecretId!);
  const cursor = input.NextToken === undefined ? undefined : decodeCursor(input.NextToken);
  const all = [...secret.versions.values()];
  let start = 0;
  if (cursor !== undefined) {
    const at = all.findIndex((v) => v.versionId === cursor.v);
    // The last version was removed between pages: continue with the first one created after it.
    start = at >= 0 ? at + 1 : all.findIndex((v) => v.createdDate > cursor.c);
    if (start < 0) start = all.length;
  }
  const limit = input.MaxResults ?? Infinity;
  const shown = (v: VersionRecord) => input.IncludeDeprecated === true || v.stages.length > 0;
  const page: VersionRecord[] = [];
  let i = start;
  for (; i < all.length && page.length < limit; i++) if (shown(all[i])) page.push(all[i]);
  const more = all.slice(i).some(shown);
  const out: ListSecretVersionIdsResponse = { Versions: page.map(versionEntry), ARN: secret.arn, Name: secret.name };
  if (more && page.length > 0) {
    const last = page[page.length - 1];
    out.NextToken = Buffer.from(JSON.stringify({ v: last.versionId, c: last.createdDate }), "utf8").toString("base64");
  }
  return out;
}
