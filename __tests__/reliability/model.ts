/**
 * A reference model of Secrets Manager, written for obviousness, not speed: the model-based tests
 * run random command sequences against it and against the real mock (through a real
 * SecretsManagerClient) and demand identical outputs and errors after every step.
 *
 * It covers what the sequences generate: CreateSecret, PutSecretValue, UpdateSecret,
 * UpdateSecretVersionStage, DeleteSecret, RestoreSecret, GetSecretValue, DescribeSecret,
 * ListSecretVersionIds, TagResource and UntagResource on plain secrets (no rotation, replicas,
 * KMS keys or policies), with reference/aws-behaviour.md as its specification. Where AWS is
 * unverified it follows the choices the README documents (error texts of UpdateSecretVersionStage,
 * DeleteSecret and the limits).
 *
 * Writes are done on a deep copy of the secret and committed only once every check passed, so
 * "a failed call changes nothing" holds by construction here and is a property of the mock.
 */

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const ARN_PREFIX = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:`;
const DAY = 86_400_000;

export type Value = { string: string } | { binary: number[] };

export interface ModelVersion {
  id: string;
  value: Value;
  created: number;
  stages: string[];
  lastAccessed?: number;
}

export interface ModelSecret {
  name: string;
  arn: string;
  created: number;
  lastChanged: number;
  lastAccessed?: number;
  description?: string;
  tags?: { Key: string; Value: string }[];
  deletedDate?: number;
  deletionDate?: number;
  /** In creation order. */
  versions: ModelVersion[];
}

/** What a call gives: an output, or an AWS error (name + message). */
export type Outcome = { ok: true; output: Record<string, unknown> } | { ok: false; name: string; message: string };

/** Values the real mock generated, which the model can't predict (it checks their shape). */
export interface Hints {
  arn?: string;
  versionId?: string;
}

class Fail extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const M = {
  notFound: "Secrets Manager can't find the specified secret.",
  invalidName: "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!",
  marked: "You can't perform this operation on the secret because it was marked for deletion.",
  scheduledCreate: "You can't create this secret because a secret with this name is already scheduled for deletion.",
  exists: (n: string) => `The operation failed because the secret ${n} already exists.`,
  tokenInUse: (t: string, arn: string) =>
    `You can't use ClientRequestToken ${t} because that value is already in use for a version of secret ${arn}.`,
  both: "You can't specify both a binary secret value and a string secret value in the same secret.",
  noValue: "You must provide either SecretString or SecretBinary.",
  stageNotFound: (s: string) => `Secrets Manager can't find the specified secret value for staging label: ${s}`,
  versionNotFound: (v: string) => `Secrets Manager can't find the specified secret value for VersionId: ${v}`,
  stageNotOnVersion: "You provided a VersionStage that is not associated to the provided VersionId.",
  tooManyLabels: "A secret can have at most 20 staging labels attached across all of its versions.",
  tooManyVersions:
    "You can't create more versions of this secret: it already has 100 versions without a staging label, and versions created in the last 24 hours can't be removed.",
  notAVersion: (v: string) => `Not a valid version: ${v}`,
  stageNotIn: (s: string, v: string) => `Version stage ${s} not found in version ${v}`,
  nothingToDo: "You must specify MoveToVersionId, RemoveFromVersionId, or both.",
  cannotRemoveCurrent: "You can't remove the staging label AWSCURRENT from a version without moving it: specify MoveToVersionId.",
  removeFromRequired: (s: string, holder: string) =>
    `The parameter RemoveFromVersionId can't be empty. Staging label ${s} is currently attached to version ${holder}, so you must explicitly reference that version in RemoveFromVersionId.`,
  forceWithWindow: "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
  windowRange: "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).",
  alreadyScheduled: "You tried to perform the operation on a secret that's currently marked deleted.",
  reservedTag: "Invalid tag key. The aws: prefix is reserved for AWS use.",
  systemTag: (key: string) => `You can't modify system tags. Tag key: '${key}'.`,
  tooManyTags: "You can't add more than 50 tags to a secret.",
};

