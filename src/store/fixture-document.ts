/**
 * The fixture document format: hand-written secrets by name, `{ "secrets": { "prod/db": { ... } } }`.
 * Told apart from a state document by the absence of `formatVersion`. Applied through the
 * operations by the layer above the store (`setup/seed-fixtures.ts`).
 */

/** One version written after the secret was created, as a PutSecretValue would write it. */
export interface FixtureVersion {
  SecretString?: string;
  /** Base64 text, or bytes when seeding from code. */
  SecretBinary?: string | Uint8Array;
  /** The VersionId (32–64 characters). Default: generated from the store's id source. */
  VersionId?: string;
  /** Labels to move to this version. Default `["AWSCURRENT"]` (the previous current version becomes AWSPREVIOUS). */
  VersionStages?: string[];
}

/** A secret in a fixture document. Member names follow the API (`CreateSecret`). */
export interface FixtureSecret {
  SecretString?: string;
  /** Base64 text, or bytes when seeding from code. */
  SecretBinary?: string | Uint8Array;
  Description?: string;
  KmsKeyId?: string;
  /** Tags as a key → value object. */
  Tags?: Record<string, string>;
  /**
   * The region the secret lives in. Default: the store's region (see "Region and account
   * resolution" in docs/api.md).
   */
  Region?: string;
  /** The AWS service that manages the secret (only fixtures can set this). */
  OwningService?: string;
  /**
   * Versions in the order they were written, oldest first, instead of `SecretString`/`SecretBinary`.
   * Each is applied like a PutSecretValue: `[{ SecretString: "old" }, { SecretString: "new" }]`
   * leaves "old" as AWSPREVIOUS and "new" as AWSCURRENT.
   */
  Versions?: FixtureVersion[];
}

/** A fixture document: secrets by name. It has no `formatVersion` (that marks a state document). */
export interface FixtureDocument {
  secrets: Record<string, FixtureSecret>;
}
