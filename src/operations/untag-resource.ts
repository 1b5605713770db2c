import type { UntagResourceRequest } from "@aws-sdk/client-secrets-manager";
import type { OperationContext } from "./context.js";
import { assertModifiable, requireActiveSecret } from "./secret-id.js";
import { assertNoSystemTags } from "./tags.js";
import { syncReplicas } from "./replication.js";

/**
 * UntagResource (reference/aws-behaviour.md §3.10): removes the listed keys; a key the secret
 * does not have is ignored. Once tagged, a secret keeps `Tags: []` after its last tag is removed.
 */
export function untagResource(input: UntagResourceRequest, ctx: OperationContext): Record<string, never> {
  const secret = requireActiveSecret(ctx, input.SecretId!);
  assertModifiable(secret, ctx);
  const keys = new Set(input.TagKeys);
  assertNoSystemTags(keys);
  if (secret.tags === undefined || !secret.tags.some((t) => keys.has(t.Key))) return {};
  const w = ctx.store.edit(ctx.accountId, ctx.region, secret.name);
  w.tags = w.tags!.filter((t) => !keys.has(t.Key));
  syncReplicas(ctx, w);
  return {};
}
