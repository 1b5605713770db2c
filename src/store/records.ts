/**
 * The records the store holds. Times are epoch milliseconds; operations turn them into `Date`s.
 *
 * Records are copy-on-write across snapshots: a record whose `gen` is older than the store's
 * generation may be shared with a snapshot and is copied before it is changed
 * ({@link cloneSecret}). Never change a record obtained for reading; ask the store for a writable one.
 */

/** A tag as AWS returns it. */
export interface TagRecord {
  Key: string;
  Value: string;
}

/** One version of a secret: an immutable value plus the staging labels now attached to it. */
export interface VersionRecord {
  readonly versionId: string;
  readonly createdDate: number;
  /** Exactly one of secretString / secretBinary, or neither for a rotation's pending placeholder. */
  readonly secretString?: string;
  readonly secretBinary?: Uint8Array;
  /** Labels on this version, in the order they were attached. Empty = deprecated. */
  stages: string[];
  /** Day-truncated time of the last GetSecretValue that returned this version. */
  lastAccessedDate?: number;
  /** The KMS key the version was encrypted with (undefined = the AWS managed key). */
  readonly kmsKeyId?: string;
}

/** Rotation settings and state. Absent until a RotateSecret was accepted. */
export interface RotationRecord {
  enabled: boolean;
  lambdaArn?: string;
  rules?: { AutomaticallyAfterDays?: number; Duration?: string; ScheduleExpression?: string };
  lastRotatedDate?: number;
  nextRotationDate?: number;
}

/** One replica region of a primary secret. */
export interface ReplicaRecord {
  region: string;
  kmsKeyId?: string;
  status: "InSync" | "Failed" | "InProgress";
  statusMessage?: string;
}

/** A secret. */
export interface SecretRecord {
  /** Store generation this record belongs to (copy-on-write). */
  gen: number;
  readonly name: string;
  readonly arn: string;
  readonly createdDate: number;
  lastChangedDate: number;
  lastAccessedDate?: number;
  /** When DeleteSecret scheduled the deletion (shown as DeletedDate). */
  deletedDate?: number;
  /** When the scheduled deletion takes effect (DeleteSecret's DeletionDate). */
  deletionDate?: number;
  description?: string;
  kmsKeyId?: string;
  type?: string;
  /** Undefined until the secret is first tagged; `[]` after the last tag was removed. */
  tags?: TagRecord[];
  /** Versions in creation order. */
  versions: Map<string, VersionRecord>;
  /** Staging label → VersionId. */
  labels: Map<string, string>;
  rotation?: RotationRecord;
  resourcePolicy?: string;
  owningService?: string;
  /** Set on replicas (the primary's region) and on primaries that have replicas. */
  primaryRegion?: string;
  /** On a primary: its replicas. */
  replicas?: ReplicaRecord[];
}

/** A copy of `s` that can be changed without touching `s` (values are shared: they are immutable). */
export function cloneSecret(s: SecretRecord, gen: number): SecretRecord {
  const versions = new Map<string, VersionRecord>();
  for (const [id, v] of s.versions) versions.set(id, { ...v, stages: [...v.stages] });
  return {
    ...s,
    gen,
    versions,
    labels: new Map(s.labels),
    tags: s.tags?.map((t) => ({ ...t })),
    rotation: s.rotation && { ...s.rotation, rules: s.rotation.rules && { ...s.rotation.rules } },
    replicas: s.replicas?.map((r) => ({ ...r })),
  };
}
