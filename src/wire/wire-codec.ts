/**
 * The awsJson1_1 codec: how Secrets Manager's real protocol maps to `dispatch` and back.
 *
 * Requests are `POST` with `X-Amz-Target: secretsmanager.<Operation>`, `Content-Type:
 * application/x-amz-json-1.1` and a JSON body whose blobs are base64 text. Responses are JSON with
 * timestamps as epoch seconds and blobs as base64; errors are `{"__type", "Message"}` with HTTP 400
 * (500 for a server fault). Transport concerns (sockets, body size, timeouts) live in the adapters
 * that use this codec.
 */
import { ServiceError } from "../errors.js";
import { setOwn } from "../calls/own-property.js";
import { INPUT_SHAPES, isOperationName, type OperationName, type Shape } from "../operations/shapes.js";

/** The protocol's content type, sent by every SDK and returned by AWS. */
export const AWS_JSON_1_1 = "application/x-amz-json-1.1";

/** The `X-Amz-Target` prefix of Secrets Manager (the model's `targetPrefix`). */
export const TARGET_PREFIX = "secretsmanager.";

/**
 * Default request-body cap: 1 MiB. AWS documents no request size limit for Secrets Manager; the
 * largest legal request (a 64 KiB binary secret, base64-encoded, plus a 20 KiB policy is far
 * smaller) fits with a wide margin, while a runaway client can't make the mock buffer without bound.
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** An HTTP request as the codec sees it: header names in lower case, the body fully read. */
export interface WireRequest {
  method: string;
  headers: Readonly<Record<string, string | undefined>>;
  body: Uint8Array;
}

/** An HTTP response produced by the codec. */
export interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  /**
   * The body: text (sent as UTF-8) or bytes. JSON answers are text, so that the local endpoint
   * writes head and body as one string in one system call, with no buffer made in between.
   */
  body: string | Uint8Array;
}

/** The length of a response body in bytes, as its `content-length` says. */
export function bodyByteLength(body: string | Uint8Array): number {
  return typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.byteLength;
}

/** A decoded request: the operation and its input in the shape `dispatch` expects. */
export interface DecodedRequest {
  operation: OperationName;
  input: Record<string, unknown>;
}

/**
 * A request AWS's front end can't attribute to a JSON protocol at all (wrong method or content
 * type). AWS answers those with an XML-ish `<UnknownOperationException/>` body rather than JSON.
 */
export class UnknownProtocolError extends ServiceError {
  constructor() {
    super("UnknownOperationException", "", 404);
  }
}

/** The error for a body larger than the cap (HTTP 413; a mock choice, AWS documents none). */
export function bodyTooLargeError(maxBodyBytes: number): ServiceError {
  return new ServiceError("RequestEntityTooLargeException", `The request body is larger than ${maxBodyBytes} bytes.`, 413);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

function mediaType(contentType: string | undefined): string {
  if (contentType === AWS_JSON_1_1) return contentType;
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * Turns an HTTP request into an operation and its input: checks method, content type and target,
 * parses the JSON body and decodes base64 blobs. Throws a {@link ServiceError} the way AWS rejects
 * the request (see the README's wire-protocol notes for each case).
 */
export function decodeWireRequest(request: WireRequest): DecodedRequest {
  const type = mediaType(request.headers["content-type"]);
  if (request.method.toUpperCase() !== "POST" || (type !== AWS_JSON_1_1 && type !== "application/x-amz-json-1.0")) {
    throw new UnknownProtocolError();
  }
  const target = request.headers["x-amz-target"] ?? "";
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
  if (!isOperationName(operation)) throw new ServiceError("UnknownOperationException", "");
  return { operation, input: decodeBody(operation, request.body) };
}

function decodeBody(operation: OperationName, body: Uint8Array): Record<string, unknown> {
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    throw new ServiceError("SerializationException", "The request body is not valid UTF-8.");
  }
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ServiceError("SerializationException", "The request body is not valid JSON.");
  }
  if (parsed === null) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ServiceError("SerializationException", "Start of structure or map found where not expected.");
  }
  const shape = INPUT_SHAPES[operation];
  return (containsBlob(shape) ? decodeBlobs(shape, parsed, "") : parsed) as Record<string, unknown>;
}

