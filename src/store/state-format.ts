/**
 * The documented, versioned JSON form of a store's content (`store.exportState()`), read back by
 * `importState` / `SecretsStore.fromState` and by persistence. Dates are ISO 8601 strings (UTC,
 * millisecond precision), binary values base64. Version 1 is described in the README.
 */
import { childPath, DocumentReader } from "./document-reader.js";
import type { ReplicaRecord, RotationRecord, SecretRecord, TagRecord, VersionRecord } from "./records.js";

/** The format version this library writes and reads. */
export const STATE_FORMAT_VERSION = 1;

/** A whole store: `formatVersion` plus one entry per (account, region) that holds secrets. */
export interface StateDocument {
  formatVersion: 1;
  partitions: PartitionState[];
}

/** The secrets of one (account, region), in creation order. */
export interface PartitionState {
  accountId: string;
  region: string;
  secrets: SecretState[];
}

/** A secret. Absent optional members mean "not set". */
export interface SecretState {
  arn: string;
  name: string;
  createdDate: string;
  lastChangedDate: string;
  lastAccessedDate?: string;
  /** When DeleteSecret was called (the secret is scheduled for deletion). */
  deletedDate?: string;
  /** When the scheduled deletion takes effect. */
  deletionDate?: string;
  description?: string;
  kmsKeyId?: string;
  type?: string;
  /** Absent = never tagged; `[]` = every tag was removed. */
  tags?: TagRecord[];
  /** In creation order. */
  versions: VersionState[];
  rotation?: RotationState;
  resourcePolicy?: string;
  owningService?: string;
  primaryRegion?: string;
  replicas?: ReplicaState[];
}

/** A version of a secret. Neither value member = a rotation's pending placeholder. */
export interface VersionState {
  versionId: string;
  createdDate: string;
  secretString?: string;
  /** Base64 (standard alphabet, padded). */
  secretBinary?: string;
  /** Staging labels on this version; `[]` = deprecated. A label is on at most one version. */
  stages: string[];
  lastAccessedDate?: string;
  kmsKeyId?: string;
}

/** Rotation settings and state. */
export interface RotationState {
  enabled: boolean;
  lambdaArn?: string;
  rules?: { AutomaticallyAfterDays?: number; Duration?: string; ScheduleExpression?: string };
  lastRotatedDate?: string;
  nextRotationDate?: string;
}

/** A replica of a primary secret. */
export interface ReplicaState {
  region: string;
  kmsKeyId?: string;
  status: "InSync" | "Failed" | "InProgress";
  statusMessage?: string;
}

/** A partition as {@link readState} rebuilds it. */
export interface LoadedPartition {
  accountId: string;
  region: string;
  secrets: SecretRecord[];
}

/** The part of a store that {@link writeState} reads. */
export interface StateSource {
  allPartitions(): Iterable<{ accountId: string; region: string; secrets: ReadonlyMap<string, SecretRecord> }>;
}

const iso = (t: number) => new Date(t).toISOString();
const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

function writeVersion(v: VersionRecord): VersionState {
  return {
    versionId: v.versionId,
    createdDate: iso(v.createdDate),
    ...opt("secretString", v.secretString),
    ...opt(
      "secretBinary",
      v.secretBinary && Buffer.from(v.secretBinary.buffer, v.secretBinary.byteOffset, v.secretBinary.byteLength).toString("base64"),
    ),
    stages: [...v.stages],
    ...opt("lastAccessedDate", v.lastAccessedDate === undefined ? undefined : iso(v.lastAccessedDate)),
    ...opt("kmsKeyId", v.kmsKeyId),
  };
}

function writeRotation(r: RotationRecord): RotationState {
  return {
    enabled: r.enabled,
    ...opt("lambdaArn", r.lambdaArn),
    ...opt("rules", r.rules && { ...r.rules }),
    ...opt("lastRotatedDate", r.lastRotatedDate === undefined ? undefined : iso(r.lastRotatedDate)),
    ...opt("nextRotationDate", r.nextRotationDate === undefined ? undefined : iso(r.nextRotationDate)),
  };
}

