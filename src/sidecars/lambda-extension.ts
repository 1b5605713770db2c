/**
 * The AWS Parameters and Secrets Lambda Extension, answered from the mock's store, so that a
 * Lambda handler which reads `http://localhost:2773/secretsmanager/get?secretId=…` runs unchanged
 * on a developer's machine.
 *
 * The extension is closed source; its answers here are the recorded ones (fedonev/lambda-params-secrets,
 * `data/test-responses.json`, captured 2022-11-16):
 * - `GET /secretsmanager/get?secretId=…[&versionId=…][&versionStage=…]` → `ARN`, `CreatedDate`
 *   (RFC 3339, milliseconds, UTC), `Name`, `SecretBinary` (base64 or `null`), `SecretString` (or
 *   `null`), `VersionId`, `VersionStages`, `ResultMetadata: {}`; served as `text/plain` (the
 *   response headers recorded by Classmethod, 2022-10-21);
 * - `GET /systemsmanager/parameters/get?name=/aws/reference/secretsmanager/<secret>&withDecryption=true[&label=<stage>]`
 *   → `{"Parameter": {…}, "ResultMetadata": {}}` with the secret's ARN, `Type: "SecureString"`,
 *   `Version: 0` and `SourceResult` (the secret as a JSON string, dates in Java's default format);
 * - every error → HTTP 400 with the text `an unexpected error occurred while executing request`.
 *   The real extension writes the cause to the function's log only; the mock writes it to its log
 *   (never the value) and into the response header `x-secrets-manager-mock-error` (`<Code>: <message>`).
 *
 * Settings are the extension's environment variables ({@link LambdaExtensionSettings}); values
 * are cached for `SECRETS_MANAGER_TTL` seconds and nothing refreshes them earlier.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { GetSecretValueResponse } from "@aws-sdk/client-secrets-manager";
import { ServiceError } from "../errors.js";
import type { CallerIdentity } from "../operations/context.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";
import { type LoopbackGuard, sameToken } from "../server/loopback-guard.js";
import {
  type BodyAnswer,
  bodyAnswer,
  headerSafe,
  sendText,
  type Sidecar,
  SidecarBackend,
  SidecarCache,
  type SidecarCacheKey,
} from "./sidecar-cache.js";

/** The header a function puts its `AWS_SESSION_TOKEN` in (the extension's SSRF protection). */
const LAMBDA_EXTENSION_TOKEN_HEADER = "x-aws-parameters-secrets-token";

/** The mock's own response header carrying the AWS error code and message behind a 400. */
const MOCK_ERROR_HEADER = "x-secrets-manager-mock-error";

/** The extension's answer to every error (recorded). */
const LAMBDA_EXTENSION_ERROR_TEXT = "an unexpected error occurred while executing request";

/** The Parameter Store name prefix that refers to a Secrets Manager secret. */
const SECRETS_MANAGER_REFERENCE_PREFIX = "/aws/reference/secretsmanager/";

/**
 * The extension's settings, by their environment variable names (numbers may be given as
 * numbers or as the strings the environment holds).
 */
export interface LambdaExtensionSettings {
  /** Seconds a secret is cached: 0–300, default 300; 0 caches nothing. */
  SECRETS_MANAGER_TTL?: number | string;
  /** Secrets and parameters kept: 0–1000, default 1000; 0 caches nothing. */
  PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE?: number | string;
  /** `TRUE` (default) or `FALSE`. */
  PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED?: boolean | string;
  /**
   * The function's `AWS_SESSION_TOKEN`: when given, the token header must equal it; otherwise any
   * non-empty token is accepted (the mock can't know the function's token).
   */
  AWS_SESSION_TOKEN?: string;
}

/** Options of the Lambda extension listener (`lambdaExtension` of `startSecretsManagerServer`). */
export interface LambdaExtensionOptions {
  /** The extension's environment variables (`serve` passes its own environment). */
  settings?: LambdaExtensionSettings;
  /** Where the extension's log lines go (default `console.warn`). They never hold a secret value. */
  log?: (line: string) => void;
}

/** The setting names of {@link LambdaExtensionSettings}, to pick them out of an environment. */
const LAMBDA_EXTENSION_SETTING_NAMES = [
  "SECRETS_MANAGER_TTL",
  "PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE",
  "PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED",
  "AWS_SESSION_TOKEN",
] as const;

/**
 * The extension's cache settings found in `env` (what `serve` passes: its own environment).
 * `AWS_SESSION_TOKEN` is left out: the shell running `serve` may hold real credentials, and the
 * function's token is not the server's.
 */
