/**
 * The input shapes of the 23 operations, from the Secrets Manager model (2017-10-17), and the
 * validator that enforces them. The SDK checks nothing on the client side, so every required
 * member, length, range, pattern and enum check happens here, with AWS's error codes.
 */
import { ServiceError } from "../errors.js";

/** A member of an input shape. */
export type Shape =
  | { t: "string"; min?: number; max?: number; pattern?: RegExp; enum?: readonly string[]; sensitive?: boolean; bytes?: boolean }
  | { t: "integer"; min?: number; max?: number }
  | { t: "boolean" }
  | { t: "blob"; min?: number; max?: number; sensitive?: boolean }
  | { t: "list"; member: Shape; min?: number; max?: number }
  | { t: "structure"; members: Record<string, Shape>; required?: readonly string[]; index: ReadonlyMap<string, Shape> };

const str = (min?: number, max?: number, extra: Partial<Extract<Shape, { t: "string" }>> = {}): Shape => ({
  t: "string",
  ...(min !== undefined && { min }),
  ...(max !== undefined && { max }),
  ...extra,
});
const int = (min?: number, max?: number): Shape => ({ t: "integer", ...(min !== undefined && { min }), ...(max !== undefined && { max }) });
const bool: Shape = { t: "boolean" };
const list = (member: Shape, min?: number, max?: number): Shape => ({
  t: "list",
  member,
  ...(min !== undefined && { min }),
  ...(max !== undefined && { max }),
});
const struct = (members: Record<string, Shape>, required: readonly string[] = []): Extract<Shape, { t: "structure" }> => ({
  t: "structure",
  members,
  required,
  // Member shapes by name, for the validation of every call.
  index: new Map(Object.entries(members)),
});