/** Length constraints of the members the sequences send, in the order of the model's shapes. */
const LENGTHS: Record<string, [member: string, min: number, max: number, sensitive: boolean][]> = {
  CreateSecret: [
    ["Name", 1, 512, false],
    ["ClientRequestToken", 32, 64, false],
    ["Description", 0, 2048, false],
    ["SecretString", 1, 65536, true],
  ],
  PutSecretValue: [
    ["SecretId", 1, 2048, false],
    ["ClientRequestToken", 32, 64, false],
    ["SecretString", 0, 65536, true],
  ],
  UpdateSecret: [
    ["SecretId", 1, 2048, false],
    ["ClientRequestToken", 32, 64, false],
    ["Description", 0, 2048, false],
    ["SecretString", 1, 65536, true],
  ],
  GetSecretValue: [
    ["SecretId", 1, 2048, false],
    ["VersionId", 32, 64, false],
    ["VersionStage", 1, 256, false],
  ],
  UpdateSecretVersionStage: [
    ["SecretId", 1, 2048, false],
    ["VersionStage", 1, 256, false],
    ["RemoveFromVersionId", 32, 64, false],
    ["MoveToVersionId", 32, 64, false],
  ],
};

const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);

function validate(op: string, input: Record<string, unknown>): void {
  const problems: string[] = [];
  for (const [member, min, max, sensitive] of LENGTHS[op] ?? []) {
    const v = input[member];
    if (typeof v !== "string") continue;
    const at = `${sensitive ? "Value" : `Value '${v}'`} at '${lowerFirst(member)}' failed to satisfy constraint: Member must have length`;
    if (v.length < min) problems.push(`${at} greater than or equal to ${min}`);
    else if (v.length > max) problems.push(`${at} less than or equal to ${max}`);
  }
  if (problems.length > 0) {
    throw new Fail(
      "ValidationException",
      `${problems.length} validation error${problems.length === 1 ? "" : "s"} detected: ${problems.join("; ")}`,
    );
  }
}

const VALID_NAME = /^[A-Za-z0-9/_+=.@-]+$/;

function sameValue(a: Value, b: Value): boolean {
  if ("string" in a) return "string" in b && a.string === b.string;
  return "binary" in b && a.binary.length === b.binary.length && a.binary.every((x, i) => x === b.binary[i]);
}

/** A deep copy (JSON is enough: the model holds only strings, numbers and arrays). */
function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function holder(s: ModelSecret, label: string): ModelVersion | undefined {
  return s.versions.find((v) => v.stages.includes(label));
}

function takeLabel(s: ModelSecret, label: string): void {
  for (const v of s.versions) v.stages = v.stages.filter((x) => x !== label);
}

function putLabel(s: ModelSecret, label: string, v: ModelVersion): void {
  if (v.stages.includes(label)) return;
  takeLabel(s, label);
  v.stages.push(label);
}

/** AWSCURRENT to `v`; its former holder gets AWSPREVIOUS (and, for value writes, loses AWSPENDING). */
function makeCurrent(s: ModelSecret, v: ModelVersion, dropPending: boolean): void {
  const old = holder(s, "AWSCURRENT");
  if (old === v) return;
  putLabel(s, "AWSCURRENT", v);
  if (old !== undefined) {
    putLabel(s, "AWSPREVIOUS", old);
    if (dropPending) old.stages = old.stages.filter((x) => x !== "AWSPENDING");
  }
}

/** The model's secrets, by name, in the (account, region) the tests use. */
export class Model {
  secrets = new Map<string, ModelSecret>();
  now: number;

  constructor(now: number) {
    this.now = now;
  }

  advance(ms: number): void {
    this.now += ms;
  }

  /** Runs one call. `hints` carries what the mock generated (ARN suffixes, tokens). */
  run(op: string, input: Record<string, unknown>, hints: Hints = {}): Outcome {
    try {
      validate(op, input);
      this.purge();
      const handler = (this as unknown as Record<string, (i: Record<string, unknown>, h: Hints) => Record<string, unknown>>)[op];
      if (typeof handler !== "function") throw new Error(`model has no ${op}`);
      return { ok: true, output: handler.call(this, input, hints) };
    } catch (e) {
      if (e instanceof Fail) return { ok: false, name: e.code, message: e.message };
      throw e;
    }
  }

  private purge(): void {
    for (const [name, s] of [...this.secrets]) if (s.deletionDate !== undefined && s.deletionDate <= this.now) this.secrets.delete(name);
  }

  /** Name, full ARN or partial ARN → the secret (or undefined); bad characters are a ValidationException. */
  private find(id: string): ModelSecret | undefined {
    if (id.startsWith(ARN_PREFIX)) {
      const rest = id.slice(ARN_PREFIX.length);
      if (!VALID_NAME.test(rest)) throw new Fail("ValidationException", M.invalidName);
      if (/-[A-Za-z0-9]{6}$/.test(rest)) {
        const s = this.secrets.get(rest.slice(0, -7));
        return s?.arn === id ? s : undefined;
      }
      return this.secrets.get(rest);
    }
    if (!VALID_NAME.test(id)) throw new Fail("ValidationException", M.invalidName);
    return this.secrets.get(id);
  }

