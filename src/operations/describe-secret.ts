import type { DescribeSecretRequest, DescribeSecretResponse } from "@aws-sdk/client-secrets-manager";
import type { OperationContext } from "./context.js";
import { requireSecret } from "./secret-id.js";
import { describeSecretShape } from "./secret-shape.js";

/** DescribeSecret (reference/aws-behaviour.md §3.5): works on secrets scheduled for deletion too. */
export function describeSecret(input: DescribeSecretRequest, ctx: OperationContext): DescribeSecretResponse {
  return describeSecretShape(requireSecret(ctx, input.SecretId!), ctx.region);
}
