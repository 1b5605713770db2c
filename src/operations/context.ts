import type { SecretsStore } from "../store/secrets-store.js";

/** Who is calling: the (account, region) whose secrets an operation sees. */
export interface CallerIdentity {
  accountId: string;
  region: string;
}

/** What an operation receives besides its input. */
export interface OperationContext extends CallerIdentity {
  readonly store: SecretsStore;
  /** The time of the request (epoch ms), read once from the store's clock. */
  readonly now: number;
  /** The AWS partition of ARNs (`aws`). */
  readonly arnPartition: string;
}
