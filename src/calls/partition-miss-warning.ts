/**
 * The first-hour trap, explained: a call answered ResourceNotFoundException while a secret of that
 * name or ARN lives in another region or account of the same store (most often fixtures in the
 * store's region read by a client of another region). One `console.warn` per secret and searched
 * partition names both and the fix. The AWS error itself is left exactly as it is; only the
 * not-found path pays for the search.
 */
import type { ServiceError } from "../errors.js";
import type { CallerIdentity } from "../operations/context.js";
import type { Partition, SecretsStoreCore } from "../store/secrets-store.js";

const ARN = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:(.*)$/s;
const ARN_SUFFIX = /-[A-Za-z0-9]{6}$/;

// Per store: the "account, region, id" triples already warned about.
const warned = new WeakMap<SecretsStoreCore, Set<string>>();

/** True when `partition` holds a secret that `secretId` names: by name, by its full ARN, or by its partial ARN. */
function holds(partition: Partition, secretId: string): boolean {
  const arn = ARN.exec(secretId);
  if (arn === null) return partition.secrets.has(secretId);
  const rest = arn[1];
  if (partition.secrets.get(rest.replace(ARN_SUFFIX, ""))?.arn === secretId) return true;
  const partial = partition.secrets.get(rest);
  return partial !== undefined && partial.arn.startsWith(`${secretId}-`);
}

const where = (p: { accountId: string; region: string }) => `region ${p.region} (account ${p.accountId})`;

/**
 * Warns (once per secret and searched partition) when `error` is a ResourceNotFoundException for
 * a `SecretId` that exists in another partition of `store`. Secret values are never printed.
 */
export function warnOnPartitionMiss(
  store: SecretsStoreCore,
  operation: string,
  input: Record<string, unknown>,
  caller: CallerIdentity,
  error: ServiceError,
): void {
  if (error.code !== "ResourceNotFoundException" || !store.warnings) return;
  const secretId = input.SecretId;
  if (typeof secretId !== "string") return;
  const elsewhere: Partition[] = [];
  for (const p of store.allPartitions()) {
    if (p.accountId === caller.accountId && p.region === caller.region) continue;
    if (holds(p, secretId)) elsewhere.push(p);
  }
  if (elsewhere.length === 0) return;
  let seen = warned.get(store);
  if (seen === undefined) warned.set(store, (seen = new Set()));
  const key = `${caller.accountId}\u0000${caller.region}\u0000${secretId}`;
  if (seen.has(key)) return;
  seen.add(key);
  const otherRegion = elsewhere.some((p) => p.region !== caller.region);
  const fix = otherRegion
    ? `Give the client (or mockSecretsManager / useSecretsManagerMock) the secret's region with the \`region\` option, ` +
      `or give the fixture a "Region" (fixtures without one land in the store's region, ${store.region}; see "Region and account resolution" in docs/api.md).`
    : `Call with the secret's account (\`accountId\` option), or create the secret in account ${caller.accountId}.`;
  console.warn(
    `secrets-manager-mock: ${operation} answered ResourceNotFoundException for ${JSON.stringify(secretId)}: ` +
      `nothing of that name in ${where(caller)}, but it exists in ${elsewhere.map(where).join(", ")}. ${fix} ` +
      `(The error is what AWS would answer. Silence this with warnings: false or SECRETS_MANAGER_MOCK_WARNINGS=0.)`,
  );
}
