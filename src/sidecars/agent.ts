/**
 * The AWS Secrets Manager Agent (open source: aws/aws-secretsmanager-agent, read at commit
 * 4b1852d), answered from the mock's store on a port of its own, so that an application on EC2,
 * ECS or EKS that reads `http://localhost:2773/secretsmanager/get?secretId=…` runs unchanged.
 *
 * What follows the source, file by file:
 * - `server.rs`: the checks in its order. `/ping` answers `healthy` without a token; otherwise an
 *   `X-Forwarded-For` header gets 400 `Forwarded`, a token that is not in one of the SSRF headers
 *   (`X-Aws-Parameters-Secrets-Token`, `X-Vault-Token`) gets 403 `Bad Token`; then anything but
 *   GET gets 405 `Not allowed`; `/secretsmanager/get?secretId=…` and `/v1/<secretId>` (the
 *   secret id taken from the path as it is, still percent-encoded, slashes kept) read a secret;
 *   any other path gets 404 `Not found`. Plain-text bodies, no `Content-Type`.
 * - `parse.rs`: `secretId`, `versionId`, `versionStage`, `refreshNow` (`true`/`false`/`1`/`0`, any
 *   case); `missing parameter secretId`, `unknown parameter: <name>`, `invalid refreshNow value`,
 *   `missing secret ID`, all 400, checked in the order the parameters come.
 * - `output.rs`: the body `ARN`, `Name`, `VersionId`, `SecretString` or `SecretBinary` (base64),
 *   `VersionStages`, `CreatedDate` (a string of epoch seconds with their fraction, `"1569534789.046"`).
 * - `cache_manager.rs`, `utils.rs`: a Secrets Manager error keeps its HTTP status, with the body
 *   `{"__type":"<Code>", "message":"<message>"}`.
 * - `config.rs`, `utils.rs`: `ttl_seconds` 300 (0–3600), `cache_size` 1000 (1–1000),
 *   `path_prefix` `/v1/`, `ssrf_headers`, `ssrf_env_variables`; the token is the first of
 *   `AWS_TOKEN`, `AWS_SESSION_TOKEN`, `AWS_CONTAINER_AUTHORIZATION_TOKEN` that is set, `file://PATH`
 *   meaning the file's contents (trimmed).
 * - `aws_secretsmanager_caching` (lib.rs, memory_store): see {@link readThroughRevalidatingCache}.
 *
 * The mock's choices: when none of the token variables is set, the real Agent does not start; the
 * mock then accepts any non-empty token. A message holding a character that JSON must escape is
 * escaped (the Agent writes it raw, which makes the body invalid JSON).
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { GetSecretValueResponse } from "@aws-sdk/client-secrets-manager";
import { ServiceError } from "../errors.js";
import type { CallerIdentity } from "../operations/context.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";
import { type LoopbackGuard, sameToken } from "../server/loopback-guard.js";
import {
  type BodyAnswer,
  bodyAnswer,
  parseRefreshNow,
  readThroughRevalidatingCache,
  sendText,
  type Sidecar,
  SidecarBackend,
  SidecarCache,
  type SidecarCacheKey,
} from "./sidecar-cache.js";

/**
 * The Agent's settings, by the names of its TOML configuration file (config.rs). Every one is
 * optional; the defaults are the Agent's.
 */
export interface AgentConfig {
  /** Seconds a cached secret is served before it is checked again: 0–3600, default 300. */
  ttl_seconds?: number;
  /** Secrets kept in the cache: 1–1000, default 1000. */
  cache_size?: number;
  /** Headers that may carry the token (default `X-Aws-Parameters-Secrets-Token`, `X-Vault-Token`). */
  ssrf_headers?: readonly string[];
  /** Environment variables the token is read from, first set wins (default `AWS_TOKEN`, `AWS_SESSION_TOKEN`, `AWS_CONTAINER_AUTHORIZATION_TOKEN`). */
  ssrf_env_variables?: readonly string[];
  /** Prefix of the path route (default `/v1/`; must start with `/`). */
  path_prefix?: string;
}

/** Options of the Agent listener (`agent` of `startSecretsManagerServer`). */
export interface AgentOptions {
  /** The Agent's configuration file settings. */
  config?: AgentConfig;
  /**
   * The environment the token variables are read from (`serve` and the register entry pass
   * `process.env`; default: none, so any non-empty token is accepted).
   */
  env?: Readonly<Record<string, string | undefined>>;
}

