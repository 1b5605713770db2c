/**
 * AWS's per-operation request-rate quotas (reference/aws-api-facts.md §6) as token buckets driven
 * by the store's clock: each group holds up to one second's worth of requests and refills
 * continuously. A request that finds its bucket empty fails with ThrottlingException "Rate exceeded".
 */

/** Requests per second per quota group. Operations in one group share its bucket. */
export interface ThrottleQuotas {
  /** GetSecretValue and DescribeSecret combined (default 10,000/s). */
  GetSecretValue?: number;
  /** BatchGetSecretValue (default 100/s). */
  BatchGetSecretValue?: number;
  /** ListSecrets (default 100/s). ListSecretVersionIds is counted here too. */
  ListSecrets?: number;
  /** CreateSecret (default 50/s). */
  CreateSecret?: number;
  /** DeleteSecret (default 50/s). */
  DeleteSecret?: number;
  /** GetRandomPassword (default 50/s). */
  GetRandomPassword?: number;
  /** PutSecretValue, UpdateSecret, UpdateSecretVersionStage and the replication operations combined (default 50/s). */
  PutSecretValue?: number;
  /** The four resource-policy operations combined (default 50/s). */
  ResourcePolicy?: number;
  /** RestoreSecret (default 50/s). */
  RestoreSecret?: number;
  /** RotateSecret and CancelRotateSecret combined (default 50/s). */
  RotateSecret?: number;
  /** TagResource and UntagResource combined (default 50/s). */
  TagResource?: number;
}

/** The quotas AWS documents (none is adjustable). */
export const AWS_RATE_QUOTAS: Required<ThrottleQuotas> = {
  GetSecretValue: 10_000,
  BatchGetSecretValue: 100,
  ListSecrets: 100,
  CreateSecret: 50,
  DeleteSecret: 50,
  GetRandomPassword: 50,
  PutSecretValue: 50,
  ResourcePolicy: 50,
  RestoreSecret: 50,
  RotateSecret: 50,
  TagResource: 50,
};

/** Operation → the quota group it counts against. */
export const QUOTA_GROUP: Readonly<Partial<Record<string, keyof ThrottleQuotas>>> = {
  GetSecretValue: "GetSecretValue",
  DescribeSecret: "GetSecretValue",
  BatchGetSecretValue: "BatchGetSecretValue",
  ListSecrets: "ListSecrets",
  ListSecretVersionIds: "ListSecrets",
  CreateSecret: "CreateSecret",
  DeleteSecret: "DeleteSecret",
  GetRandomPassword: "GetRandomPassword",
  PutSecretValue: "PutSecretValue",
  UpdateSecret: "PutSecretValue",
  UpdateSecretVersionStage: "PutSecretValue",
  ReplicateSecretToRegions: "PutSecretValue",
  RemoveRegionsFromReplication: "PutSecretValue",
  StopReplicationToReplica: "PutSecretValue",
  DeleteResourcePolicy: "ResourcePolicy",
  GetResourcePolicy: "ResourcePolicy",
  PutResourcePolicy: "ResourcePolicy",
  ValidateResourcePolicy: "ResourcePolicy",
  RestoreSecret: "RestoreSecret",
  RotateSecret: "RotateSecret",
  CancelRotateSecret: "RotateSecret",
  TagResource: "TagResource",
  UntagResource: "TagResource",
};

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets per (region, quota group): quotas apply per account per region. */
export class RateLimiter {
  /** The quotas in force: AWS's, with the given ones in their place. */
  readonly quotas: Required<ThrottleQuotas>;
  private readonly buckets = new Map<string, Bucket>();

  constructor(quotas: ThrottleQuotas = {}) {
    this.quotas = { ...AWS_RATE_QUOTAS, ...quotas };
  }

  /** Takes one token for `operation` at time `now` (epoch ms). False when the bucket is empty. */
  take(operation: string, region: string, now: number): boolean {
    const group = QUOTA_GROUP[operation];
    if (group === undefined) return true;
    const rate = this.quotas[group];
    const key = `${region}\u0000${group}`;
    let b = this.buckets.get(key);
    if (b === undefined) {
      b = { tokens: rate, at: now };
      this.buckets.set(key, b);
    } else if (now > b.at) {
      b.tokens = Math.min(rate, b.tokens + ((now - b.at) * rate) / 1000);
      b.at = now;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