function writeSecret(s: SecretRecord): SecretState {
  const date = (t: number | undefined) => (t === undefined ? undefined : iso(t));
  return {
    arn: s.arn,
    name: s.name,
    createdDate: iso(s.createdDate),
    lastChangedDate: iso(s.lastChangedDate),
    ...opt("lastAccessedDate", date(s.lastAccessedDate)),
    ...opt("deletedDate", date(s.deletedDate)),
    ...opt("deletionDate", date(s.deletionDate)),
    ...opt("description", s.description),
    ...opt("kmsKeyId", s.kmsKeyId),
    ...opt("type", s.type),
    ...opt(
      "tags",
      s.tags?.map((t) => ({ Key: t.Key, Value: t.Value })),
    ),
    versions: [...s.versions.values()].map(writeVersion),
    ...opt("rotation", s.rotation && writeRotation(s.rotation)),
    ...opt("resourcePolicy", s.resourcePolicy),
    ...opt("owningService", s.owningService),
    ...opt("primaryRegion", s.primaryRegion),
    ...opt(
      "replicas",
      s.replicas?.map((r) => ({
        region: r.region,
        ...opt("kmsKeyId", r.kmsKeyId),
        status: r.status,
        ...opt("statusMessage", r.statusMessage),
      })),
    ),
  };
}

/** The content of a store as a plain JSON-ready {@link StateDocument} (partitions without secrets are left out). */
export function writeState(source: StateSource): StateDocument {
  const partitions: PartitionState[] = [];
  for (const p of source.allPartitions()) {
    if (p.secrets.size === 0) continue;
    partitions.push({ accountId: p.accountId, region: p.region, secrets: [...p.secrets.values()].map(writeSecret) });
  }
  return { formatVersion: STATE_FORMAT_VERSION, partitions };
}

/** True when `doc` claims to be a state document (it has `formatVersion` or `partitions`); fixtures have neither. */
export function isStateDocument(doc: unknown): boolean {
  return typeof doc === "object" && doc !== null && ("formatVersion" in doc || "partitions" in doc);
}

const NAME = /^[A-Za-z0-9/_+=.@-]+$/;
const ARN_SUFFIX = /^[A-Za-z0-9]{6}$/;
const REPLICA_STATUS = ["InSync", "Failed", "InProgress"] as const;

const SECRET_KEYS = [
  "arn",
  "name",
  "createdDate",
  "lastChangedDate",
  "lastAccessedDate",
  "deletedDate",
  "deletionDate",
  "description",
  "kmsKeyId",
  "type",
  "tags",
  "versions",
  "rotation",
  "resourcePolicy",
  "owningService",
  "primaryRegion",
  "replicas",
] as const;
const VERSION_KEYS = ["versionId", "createdDate", "secretString", "secretBinary", "stages", "lastAccessedDate", "kmsKeyId"] as const;

function readVersion(r: DocumentReader, value: unknown, path: string): VersionRecord {
  const v = r.object(value, path, VERSION_KEYS);
  const versionId = r.string(v.versionId, childPath(path, "versionId"), 32, 64);
  const secretString = r.optionalString(v.secretString, childPath(path, "secretString"));
  const secretBinary = v.secretBinary === undefined ? undefined : r.base64(v.secretBinary, childPath(path, "secretBinary"));
  if (secretString !== undefined && secretBinary !== undefined) r.fail(path, "a version has secretString or secretBinary, not both");
  const stagesPath = childPath(path, "stages");
  const stages = r.array(v.stages, stagesPath).map((s, i) => r.string(s, childPath(stagesPath, i), 1, 256));
  if (new Set(stages).size !== stages.length) r.fail(stagesPath, "a staging label is listed twice");
  const lastAccessedDate = r.optionalDate(v.lastAccessedDate, childPath(path, "lastAccessedDate"));
  const kmsKeyId = r.optionalString(v.kmsKeyId, childPath(path, "kmsKeyId"));
  return {
    versionId,
    createdDate: r.date(v.createdDate, childPath(path, "createdDate")),
    ...opt("secretString", secretString),
    ...opt("secretBinary", secretBinary),
    stages,
    ...opt("lastAccessedDate", lastAccessedDate),
    ...opt("kmsKeyId", kmsKeyId),
  };
}