const DEFAULT_SSRF_HEADERS = ["X-Aws-Parameters-Secrets-Token", "X-Vault-Token"];
const DEFAULT_SSRF_ENV = ["AWS_TOKEN", "AWS_SESSION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN"];

/** The cached answer of a GetSecretValue output, in the Agent's body (Cloud Extensions answers in it too). */
export function agentAnswer(output: GetSecretValueResponse): BodyAnswer {
  return bodyAnswer(output, agentBody(output));
}

/**
 * Whether `req` carries the SSRF token in one of `headers`: the configured `token`, or any
 * non-empty one when none is configured (the mock's choice; the real Agent won't start without one).
 */
export function ssrfTokenAccepted(req: IncomingMessage, headers: readonly string[], token: string | undefined): boolean {
  for (const name of headers) {
    const value = req.headers[name];
    if (typeof value !== "string") continue;
    if (token === undefined ? value !== "" : sameToken(value, token)) return true;
  }
  return false;
}

function checkRange(name: string, value: number, min: number, max: number, message: string): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`secrets-manager-mock agent: ${name} ${value}: ${message}`);
  return value;
}

/** The token the Agent compares with (utils.rs `get_token`); undefined when no variable is set. */
function agentToken(
  env: Readonly<Record<string, string | undefined>>,
  variables: readonly string[] = DEFAULT_SSRF_ENV,
): string | undefined {
  for (const name of variables) {
    const value = env[name];
    if (value === undefined) continue;
    if (!value.startsWith("file://")) return value;
    return readFileSync(value.slice("file://".length), "utf8").trim();
  }
  return undefined;
}

/**
 * `CreatedDate` as the Agent writes it: serde_with's `TimestampSecondsWithFrac<String>`, i.e. Rust's
 * `f64::to_string` of `secs + nanos / 1e9` (shortest round-trip digits, no exponent, no `.0`).
 */
export function agentCreatedDate(ms: number): string {
  const negative = ms < 0;
  const abs = Math.abs(ms);
  const secs = Math.floor(abs / 1000);
  const nanos = (abs - secs * 1000) * 1_000_000;
  const value = secs + nanos / 1e9;
  // Number's own shortest round-trip form; whole numbers print without a fraction, as in Rust.
  const text = value.toString();
  return negative && value !== 0 ? `-${text}` : text;
}

/** The Agent's JSON body of GetSecretValue's output (output.rs member order). */
function agentBody(output: GetSecretValueResponse): string {
  const body: Record<string, unknown> = { ARN: output.ARN ?? null, Name: output.Name ?? null, VersionId: output.VersionId ?? null };
  if (output.SecretString !== undefined) body.SecretString = output.SecretString;
  if (output.SecretBinary !== undefined) body.SecretBinary = Buffer.from(output.SecretBinary).toString("base64");
  if (output.VersionStages !== undefined) body.VersionStages = output.VersionStages;
  body.CreatedDate = output.CreatedDate === undefined ? null : agentCreatedDate(output.CreatedDate.getTime());
  return JSON.stringify(body);
}

/** The Agent's error body (utils.rs `err_response`). */
function agentErrorBody(code: string, message: string): string {
  if (message === "" || code === "InternalFailure") return '{"__type":"InternalFailure"}';
  return `{"__type":${JSON.stringify(code)}, "message":${JSON.stringify(message)}}`;
}

/** An answer other than 200, thrown up to the listener. */
class AgentHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(body);
  }
}

function parseParams(params: URLSearchParams, key: SidecarCacheKey, allowSecretId: boolean): boolean {
  let refreshNow = false;
  for (const [name, value] of params) {
    if (name === "secretId" && allowSecretId) key.secretId = value;
    else if (name === "versionId") key.versionId = value;
    else if (name === "versionStage") key.versionStage = value;
    else if (name === "refreshNow") {
      const parsed = parseRefreshNow(value);
      if (parsed === undefined) throw new AgentHttpError(400, "invalid refreshNow value");
      refreshNow = parsed;
    } else throw new AgentHttpError(400, `unknown parameter: ${name}`);
  }
  return refreshNow;
}

