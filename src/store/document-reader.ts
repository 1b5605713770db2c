/**
 * Checking hand-written or loaded JSON documents (state files, fixtures): every problem is
 * reported with the path inside the document and, when known, the file it came from. Values are
 * never quoted in messages (they may be secrets).
 */

/** A document (state or fixtures) that can't be loaded. Nothing was changed when it is thrown. */
export class InvalidDocumentError extends Error {
  /** Where in the document the problem is, e.g. `partitions[0].secrets[2].versions[0].createdDate`. */
  readonly path: string;
  /** The file the document was read from, when it came from a file. */
  readonly file: string | undefined;

  constructor(what: string, path: string, problem: string, file?: string) {
    super(`secrets-manager-mock: invalid ${what}${file === undefined ? "" : ` in ${file}`}${path === "" ? "" : ` at ${path}`}: ${problem}`);
    this.name = "InvalidDocumentError";
    this.path = path;
    this.file = file;
  }
}

/** Appends a property to a path, quoting it when it isn't a plain identifier. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Describes a JSON value's type for error messages (never its content). */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Uint8Array) return "bytes";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Throws for one document: knows what it is checking and where it came from. */
export class DocumentReader {
  constructor(
    readonly what: string,
    readonly file?: string,
  ) {}

  fail(path: string, problem: string): never {
    throw new InvalidDocumentError(this.what, path, problem, this.file);
  }

  object(value: unknown, path: string, allowed?: readonly string[]): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Uint8Array) {
      this.fail(path, `expected an object, got ${jsonType(value)}`);
    }
    const obj = value as Record<string, unknown>;
    if (allowed !== undefined) {
      for (const key of Object.keys(obj)) {
        if (!allowed.includes(key)) this.fail(childPath(path, key), `unknown property (expected one of ${allowed.join(", ")})`);
      }
    }
    return obj;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `expected an array, got ${jsonType(value)}`);
    return value;
  }

  string(value: unknown, path: string, min = 0, max = Infinity): string {
    if (typeof value !== "string") this.fail(path, `expected a string, got ${jsonType(value)}`);
    if (value.length < min) this.fail(path, min === 1 ? "must not be empty" : `must be at least ${min} characters long`);
    if (value.length > max) this.fail(path, `must be at most ${max} characters long`);
    return value;
  }

  optionalString(value: unknown, path: string, min = 0, max = Infinity): string | undefined {
    return value === undefined ? undefined : this.string(value, path, min, max);
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== "boolean") this.fail(path, `expected a boolean, got ${jsonType(value)}`);
    return value;
  }

  integer(value: unknown, path: string, min: number, max: number): number {
    if (typeof value !== "number" || !Number.isInteger(value)) this.fail(path, `expected an integer, got ${jsonType(value)}`);
    if (value < min || value > max) this.fail(path, `must be between ${min} and ${max}`);
    return value;
  }

  /** An ISO 8601 date-time (with `Z` or an offset), as epoch milliseconds. */
  date(value: unknown, path: string): number {
    const s = this.string(value, path);
    const t = ISO_DATE.test(s) ? Date.parse(s) : NaN;
    if (Number.isNaN(t)) this.fail(path, "expected an ISO 8601 date-time such as 2024-01-31T12:00:00.000Z");
    return t;
  }

  optionalDate(value: unknown, path: string): number | undefined {
    return value === undefined ? undefined : this.date(value, path);
  }

  /** Standard base64 (padding required), as bytes. */
  base64(value: unknown, path: string): Uint8Array {
    const s = this.string(value, path);
    if (s.length % 4 !== 0 || !BASE64.test(s)) this.fail(path, "expected base64 (standard alphabet, padded)");
    return new Uint8Array(Buffer.from(s, "base64"));
  }
}

const ISO_DATE = /^[+-]?\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Parses JSON text, reporting a syntax error as an {@link InvalidDocumentError} (without echoing the text). */
export function parseJsonDocument(text: string, what: string, file?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // The parser's own message quotes the text around the error, which may be a secret.
    const position = e instanceof SyntaxError ? /position (\d+)/.exec(e.message)?.[1] : undefined;
    throw new InvalidDocumentError(what, "", `not valid JSON${position === undefined ? "" : ` (at character ${position})`}`, file);
  }
}