function readRotation(r: DocumentReader, value: unknown, path: string): RotationRecord {
  const o = r.object(value, path, ["enabled", "lambdaArn", "rules", "lastRotatedDate", "nextRotationDate"]);
  let rules: RotationRecord["rules"];
  if (o.rules !== undefined) {
    const rp = childPath(path, "rules");
    const ro = r.object(o.rules, rp, ["AutomaticallyAfterDays", "Duration", "ScheduleExpression"]);
    rules = {
      ...opt(
        "AutomaticallyAfterDays",
        ro.AutomaticallyAfterDays === undefined
          ? undefined
          : r.integer(ro.AutomaticallyAfterDays, childPath(rp, "AutomaticallyAfterDays"), 1, 1000),
      ),
      ...opt("Duration", r.optionalString(ro.Duration, childPath(rp, "Duration"))),
      ...opt("ScheduleExpression", r.optionalString(ro.ScheduleExpression, childPath(rp, "ScheduleExpression"))),
    };
  }
  return {
    enabled: r.boolean(o.enabled, childPath(path, "enabled")),
    ...opt("lambdaArn", r.optionalString(o.lambdaArn, childPath(path, "lambdaArn"))),
    ...opt("rules", rules),
    ...opt("lastRotatedDate", r.optionalDate(o.lastRotatedDate, childPath(path, "lastRotatedDate"))),
    ...opt("nextRotationDate", r.optionalDate(o.nextRotationDate, childPath(path, "nextRotationDate"))),
  };
}

function readReplica(r: DocumentReader, value: unknown, path: string): ReplicaRecord {
  const o = r.object(value, path, ["region", "kmsKeyId", "status", "statusMessage"]);
  const status = r.string(o.status, childPath(path, "status"));
  if (!(REPLICA_STATUS as readonly string[]).includes(status))
    r.fail(childPath(path, "status"), `must be one of ${REPLICA_STATUS.join(", ")}`);
  return {
    region: r.string(o.region, childPath(path, "region"), 1, 128),
    ...opt("kmsKeyId", r.optionalString(o.kmsKeyId, childPath(path, "kmsKeyId"))),
    status: status as ReplicaRecord["status"],
    ...opt("statusMessage", r.optionalString(o.statusMessage, childPath(path, "statusMessage"))),
  };
}