  private existing(id: string): ModelSecret {
    const s = this.find(id);
    if (s === undefined) throw new Fail("ResourceNotFoundException", M.notFound);
    return s;
  }

  private active(id: string): ModelSecret {
    const s = this.existing(id);
    if (s.deletedDate !== undefined) throw new Fail("InvalidRequestException", M.marked);
    return s;
  }

  private readValue(input: Record<string, unknown>): Value | undefined {
    const str = input.SecretString as string | undefined;
    const bin = input.SecretBinary as Uint8Array | undefined;
    if (str !== undefined && bin !== undefined) throw new Fail("InvalidParameterException", M.both);
    if (str !== undefined) return { string: str };
    if (bin !== undefined) return { binary: [...bin] };
    return undefined;
  }

  /** Same data under the same token: the version; other data: ResourceExistsException; new token: undefined. */
  private reuse(s: ModelSecret, token: string, value: Value): ModelVersion | undefined {
    const v = s.versions.find((x) => x.id === token);
    if (v === undefined) return undefined;
    if (sameValue(v.value, value)) return v;
    throw new Fail("ResourceExistsException", M.tokenInUse(token, s.arn));
  }

  /** Adds a version to a copy of `s`, labels it, applies the limits; returns the copy. */
  private withNewVersion(s: ModelSecret, id: string, value: Value, stages: string[] | undefined): ModelSecret {
    const c = clone(s);
    const v: ModelVersion = { id, value, created: this.now, stages: [] };
    c.versions.push(v);
    const wanted = stages ?? ["AWSCURRENT"];
    if (wanted.includes("AWSCURRENT") || holder(c, "AWSCURRENT") === undefined) makeCurrent(c, v, true);
    for (const l of wanted) if (l !== "AWSCURRENT") putLabel(c, l, v);
    const labels = new Set(c.versions.flatMap((x) => x.stages));
    if (labels.size > 20) throw new Fail("LimitExceededException", M.tooManyLabels);
    let excess = c.versions.filter((x) => x.stages.length === 0).length - 100;
    for (const x of [...c.versions]) {
      if (excess <= 0) break;
      if (x.stages.length === 0 && x.created <= this.now - DAY) {
        c.versions = c.versions.filter((y) => y !== x);
        excess--;
      }
    }
    if (excess > 0) throw new Fail("LimitExceededException", M.tooManyVersions);
    c.lastChanged = Math.max(this.now, c.lastChanged + 1);
    return c;
  }

  /** CreateSecret refuses `aws:` keys with one text; TagResource and UntagResource name the key. */
  private checkTags(tags: { Key: string; Value: string }[], existing: boolean): void {
    const key = tags.find((t) => t.Key.toLowerCase().startsWith("aws:"))?.Key;
    if (key === undefined) return;
    throw new Fail("InvalidParameterException", existing ? M.systemTag(key) : M.reservedTag);
  }

  private merged(existing: { Key: string; Value: string }[] | undefined, added: { Key: string; Value: string }[], onExisting: boolean) {
    this.checkTags(added, onExisting);
    const out = clone(existing ?? []);
    for (const t of added) {
      const at = out.findIndex((x) => x.Key === t.Key);
      if (at >= 0) out[at] = { Key: t.Key, Value: t.Value };
      else out.push({ Key: t.Key, Value: t.Value });
    }
    if (out.filter((t) => !t.Key.toLowerCase().startsWith("aws:")).length > 50) throw new Fail("InvalidParameterException", M.tooManyTags);
    return out;
  }

  CreateSecret(input: Record<string, unknown>, hints: Hints): Record<string, unknown> {
    const name = input.Name as string;
    if (!VALID_NAME.test(name)) throw new Fail("ValidationException", M.invalidName);
    const value = this.readValue(input);
    const token = (input.ClientRequestToken as string | undefined) ?? generatedToken(hints);
    const old = this.secrets.get(name);
    if (old !== undefined) {
      if (old.deletedDate !== undefined) throw new Fail("InvalidRequestException", M.scheduledCreate);
      if (value !== undefined && this.reuse(old, token, value) !== undefined) return { ARN: old.arn, Name: name, VersionId: token };
      throw new Fail("ResourceExistsException", M.exists(name));
    }
    const tags = input.Tags === undefined ? undefined : this.merged(undefined, input.Tags as { Key: string; Value: string }[], false);
    const arn =
      hints.arn !== undefined && new RegExp(`^${escape(ARN_PREFIX + name)}-[A-Za-z0-9]{6}$`).test(hints.arn)
        ? hints.arn
        : "(unexpected ARN)";
    let s: ModelSecret = { name, arn, created: this.now, lastChanged: this.now, versions: [] };
    if (input.Description !== undefined) s.description = input.Description as string;
    if (tags !== undefined) s.tags = tags;
    if (value !== undefined) {
      s = this.withNewVersion(s, token, value, undefined);
      s.lastChanged = this.now;
    }
    this.secrets.set(name, s);
    return { ARN: arn, Name: name, ...(value !== undefined && { VersionId: token }) };
  }