export function lambdaExtensionSettingsFrom(env: Readonly<Record<string, string | undefined>>): LambdaExtensionSettings {
  const settings: LambdaExtensionSettings = {};
  for (const name of LAMBDA_EXTENSION_SETTING_NAMES) {
    if (name === "AWS_SESSION_TOKEN") continue;
    const value = env[name];
    if (value !== undefined) settings[name] = value;
  }
  return settings;
}

function intSetting(name: string, value: number | string | undefined, fallback: number, max: number): number {
  if (value === undefined || value === "") return fallback;
  const n = typeof value === "number" ? value : Number(value.trim());
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new RangeError(`secrets-manager-mock lambda extension: ${name} must be a whole number from 0 to ${max}, not ${String(value)}`);
  return n;
}

function boolSetting(name: string, value: boolean | string | undefined): boolean {
  if (value === undefined || value === "") return true;
  if (typeof value === "boolean") return value;
  const v = value.trim().toLowerCase();
  if (v === "true") return true;
  if (v === "false") return false;
  throw new RangeError(`secrets-manager-mock lambda extension: ${name} must be TRUE or FALSE, not ${value}`);
}

/** The recorded success body of `/secretsmanager/get`. */
function lambdaExtensionBody(output: GetSecretValueResponse): string {
  return JSON.stringify({
    ARN: output.ARN,
    CreatedDate: output.CreatedDate?.toISOString() ?? null,
    Name: output.Name,
    SecretBinary: output.SecretBinary === undefined ? null : Buffer.from(output.SecretBinary).toString("base64"),
    SecretString: output.SecretString ?? null,
    VersionId: output.VersionId,
    VersionStages: output.VersionStages,
    ResultMetadata: {},
  });
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A date as the recorded `SourceResult` has it: Java's default en-US medium format in UTC, `Nov 16, 2022, 8:22:40 AM`. */
function javaMediumDate(date: Date): string {
  const h = date.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ${h % 12 === 0 ? 12 : h % 12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${h < 12 ? "AM" : "PM"}`;
}

/** The recorded body of the Parameter Store reference path. */
function parameterReferenceBody(name: string, label: string | undefined, output: GetSecretValueResponse): string {
  const source: Record<string, unknown> = { ARN: output.ARN, name: output.Name, versionId: output.VersionId };
  if (output.SecretBinary !== undefined) {
    const bytes = output.SecretBinary;
    // A java.nio.ByteBuffer as Gson writes it (recorded); Java bytes are signed.
    source.secretBinary = {
      hb: Array.from(bytes, (b) => (b > 127 ? b - 256 : b)),
      offset: 0,
      isReadOnly: false,
      bigEndian: true,
      nativeByteOrder: false,
      mark: -1,
      position: 0,
      limit: bytes.byteLength,
      capacity: bytes.byteLength,
      address: 16,
    };
  } else source.secretString = output.SecretString;
  source.versionStages = output.VersionStages;
  if (output.CreatedDate !== undefined) source.createdDate = javaMediumDate(output.CreatedDate);
  return JSON.stringify({
    Parameter: {
      ARN: output.ARN,
      DataType: null,
      LastModifiedDate: output.CreatedDate?.toISOString() ?? null,
      Name: name,
      Selector: label === undefined ? null : `:${label}`,
      SourceResult: JSON.stringify(source),
      Type: "SecureString",
      Value: output.SecretString ?? null,
      Version: 0,
    },
    ResultMetadata: {},
  });
}

/** The cause of an error answer (the client only ever sees the one text). */
class ExtensionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The extension's settings, checked and with their defaults: what {@link createLambdaExtension} runs with. */
export interface LambdaExtensionResolved {
  ttlSeconds: number;
  size: number;
  enabled: boolean;
  token: string | undefined;
  log: (line: string) => void;
}

/** Checks the extension's settings (a value out of its range is refused at start). */
export function lambdaExtensionSettings(options: LambdaExtensionOptions = {}): LambdaExtensionResolved {
  const settings = options.settings ?? {};
  return {
    ttlSeconds: intSetting("SECRETS_MANAGER_TTL", settings.SECRETS_MANAGER_TTL, 300, 300),
    size: intSetting("PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE", settings.PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE, 1000, 1000),
    enabled: boolSetting("PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED", settings.PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED),
    token: settings.AWS_SESSION_TOKEN,
    log: options.log ?? ((line: string) => console.warn(line)),
  };
}

/** Creates the Lambda extension sidecar over `store`, reading as `caller` (the function's account and region). */
export function createLambdaExtension(
  store: SecretsStoreCore,
  guard: LoopbackGuard,
  caller: CallerIdentity,
  resolved: LambdaExtensionResolved,
): Sidecar {
  const { ttlSeconds, size, enabled, token, log } = resolved;
  const cache = new SidecarCache<BodyAnswer>(store, { ttlMs: ttlSeconds * 1000, maxEntries: enabled && ttlSeconds > 0 ? size : 0 });
  const backend = new SidecarBackend(store, caller);

  /** A cached answer while its TTL lasts; else GetSecretValue (errors are not cached). */
  function read(route: string, key: SidecarCacheKey, body: (output: GetSecretValueResponse) => string): string {
    const hit = cache.get(route, key);
    if (hit !== undefined && !hit.expired) return hit.value.body;
    let output: GetSecretValueResponse;
    try {
      output = backend.getSecretValue(key);
    } catch (err) {
      if (err instanceof ServiceError) throw new ExtensionError(err.code, err.message);
      throw err;
    }
    const value = bodyAnswer(output, body(output));
    cache.set(route, key, value);
    return value.body;
  }

  function secret(params: URLSearchParams): string {
    const secretId = params.get("secretId");
    if (secretId === null || secretId === "") throw new ExtensionError("ValidationException", "secretId is required (mock's diagnosis).");
    const key: SidecarCacheKey = { secretId };
    const versionId = params.get("versionId");
    const versionStage = params.get("versionStage");
    if (versionId !== null) key.versionId = versionId;
    if (versionStage !== null) key.versionStage = versionStage;
    return read("secretsmanager", key, lambdaExtensionBody);
  }

  function parameter(params: URLSearchParams): string {
    const name = params.get("name") ?? "";
    if (!name.startsWith(SECRETS_MANAGER_REFERENCE_PREFIX)) {
      log(
        `[AWS Parameters and Secrets Lambda Extension] secrets-manager-mock does not emulate Parameter Store: parameter ${JSON.stringify(name)} answered as a missing parameter (only ${SECRETS_MANAGER_REFERENCE_PREFIX}<secret> references are served)`,
      );
      throw new ExtensionError("ParameterNotFound", `Parameter Store is not emulated by secrets-manager-mock: ${name}`);
    }
    if (params.get("withDecryption") !== "true") {
      throw new ExtensionError("ValidationException", "WithDecryption flag must be True for retrieving a Secret Manager secret.");
    }
    const label = params.get("label") ?? undefined;
    const key: SidecarCacheKey = { secretId: name.slice(SECRETS_MANAGER_REFERENCE_PREFIX.length) };
    if (label !== undefined) key.versionStage = label;
    return read("parameter-reference", key, (output) => parameterReferenceBody(name, label, output));
  }

  function fail(req: IncomingMessage, res: ServerResponse, error: ExtensionError): void {
    const line = `${error.code}: ${error.message}`;
    log(`[AWS Parameters and Secrets Lambda Extension] ${req.method ?? "GET"} ${(req.url ?? "/").split("?")[0]}: ${line}`);
    sendText(res, 400, LAMBDA_EXTENSION_ERROR_TEXT, { "content-type": "text/plain", [MOCK_ERROR_HEADER]: headerSafe(line) });
  }

  return {
    name: "lambda-extension",
    cache,
    answer(req: IncomingMessage, res: ServerResponse): void {
      req.resume();
      if (!guard.read(req, res)) return;
      const tokenHeader = req.headers[LAMBDA_EXTENSION_TOKEN_HEADER];
      if (typeof tokenHeader !== "string" || tokenHeader.trim() === "" || (token !== undefined && !sameToken(tokenHeader, token))) {
        fail(
          req,
          res,
          new ExtensionError(
            "Unauthorized",
            "the X-Aws-Parameters-Secrets-Token header must carry the function's AWS_SESSION_TOKEN (mock's diagnosis).",
          ),
        );
        return;
      }
      if (req.method !== "GET") {
        fail(req, res, new ExtensionError("MethodNotAllowed", "the extension answers GET only (mock's diagnosis)."));
        return;
      }
      let url: URL;
      try {
        url = new URL(`http://localhost${req.url?.startsWith("/") ? req.url : "/"}`);
      } catch {
        fail(req, res, new ExtensionError("ValidationException", "unreadable request target (mock's diagnosis)."));
        return;
      }
      let body: string;
      try {
        if (url.pathname === "/secretsmanager/get") body = secret(url.searchParams);
        else if (url.pathname === "/systemsmanager/parameters/get") body = parameter(url.searchParams);
        else {
          // The extension is a Go program (its log lines are Go's): an unknown path gets Go's 404.
          sendText(res, 404, "404 page not found\n", { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
          return;
        }
      } catch (err) {
        if (!(err instanceof ExtensionError)) throw err;
        fail(req, res, err);
        return;
      }
      sendText(res, 200, body, { "content-type": "text/plain" });
    },
  };
}