function readSecret(r: DocumentReader, value: unknown, path: string, accountId: string, region: string): SecretRecord {
  const o = r.object(value, path, SECRET_KEYS);
  const at = (k: string) => childPath(path, k);
  const name = r.string(o.name, at("name"), 1, 512);
  if (!NAME.test(name)) r.fail(at("name"), "not a valid secret name (letters, digits and -/_+=.@! only)");
  const arn = r.string(o.arn, at("arn"));
  const prefix = `arn:`;
  const expected = `:secretsmanager:${region}:${accountId}:secret:${name}-`;
  const partitionEnd = arn.indexOf(":", prefix.length);
  if (
    !arn.startsWith(prefix) ||
    partitionEnd < 0 ||
    !arn.startsWith(expected, partitionEnd) ||
    !ARN_SUFFIX.test(arn.slice(partitionEnd + expected.length))
  ) {
    r.fail(
      at("arn"),
      `must be arn:<partition>${expected}XXXXXX (the partition's region and account, the secret's name and a 6-character suffix)`,
    );
  }
  let tags: TagRecord[] | undefined;
  if (o.tags !== undefined) {
    tags = r.array(o.tags, at("tags")).map((t, i) => {
      const tp = childPath(at("tags"), i);
      const to = r.object(t, tp, ["Key", "Value"]);
      return { Key: r.string(to.Key, childPath(tp, "Key"), 1, 128), Value: r.string(to.Value, childPath(tp, "Value"), 0, 256) };
    });
    if (new Set(tags.map((t) => t.Key)).size !== tags.length) r.fail(at("tags"), "a tag key is listed twice");
  }
  const versions = new Map<string, VersionRecord>();
  const labels = new Map<string, string>();
  r.array(o.versions, at("versions")).forEach((v, i) => {
    const vp = childPath(at("versions"), i);
    const version = readVersion(r, v, vp);
    if (versions.has(version.versionId)) r.fail(childPath(vp, "versionId"), "another version of this secret has the same versionId");
    for (const stage of version.stages) {
      if (labels.has(stage)) r.fail(childPath(vp, "stages"), `staging label ${stage} is on another version too`);
      labels.set(stage, version.versionId);
    }
    versions.set(version.versionId, version);
  });
  const replicas =
    o.replicas === undefined
      ? undefined
      : r.array(o.replicas, at("replicas")).map((x, i) => readReplica(r, x, childPath(at("replicas"), i)));
  return {
    gen: 0,
    name,
    arn,
    createdDate: r.date(o.createdDate, at("createdDate")),
    lastChangedDate: r.date(o.lastChangedDate, at("lastChangedDate")),
    ...opt("lastAccessedDate", r.optionalDate(o.lastAccessedDate, at("lastAccessedDate"))),
    ...opt("deletedDate", r.optionalDate(o.deletedDate, at("deletedDate"))),
    ...opt("deletionDate", r.optionalDate(o.deletionDate, at("deletionDate"))),
    ...opt("description", r.optionalString(o.description, at("description"), 0, 2048)),
    ...opt("kmsKeyId", r.optionalString(o.kmsKeyId, at("kmsKeyId"), 0, 2048)),
    ...opt("type", r.optionalString(o.type, at("type"), 0, 256)),
    ...opt("tags", tags),
    versions,
    labels,
    ...opt("rotation", o.rotation === undefined ? undefined : readRotation(r, o.rotation, at("rotation"))),
    ...opt("resourcePolicy", r.optionalString(o.resourcePolicy, at("resourcePolicy"), 1, 20480)),
    ...opt("owningService", r.optionalString(o.owningService, at("owningService"), 1, 128)),
    ...opt("primaryRegion", r.optionalString(o.primaryRegion, at("primaryRegion"), 1, 128)),
    ...opt("replicas", replicas),
  };
}

/**
 * Checks a whole {@link StateDocument} and rebuilds its records. Throws an
 * `InvalidDocumentError` naming the path (and `file`) of the first problem; builds nothing
 * observable before the whole document has passed.
 */
export function readState(doc: unknown, file?: string): LoadedPartition[] {
  const r = new DocumentReader("state", file);
  const root = r.object(doc, "", ["formatVersion", "partitions"]);
  if (root.formatVersion !== STATE_FORMAT_VERSION) {
    r.fail(
      "formatVersion",
      typeof root.formatVersion === "number" && root.formatVersion > STATE_FORMAT_VERSION
        ? `format version ${root.formatVersion} is newer than this version of secrets-manager-mock reads (${STATE_FORMAT_VERSION}); upgrade the library`
        : `expected ${STATE_FORMAT_VERSION}`,
    );
  }
  const seen = new Set<string>();
  return r.array(root.partitions, "partitions").map((p, i) => {
    const path = childPath("partitions", i);
    const po = r.object(p, path, ["accountId", "region", "secrets"]);
    const accountId = r.string(po.accountId, childPath(path, "accountId"), 1);
    const region = r.string(po.region, childPath(path, "region"), 1, 128);
    const key = `${accountId}\u0000${region}`;
    if (seen.has(key)) r.fail(path, `a second partition for account ${accountId} and region ${region}`);
    seen.add(key);
    const names = new Set<string>();
    const secrets = r.array(po.secrets, childPath(path, "secrets")).map((s, j) => {
      const sp = childPath(childPath(path, "secrets"), j);
      const secret = readSecret(r, s, sp, accountId, region);
      if (names.has(secret.name)) r.fail(childPath(sp, "name"), `a second secret named ${secret.name} in this partition`);
      names.add(secret.name);
      return secret;
    });
    return { accountId, region, secrets };
  });
}