  PutSecretValue(input: Record<string, unknown>, hints: Hints): Record<string, unknown> {
    const s = this.active(input.SecretId as string);
    const value = this.readValue(input);
    if (value === undefined || ("string" in value && value.string === "")) throw new Fail("InvalidRequestException", M.noValue);
    const token = (input.ClientRequestToken as string | undefined) ?? generatedToken(hints);
    const stages = input.VersionStages === undefined ? undefined : [...new Set(input.VersionStages as string[])];
    const same = this.reuse(s, token, value);
    if (same !== undefined) return { ARN: s.arn, Name: s.name, VersionId: token, VersionStages: [...same.stages] };
    const c = this.withNewVersion(s, token, value, stages);
    this.secrets.set(s.name, c);
    return { ARN: s.arn, Name: s.name, VersionId: token, VersionStages: [...c.versions.at(-1)!.stages] };
  }

  UpdateSecret(input: Record<string, unknown>, hints: Hints): Record<string, unknown> {
    const s = this.active(input.SecretId as string);
    const value = this.readValue(input);
    const token = (input.ClientRequestToken as string | undefined) ?? generatedToken(hints);
    const same = value === undefined ? undefined : this.reuse(s, token, value);
    let c = clone(s);
    if (value !== undefined && same === undefined) c = this.withNewVersion(s, token, value, undefined);
    else if (input.Description !== undefined) c.lastChanged = Math.max(this.now, c.lastChanged + 1);
    if (input.Description !== undefined) c.description = input.Description as string;
    this.secrets.set(s.name, c);
    return { ARN: s.arn, Name: s.name, ...(value !== undefined && { VersionId: token }) };
  }

  UpdateSecretVersionStage(input: Record<string, unknown>): Record<string, unknown> {
    const s = this.active(input.SecretId as string);
    const stage = input.VersionStage as string;
    const from = input.RemoveFromVersionId as string | undefined;
    const to = input.MoveToVersionId as string | undefined;
    if (from === undefined && to === undefined) throw new Fail("InvalidParameterException", M.nothingToDo);
    for (const id of [from, to]) {
      if (id !== undefined && !s.versions.some((v) => v.id === id)) throw new Fail("InvalidParameterException", M.notAVersion(id));
    }
    const h = holder(s, stage)?.id;
    if (from !== undefined && h !== from) throw new Fail("InvalidParameterException", M.stageNotIn(stage, from));
    if (to === undefined && stage === "AWSCURRENT") throw new Fail("InvalidParameterException", M.cannotRemoveCurrent);
    if (to !== undefined && h !== undefined && h !== to && from === undefined) {
      throw new Fail("InvalidParameterException", M.removeFromRequired(stage, h));
    }
    const c = clone(s);
    const target = c.versions.find((v) => v.id === to);
    if (target === undefined) takeLabel(c, stage);
    else if (stage === "AWSCURRENT") makeCurrent(c, target, false);
    else putLabel(c, stage, target);
    if (new Set(c.versions.flatMap((v) => v.stages)).size > 20) throw new Fail("LimitExceededException", M.tooManyLabels);
    this.secrets.set(s.name, c);
    return { ARN: s.arn, Name: s.name };
  }

  DeleteSecret(input: Record<string, unknown>, hints: Hints): Record<string, unknown> {
    const id = input.SecretId as string;
    const s = this.find(id);
    const force = input.ForceDeleteWithoutRecovery === true;
    const window = input.RecoveryWindowInDays as number | undefined;
    if (window !== undefined && (window < 7 || window > 30)) throw new Fail("InvalidParameterException", M.windowRange);
    if (force && window !== undefined) throw new Fail("InvalidParameterException", M.forceWithWindow);
    if (s === undefined) {
      if (!force) throw new Fail("ResourceNotFoundException", M.notFound);
      if (id.startsWith(ARN_PREFIX))
        return { ARN: id, Name: id.slice(ARN_PREFIX.length).replace(/-[A-Za-z0-9]{6}$/, ""), DeletionDate: this.now };
      const arnOk = hints.arn !== undefined && new RegExp(`^${escape(ARN_PREFIX + id)}-[A-Za-z0-9]{6}$`).test(hints.arn);
      return { ARN: arnOk ? hints.arn : "(unexpected ARN)", Name: id, DeletionDate: this.now };
    }
    if (force) {
      this.secrets.delete(s.name);
      return { ARN: s.arn, Name: s.name, DeletionDate: this.now };
    }
    if (s.deletedDate !== undefined) throw new Fail("InvalidRequestException", M.alreadyScheduled);
    const c = clone(s);
    c.deletedDate = this.now;
    c.deletionDate = this.now + (window ?? 30) * DAY;
    this.secrets.set(s.name, c);
    return { ARN: s.arn, Name: s.name, DeletionDate: c.deletionDate };
  }

