import type { TagResourceRequest } from "@aws-sdk/client-secrets-manager";
import type { OperationContext } from "./context.js";
import { assertModifiable, requireActiveSecret } from "./secret-id.js";
import { assertNoSystemTags, mergeTags } from "./tags.js";
import { syncReplicas } from "./replication.js";

/**
 * TagResource (reference/aws-behaviour.md §3.10): adds tags, replacing the value of a key that
 * is already there. At most 50 tags; keys starting with `aws:` are system tags, which can't be changed.
 */
export function tagResource(input: TagResourceRequest, ctx: OperationContext): Record<string, never> {
  const secret = requireActiveSecret(ctx, input.SecretId!);
  assertModifiable(secret, ctx);
  assertNoSystemTags(input.Tags!.map((t) => t.Key ?? ""));
  const tags = mergeTags(secret.tags, input.Tags!);
  if (input.Tags!.length === 0) return {};
  const w = ctx.store.edit(ctx.accountId, ctx.region, secret.name);
  w.tags = tags;
  syncReplicas(ctx, w);
  return {};
}