/** Replaces base64 text by bytes wherever the input shape declares a blob. */
function decodeBlobs(shape: Shape, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return value;
  switch (shape.t) {
    case "blob":
      if (typeof value !== "string") {
        throw new ServiceError(
          "SerializationException",
          `Unexpected ${Array.isArray(value) ? "array" : typeof value} value at '${path}': expected base64 text.`,
        );
      }
      if (!BASE64.test(value)) {
        throw new ServiceError("SerializationException", `Invalid base64 value at '${path}'.`);
      }
      return new Uint8Array(Buffer.from(value, "base64"));
    case "list":
      return Array.isArray(value) ? value.map((item, i) => decodeBlobs(shape.member, item, `${path}.${i + 1}.member`)) : value;
    case "structure": {
      if (typeof value !== "object" || Array.isArray(value)) return value;
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [name, member] of Object.entries(shape.members)) {
        if (!Object.prototype.hasOwnProperty.call(out, name) || !containsBlob(member)) continue;
        out[name] = decodeBlobs(member, out[name], path === "" ? lowerFirst(name) : `${path}.${lowerFirst(name)}`);
      }
      return out;
    }
    default:
      return value;
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Whether a shape holds a blob anywhere, remembered per shape: asked on every request. */
const holdsBlob = new WeakMap<Shape, boolean>();

function containsBlob(shape: Shape): boolean {
  let known = holdsBlob.get(shape);
  if (known === undefined) {
    known =
      shape.t === "blob" ||
      (shape.t === "list" && containsBlob(shape.member)) ||
      (shape.t === "structure" && Object.values(shape.members).some(containsBlob));
    holdsBlob.set(shape, known);
  }
  return known;
}

/**
 * Converts an operation output (or any value) to its JSON form on the wire: `Date` becomes epoch
 * seconds (fractional), `Uint8Array` becomes base64 text, `undefined` members are left out.
 */
export function toWireJson(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  if (Array.isArray(value)) return value.map(toWireJson);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    // Object.keys and an index, not Object.entries: no pair arrays on every answer.
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const v = (value as Record<string, unknown>)[keys[i]];
      if (v !== undefined) setOwn(out, keys[i], typeof v === "object" && v !== null ? toWireJson(v) : v);
    }
    return out;
  }
  return value;
}

/**
 * `value` with the members JSON can't write as the wire wants (`Date`, `Uint8Array`) replaced,
 * copying only the objects and arrays on the way to one: everything else is shared with `value`,
 * which is never changed. `JSON.stringify` of the result is the wire text.
 */
function wirePlain(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v === null || typeof v !== "object") continue;
      const p = wirePlain(v);
      if (p !== v) (copy ??= value.slice())[i] = p;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  // Object.keys and an index, not Object.entries: no pair arrays on every answer.
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const v = (value as Record<string, unknown>)[keys[i]];
    if (v === null || typeof v !== "object") continue;
    const p = wirePlain(v);
    if (p !== v) setOwn((copy ??= { ...(value as Record<string, unknown>) }), keys[i], p);
  }
  return copy ?? value;
}

/**
 * `JSON.stringify(toWireJson(value))`: the wire text of an output. Every answer of the local
 * endpoint is encoded, so the walk copies only what holds a date or bytes and leaves the writing
 * to the engine's own `JSON.stringify`, twice as fast as writing the text member by member.
 */
export function wireJsonText(value: unknown): string {
  // undefined (and a lone function or symbol) has no JSON text: the lib's type doesn't say so.
  const text = JSON.stringify(wirePlain(value)) as string | undefined;
  return text ?? "null";
}

/** A 200 response carrying `output`. */
export function encodeWireOutput(output: object, requestId: string): WireResponse {
  return {
    statusCode: 200,
    headers: { "content-type": AWS_JSON_1_1, "x-amzn-requestid": requestId },
    body: wireJsonText(output),
  };
}

/** The error response AWS sends for `error`. */
export function encodeWireError(error: ServiceError, requestId: string): WireResponse {
  if (error instanceof UnknownProtocolError) {
    return {
      statusCode: error.httpStatus,
      headers: { "content-type": "application/xml", "x-amzn-requestid": requestId },
      body: "<UnknownOperationException/>\n",
    };
  }
  // AWS leaves Message out when it has nothing to say (e.g. an unknown X-Amz-Target).
  const body = error.message === "" ? { __type: error.code } : { __type: error.code, Message: error.message };
  return {
    statusCode: error.httpStatus,
    headers: { "content-type": AWS_JSON_1_1, "x-amzn-requestid": requestId, "x-amzn-errortype": error.code },
    body: JSON.stringify(body),
  };
}

const REGION = /^[a-z0-9-]{1,64}$/;

/**
 * The region of a SigV4-signed request, from the credential scope of its `Authorization` header
 * (`Credential=AKID/20240101/us-west-2/secretsmanager/aws4_request`). Undefined when the request is
 * unsigned or the scope is unreadable. The signature itself is never checked.
 */
export function regionFromAuthorization(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /Credential=([^,\s]+)/.exec(authorization);
  if (!match) return undefined;
  const parts = match[1].split("/");
  // AKID/date/region/service/aws4_request; the access key id itself never contains "/".
  const region = parts.length >= 5 ? parts[parts.length - 3] : undefined;
  return region !== undefined && REGION.test(region) ? region : undefined;
}