  RestoreSecret(input: Record<string, unknown>): Record<string, unknown> {
    const s = this.existing(input.SecretId as string);
    delete s.deletedDate;
    delete s.deletionDate;
    return { ARN: s.arn, Name: s.name };
  }

  GetSecretValue(input: Record<string, unknown>): Record<string, unknown> {
    const s = this.active(input.SecretId as string);
    const vid = input.VersionId as string | undefined;
    const stage = input.VersionStage as string | undefined;
    let v: ModelVersion | undefined;
    if (vid !== undefined) {
      v = s.versions.find((x) => x.id === vid);
      if (v === undefined) throw new Fail("ResourceNotFoundException", M.versionNotFound(vid));
      if (stage !== undefined && !v.stages.includes(stage)) throw new Fail("InvalidRequestException", M.stageNotOnVersion);
    } else {
      v = holder(s, stage ?? "AWSCURRENT");
      if (v === undefined) throw new Fail("ResourceNotFoundException", M.stageNotFound(stage ?? "AWSCURRENT"));
    }
    const day = this.now - (this.now % DAY);
    s.lastAccessed = day;
    v.lastAccessed = day;
    return {
      ARN: s.arn,
      Name: s.name,
      VersionId: v.id,
      ...("string" in v.value ? { SecretString: v.value.string } : { SecretBinary: [...v.value.binary] }),
      VersionStages: [...v.stages],
      CreatedDate: v.created,
    };
  }

  DescribeSecret(input: Record<string, unknown>): Record<string, unknown> {
    const s = this.existing(input.SecretId as string);
    const labelled = s.versions.filter((v) => v.stages.length > 0);
    return {
      ARN: s.arn,
      Name: s.name,
      ...(s.description !== undefined && s.description !== "" && { Description: s.description }),
      LastChangedDate: s.lastChanged,
      ...(s.lastAccessed !== undefined && { LastAccessedDate: s.lastAccessed }),
      ...(s.deletedDate !== undefined && { DeletedDate: s.deletedDate }),
      ...(s.tags !== undefined && { Tags: clone(s.tags) }),
      ...(labelled.length > 0 && { VersionIdsToStages: Object.fromEntries(labelled.map((v) => [v.id, [...v.stages]])) }),
      CreatedDate: s.created,
    };
  }

  ListSecretVersionIds(input: Record<string, unknown>): Record<string, unknown> {
    const s = this.existing(input.SecretId as string);
    const shown = s.versions.filter((v) => input.IncludeDeprecated === true || v.stages.length > 0);
    return {
      ARN: s.arn,
      Name: s.name,
      Versions: shown.map((v) => ({
        VersionId: v.id,
        ...(v.stages.length > 0 && { VersionStages: [...v.stages] }),
        ...(v.lastAccessed !== undefined && { LastAccessedDate: v.lastAccessed }),
        CreatedDate: v.created,
        KmsKeyIds: ["DefaultEncryptionKey"],
      })),
    };
  }

  TagResource(input: Record<string, unknown>): Record<string, unknown> {
    const s = this.active(input.SecretId as string);
    const added = input.Tags as { Key: string; Value: string }[];
    const tags = this.merged(s.tags, added, true);
    if (added.length > 0) s.tags = tags;
    return {};
  }

  UntagResource(input: Record<string, unknown>): Record<string, unknown> {
    const s = this.active(input.SecretId as string);
    const keys = input.TagKeys as string[];
    this.checkTags(
      keys.map((Key) => ({ Key, Value: "" })),
      true,
    );
    if (s.tags !== undefined) s.tags = s.tags.filter((t) => !keys.includes(t.Key));
    return {};
  }
}

/** The token the mock (or the SDK) generated when the caller gave none: it must be a UUID v4. */
function generatedToken(hints: Hints): string {
  const v = hints.versionId;
  return v !== undefined && /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(v) ? v : "(no UUID v4 generated)";
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