/** The Agent's settings, checked and with their defaults: what {@link createAgent} runs with. */
export interface AgentSettings {
  ttlSeconds: number;
  cacheSize: number;
  prefix: string;
  headers: string[];
  token: string | undefined;
}

/** Checks `options` as the Agent checks its configuration at start (config.rs), and reads its token. */
export function agentSettings(options: AgentOptions = {}): AgentSettings {
  const config = options.config ?? {};
  const ttlSeconds = checkRange(
    "ttl_seconds",
    config.ttl_seconds ?? 300,
    0,
    3600,
    "The TTL in seconds specified in the configuration file isn't valid. The TTL in seconds must be in the range 0 to 3600.",
  );
  const cacheSize = checkRange(
    "cache_size",
    config.cache_size ?? 1000,
    1,
    1000,
    "The cache size specified in the configuration file isn't valid. The cache size must be in the range 1 to 1000.",
  );
  const prefix = config.path_prefix ?? "/v1/";
  if (!prefix.startsWith("/"))
    throw new RangeError("secrets-manager-mock agent: The path prefix specified in the configuration file must begin with /.");
  const headers = (config.ssrf_headers ?? DEFAULT_SSRF_HEADERS).map((h) => h.toLowerCase());
  if (headers.length === 0)
    throw new RangeError("secrets-manager-mock agent: The list of SSRF headers in the configuration file can't be empty.");
  const token = agentToken(options.env ?? {}, config.ssrf_env_variables ?? DEFAULT_SSRF_ENV);
  return { ttlSeconds, cacheSize, prefix, headers, token };
}

/** Creates the Agent sidecar over `store`, reading as `caller`. */
export function createAgent(store: SecretsStoreCore, guard: LoopbackGuard, caller: CallerIdentity, settings: AgentSettings): Sidecar {
  const { ttlSeconds, cacheSize, prefix, headers, token } = settings;
  const cache = new SidecarCache<BodyAnswer>(store, { ttlMs: ttlSeconds * 1000, maxEntries: cacheSize });
  const backend = new SidecarBackend(store, caller);

  function result(req: IncomingMessage, rawPath: string): string {
    if (rawPath !== "/ping") {
      if (req.headers["x-forwarded-for"] !== undefined) throw new AgentHttpError(400, "Forwarded");
      if (!ssrfTokenAccepted(req, headers, token)) throw new AgentHttpError(403, "Bad Token");
    }
    if (req.method !== "GET") throw new AgentHttpError(405, "Not allowed");
    if (rawPath === "/ping") return "healthy";
    let url: URL;
    try {
      url = new URL(`http://localhost${req.url ?? "/"}`);
    } catch {
      throw new AgentHttpError(400, "invalid URL");
    }
    const key: SidecarCacheKey = { secretId: "" };
    let refreshNow: boolean;
    if (rawPath === "/secretsmanager/get") {
      refreshNow = parseParams(url.searchParams, key, true);
      if (key.secretId === "") throw new AgentHttpError(400, "missing parameter secretId");
    } else if (rawPath.startsWith(prefix)) {
      key.secretId = url.pathname.slice(prefix.length);
      if (key.secretId === "") throw new AgentHttpError(400, "missing secret ID");
      refreshNow = parseParams(url.searchParams, key, false);
    } else throw new AgentHttpError(404, "Not found");
    try {
      return readThroughRevalidatingCache(cache, backend, "secretsmanager", key, refreshNow, agentAnswer).body;
    } catch (err) {
      if (err instanceof ServiceError) throw new AgentHttpError(err.httpStatus, agentErrorBody(err.code, err.message));
      throw new AgentHttpError(500, agentErrorBody("InternalFailure", ""));
    }
  }

  return {
    name: "agent",
    cache,
    answer(req: IncomingMessage, res: ServerResponse): void {
      req.resume();
      if (!guard.read(req, res)) return;
      const target = req.url ?? "/";
      const query = target.indexOf("?");
      const rawPath = query === -1 ? target : target.slice(0, query);
      try {
        sendText(res, 200, result(req, rawPath));
      } catch (err) {
        if (!(err instanceof AgentHttpError)) throw err;
        sendText(res, err.status, err.body);
      }
    },
  };
}