const secretId = str(1, 2048);
const token = str(32, 64);
const versionId = str(32, 64);
const stage = str(1, 256);
const regionPattern = /^([a-z]+-)+\d+$/;
const secretString = str(1, 65536, { sensitive: true, bytes: true });
const secretBinary: Shape = { t: "blob", min: 1, max: 65536, sensitive: true };
const tag = struct({ Key: str(1, 128), Value: str(0, 256) }, ["Key", "Value"]);
const filter = struct({
  Key: str(undefined, undefined, {
    enum: ["description", "name", "tag-key", "tag-value", "primary-region", "owning-service", "all"],
  }),
  Values: list(str(0, 512, { pattern: /^!?[a-zA-Z0-9 :_@/+=.\-!]*$/ }), 1, 10),
});
const replicaRegion = struct({ Region: str(1, 128, { pattern: regionPattern }), KmsKeyId: str(0, 2048) });
const rotationRules = struct({
  AutomaticallyAfterDays: int(1, 1000),
  Duration: str(2, 3, { pattern: /^[0-9]+h$/ }),
  ScheduleExpression: str(1, 256, { pattern: /^[0-9A-Za-z()#?*\-/, ]+$/ }),
});
const externalMetadata = list(struct({ Key: str(1, 256), Value: str(1, 2048) }, ["Key", "Value"]));

/** Input shape of every operation. */
export const INPUT_SHAPES = {
  BatchGetSecretValue: struct({
    SecretIdList: list(secretId, 1, 20),
    Filters: list(filter, 0, 10),
    MaxResults: int(1, 20),
    NextToken: str(1, 4096),
  }),
  CancelRotateSecret: struct({ SecretId: secretId }, ["SecretId"]),
  CreateSecret: struct(
    {
      Name: str(1, 512),
      ClientRequestToken: token,
      Description: str(0, 2048),
      KmsKeyId: str(0, 2048),
      SecretBinary: secretBinary,
      SecretString: secretString,
      Tags: list(tag),
      AddReplicaRegions: list(replicaRegion, 1),
      ForceOverwriteReplicaSecret: bool,
      Type: str(0, 256),
    },
    ["Name"],
  ),
  DeleteResourcePolicy: struct({ SecretId: secretId }, ["SecretId"]),
  DeleteSecret: struct({ SecretId: secretId, RecoveryWindowInDays: int(), ForceDeleteWithoutRecovery: bool }, ["SecretId"]),
  DescribeSecret: struct({ SecretId: secretId }, ["SecretId"]),
  GetRandomPassword: struct({
    PasswordLength: int(1, 4096),
    ExcludeCharacters: str(0, 4096),
    ExcludeNumbers: bool,
    ExcludePunctuation: bool,
    ExcludeUppercase: bool,
    ExcludeLowercase: bool,
    IncludeSpace: bool,
    RequireEachIncludedType: bool,
  }),
  GetResourcePolicy: struct({ SecretId: secretId }, ["SecretId"]),
  GetSecretValue: struct({ SecretId: secretId, VersionId: versionId, VersionStage: stage }, ["SecretId"]),
  ListSecretVersionIds: struct({ SecretId: secretId, MaxResults: int(1, 100), NextToken: str(1, 4096), IncludeDeprecated: bool }, [
    "SecretId",
  ]),
  ListSecrets: struct({
    IncludePlannedDeletion: bool,
    MaxResults: int(1, 100),
    NextToken: str(1, 4096),
    Filters: list(filter, 0, 10),
    SortOrder: str(undefined, undefined, { enum: ["asc", "desc"] }),
    SortBy: str(undefined, undefined, { enum: ["created-date", "last-accessed-date", "last-changed-date", "name"] }),
  }),
  PutResourcePolicy: struct({ SecretId: secretId, ResourcePolicy: str(1, 20480), BlockPublicPolicy: bool }, ["SecretId", "ResourcePolicy"]),
  PutSecretValue: struct(
    {
      SecretId: secretId,
      ClientRequestToken: token,
      SecretBinary: secretBinary,
      // "" is answered by the operation ("You must provide either SecretString or SecretBinary.").
      SecretString: str(0, 65536, { sensitive: true, bytes: true }),
      VersionStages: list(stage, 1, 20),
      RotationToken: str(36, 256, { pattern: /^[a-zA-Z0-9-]+$/, sensitive: true }),
    },
    ["SecretId"],
  ),
  RemoveRegionsFromReplication: struct({ SecretId: secretId, RemoveReplicaRegions: list(str(1, 128, { pattern: regionPattern }), 1) }, [
    "SecretId",
    "RemoveReplicaRegions",
  ]),
  ReplicateSecretToRegions: struct({ SecretId: secretId, AddReplicaRegions: list(replicaRegion, 1), ForceOverwriteReplicaSecret: bool }, [
    "SecretId",
    "AddReplicaRegions",
  ]),
  RestoreSecret: struct({ SecretId: secretId }, ["SecretId"]),
  RotateSecret: struct(
    {
      SecretId: secretId,
      ClientRequestToken: token,
      RotationLambdaARN: str(0, 2048),
      RotationRules: rotationRules,
      ExternalSecretRotationMetadata: externalMetadata,
      ExternalSecretRotationRoleArn: str(20, 2048),
      RotateImmediately: bool,
    },
    ["SecretId"],
  ),
  StopReplicationToReplica: struct({ SecretId: secretId }, ["SecretId"]),
  TagResource: struct({ SecretId: secretId, Tags: list(tag) }, ["SecretId", "Tags"]),
  UntagResource: struct({ SecretId: secretId, TagKeys: list(str(1, 128)) }, ["SecretId", "TagKeys"]),
  UpdateSecret: struct(
    {
      SecretId: secretId,
      ClientRequestToken: token,
      Description: str(0, 2048),
      KmsKeyId: str(0, 2048),
      SecretBinary: secretBinary,
      SecretString: secretString,
      Type: str(0, 256),
    },
    ["SecretId"],
  ),
  UpdateSecretVersionStage: struct(
    { SecretId: secretId, VersionStage: stage, RemoveFromVersionId: versionId, MoveToVersionId: versionId },
    ["SecretId", "VersionStage"],
  ),
  ValidateResourcePolicy: struct({ SecretId: secretId, ResourcePolicy: str(1, 20480) }, ["ResourcePolicy"]),
} as const satisfies Record<string, Extract<Shape, { t: "structure" }>>;

/** The name of one of the 23 operations. */
export type OperationName = keyof typeof INPUT_SHAPES;

/** The 23 operation names, sorted. */
export const OPERATION_NAMES = Object.keys(INPUT_SHAPES).sort() as OperationName[];

/** True when `name` is one of the 23 operations (own property only: `__proto__` is not an operation). */
export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(INPUT_SHAPES, name);
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const nativeWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;
/** False when `s` holds a lone surrogate (no UTF-8 encoding). Native on Node 20+; a regex before. */
const isWellFormed: (s: string) => boolean =
  nativeWellFormed !== undefined ? (s) => nativeWellFormed.call(s) : (s) => !LONE_SURROGATE.test(s);

function show(value: unknown, shape: Shape): string {
  if ("sensitive" in shape && shape.sensitive) return "Value at";
  const text = typeof value === "string" ? value : Array.isArray(value) ? `[${value.join(", ")}]` : String(value);
  return `Value '${text.length > 256 ? `${text.slice(0, 256)}...` : text}' at`;
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value instanceof Uint8Array) return "blob";
  return typeof value;
}

/**
 * `input` without its `null` members, at every depth: AWS treats a JSON `null` as an absent member
 * (and the SDK drops them before sending), so operations only ever see `undefined`. Call it after
 * {@link validateInput}. Returns `input` itself when it holds no `null`.
 */
export function withoutNulls(operation: OperationName, input: unknown): Record<string, unknown> {
  return stripStructure(INPUT_SHAPES[operation], (input ?? {}) as Record<string, unknown>);
}

function stripValue(shape: Shape, value: unknown): unknown {
  if (shape.t === "structure") return stripStructure(shape, value as Record<string, unknown>);
  if (shape.t !== "list") return value;
  const items = value as unknown[];
  const stripped = items.map((item) => stripValue(shape.member, item));
  return stripped.some((item, i) => item !== items[i]) ? stripped : items;
}

type StructureShape = Extract<Shape, { t: "structure" }>;
/** A member of a structure, with its wire name. */
interface Member {
  readonly name: string;
  readonly shape: Shape;
  readonly wireName: string;
}
const memberLists = new WeakMap<StructureShape, readonly Member[]>();

/** A structure's members with their wire names, listed once: validation runs on every call. */
function membersOf(shape: StructureShape): readonly Member[] {
  let list = memberLists.get(shape);
  if (list === undefined) {
    list = Object.keys(shape.members).map((name) => ({ name, shape: shape.members[name], wireName: lowerFirst(name) }));
    memberLists.set(shape, list);
  }
  return list;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function stripStructure(shape: Extract<Shape, { t: "structure" }>, value: Record<string, unknown>): Record<string, unknown> {
  let out = value;
  for (const { name, shape: member } of membersOf(shape)) {
    if (!hasOwn(value, name)) continue;
    const v = value[name];
    const stripped = v === null || v === undefined ? undefined : stripValue(member, v);
    if (stripped === v) continue;
    if (out === value) out = { ...value };
    if (stripped === undefined) Reflect.deleteProperty(out, name);
    else out[name] = stripped;
  }
  return out;
}

/**
 * Checks `input` against the operation's shape. Wrong JSON types are a SerializationException
 * (what AWS's JSON deserializer answers); model constraint violations are one ValidationException
 * listing every violation, in AWS's wording. Members the model does not know are ignored, as AWS
 * does. `null` counts as absent (the SDK drops it before sending).
 * Returns true when the input holds `null` members (they must be stripped with {@link withoutNulls}).
 */
export function validateInput(operation: OperationName, input: unknown): boolean {
  // Almost every input is valid: a check of only the members it holds settles that; anything else
  // (a problem, a null) goes through the full pass, which words the errors.
  if (typeof input === "object" && input !== null && !Array.isArray(input) && !(input instanceof Uint8Array)) {
    if (isValidStructure(INPUT_SHAPES[operation], input as Record<string, unknown>)) return false;
  }
  return validateInputFully(operation, input);
}

/**
 * @internal {@link validateInput} without its shortcut for valid inputs: walks every member of the
 * shape in model order (the order of AWS's messages). Exported for the test that holds the two equal.
 */
export function validateInputFully(operation: OperationName, input: unknown): boolean {
  if (input === null || input === undefined) input = {};
  if (typeof input !== "object" || Array.isArray(input) || input instanceof Uint8Array) {
    throw new ServiceError("SerializationException", "Start of structure or map found where not expected.");
  }
  const shape = INPUT_SHAPES[operation];
  const problems: string[] = [];
  sawNull = false;
  checkStructure(shape, input as Record<string, unknown>, "", problems);
  if (problems.length > 0) {
    const n = problems.length;
    throw new ServiceError("ValidationException", `${n} validation error${n === 1 ? "" : "s"} detected: ${problems.join("; ")}`);
  }
  return sawNull;
}

/**
 * @internal True when {@link checkStructure} would find nothing to report in `value`: no problem,
 * no wrong type, no `null`. Walks the members `value` holds (own ones, enumerable or not, as the full pass
 * reads them), not every member of the shape.
 */
export function isValidStructure(shape: StructureShape, value: Record<string, unknown>): boolean {
  const required = shape.required;
  if (required !== undefined) {
    for (let i = 0; i < required.length; i++) {
      const name = required[i];
      if (!hasOwn(value, name)) return false;
      const v = value[name];
      if (v === undefined || v === null) return false;
    }
  }
  const index = shape.index;
  const names = Object.getOwnPropertyNames(value);
  for (let i = 0; i < names.length; i++) {
    const member = index.get(names[i]);
    if (member === undefined) continue;
    const v = value[names[i]];
    if (v === undefined) continue;
    if (v === null || !isValidValue(member, v)) return false;
  }
  return true;
}

/** True when {@link checkValue} would find nothing to report in `value` (not null or undefined). */
function isValidValue(shape: Shape, value: unknown): boolean {
  switch (shape.t) {
    case "string": {
      if (typeof value !== "string" || !isWellFormed(value)) return false;
      const len =
        shape.bytes && (value.length * 3 > (shape.max ?? Infinity) || value.length < (shape.min ?? 0))
          ? Buffer.byteLength(value, "utf8")
          : value.length;
      if ((shape.min !== undefined && len < shape.min) || (shape.max !== undefined && len > shape.max)) return false;
      if (shape.pattern && !shape.pattern.test(value)) return false;
      return shape.enum === undefined || shape.enum.includes(value);
    }
    case "integer":
      return (
        typeof value === "number" &&
        Number.isInteger(value) &&
        (shape.min === undefined || value >= shape.min) &&
        (shape.max === undefined || value <= shape.max)
      );
    case "boolean":
      return typeof value === "boolean";
    case "blob":
      return (
        value instanceof Uint8Array &&
        (shape.min === undefined || value.byteLength >= shape.min) &&
        (shape.max === undefined || value.byteLength <= shape.max)
      );
    case "list": {
      if (!Array.isArray(value)) return false;
      if ((shape.min !== undefined && value.length < shape.min) || (shape.max !== undefined && value.length > shape.max)) return false;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === null || item === undefined || !isValidValue(shape.member, item)) return false;
      }
      return true;
    }
    case "structure":
      return (
        typeof value === "object" &&
        !Array.isArray(value) &&
        !(value instanceof Uint8Array) &&
        isValidStructure(shape, value as Record<string, unknown>)
      );
  }
}

/** Set by a validation pass that met a `null` member (then the input needs {@link withoutNulls}). */
let sawNull = false;

function checkStructure(shape: Extract<Shape, { t: "structure" }>, value: Record<string, unknown>, path: string, problems: string[]): void {
  const required = shape.required;
  if (required !== undefined) {
    for (let i = 0; i < required.length; i++) {
      const name = required[i];
      const v = hasOwn(value, name) ? value[name] : undefined;
      if (v === undefined || v === null) {
        problems.push(`Value null at '${path}${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
      }
    }
  }
  // Indexed loop, absent members first (one property read): validation runs on every call.
  const members = membersOf(shape);
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    const v = value[m.name];
    if (v === undefined || !hasOwn(value, m.name)) continue;
    if (v === null) {
      sawNull = true;
      continue;
    }
    checkValue(m.shape, v, path === "" ? m.wireName : path + m.wireName, problems);
  }
}

function serializationError(path: string, expected: string, value: unknown): ServiceError {
  return new ServiceError("SerializationException", `Unexpected ${typeName(value)} value at '${path}': expected ${expected}.`);
}

function checkValue(shape: Shape, value: unknown, path: string, problems: string[]): void {
  switch (shape.t) {
    case "string": {
      if (typeof value !== "string") throw serializationError(path, "a string", value);
      if (!isWellFormed(value)) throw new ServiceError("SerializationException", `Invalid UTF-8 in the value at '${path}'.`);
      // UTF-8 takes 1–3 bytes per UTF-16 unit: count bytes only when the bounds could tell.
      const len =
        shape.bytes && (value.length * 3 > (shape.max ?? Infinity) || value.length < (shape.min ?? 0))
          ? Buffer.byteLength(value, "utf8")
          : value.length;
      if (shape.min !== undefined && len < shape.min) {
        problems.push(
          `${show(value, shape)} '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${shape.min}`,
        );
      } else if (shape.max !== undefined && len > shape.max) {
        problems.push(
          `${show(value, shape)} '${path}' failed to satisfy constraint: Member must have length less than or equal to ${shape.max}`,
        );
      }
      if (shape.pattern && !shape.pattern.test(value)) {
        problems.push(
          `${show(value, shape)} '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${shape.pattern.source}`,
        );
      }
      if (shape.enum && !shape.enum.includes(value)) {
        problems.push(
          `${show(value, shape)} '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${shape.enum.join(", ")}]`,
        );
      }
      return;
    }
    case "integer": {
      if (typeof value !== "number" || !Number.isInteger(value)) throw serializationError(path, "an integer", value);
      if (shape.min !== undefined && value < shape.min) {
        problems.push(
          `${show(value, shape)} '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${shape.min}`,
        );
      } else if (shape.max !== undefined && value > shape.max) {
        problems.push(
          `${show(value, shape)} '${path}' failed to satisfy constraint: Member must have value less than or equal to ${shape.max}`,
        );
      }
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") throw serializationError(path, "a boolean", value);
      return;
    case "blob": {
      if (!(value instanceof Uint8Array)) throw serializationError(path, "a blob (Uint8Array)", value);
      if (shape.min !== undefined && value.byteLength < shape.min) {
        problems.push(`Value at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${shape.min}`);
      } else if (shape.max !== undefined && value.byteLength > shape.max) {
        problems.push(`Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${shape.max}`);
      }
      return;
    }
    case "list": {
      if (!Array.isArray(value)) throw serializationError(path, "a list", value);
      if (shape.min !== undefined && value.length < shape.min) {
        problems.push(
          `${show(value, shape)} '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${shape.min}`,
        );
      } else if (shape.max !== undefined && value.length > shape.max) {
        problems.push(
          `${show(value, shape)} '${path}' failed to satisfy constraint: Member must have length less than or equal to ${shape.max}`,
        );
      }
      value.forEach((item, i) => {
        if (item === null || item === undefined) {
          problems.push(`Value null at '${path}.${i + 1}.member' failed to satisfy constraint: Member must not be null`);
        } else {
          checkValue(shape.member, item, `${path}.${i + 1}.member`, problems);
        }
      });
      return;
    }
    case "structure": {
      if (typeof value !== "object" || Array.isArray(value) || value instanceof Uint8Array) {
        throw serializationError(path, "a structure", value);
      }
      checkStructure(shape, value as Record<string, unknown>, `${path}.`, problems);
      return;
    }
  }
}
