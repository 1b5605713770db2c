/**
 * The Secrets Manager extension of AWS Systems Manager Cloud Extensions (`aws:secretsmanager`),
 * answered from the mock's store on a port of its own, as far as the Systems Manager user guide
 * documents it (pages `cloud-extensions-ext-secrets-manager-*`).
 *
 * Documented, and built so:
 * - base `http://localhost:5333/secretsmanager`; `GET /secretsmanager/get?secretId=ID` and
 *   `GET /secretsmanager/ID` (slashes kept, `%2F` decoded; a secret named `get` needs the query
 *   route), and `/v1/ID` for Agent clients (the `vault` interface); both share one cache;
 * - parameters `versionId`, `versionStage`, `refreshNow` (`true`/`false`/`1`/`0`, any case),
 *   `roleArn`; AWSCURRENT by default;
 * - the SSRF token in one of the token headers (`X-Aws-Parameters-Secrets-Token`, and
 *   `X-Vault-Token` for Agent clients), missing or wrong → 403 `InvalidSsrfTokenException`; an
 *   `X-Forwarded-For` header → 400 `BadRequestException`, whether the check is on or off;
 * - errors name their type in `X-Amzn-Errortype` with a `{"message": …}` body (400
 *   `BadRequestException` for a missing `secretId` or a parameter that isn't valid, 400
 *   `ValidationException` for a request that doesn't match the API, runtime errors with `Message`);
 * - cached values until the TTL passes, then a DescribeSecret check and GetSecretValue only when
 *   the version changed; `refreshNow=true` calls GetSecretValue, resets the TTL and returns an
 *   error rather than a cached value; no `/ping`.
 *
 * The mock's choices (not documented in what was read): the success body is the Agent's (the
 * extension is documented as its successor with Agent-compatible routes); TTL 300 s and 1,000
 * entries by default; a Secrets Manager error keeps its status and code; SigV4 signatures are not
 * checked (the runtime checks them on AWS); `roleArn` reads as the account in the role's ARN (an
 * ARN that is not a role's → 400, as the guide says for a role that can't be assumed); when no
 * token is set, any non-empty token is accepted.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ServiceError } from "../errors.js";
import type { CallerIdentity } from "../operations/context.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";
import type { LoopbackGuard } from "../server/loopback-guard.js";
import { agentAnswer, ssrfTokenAccepted } from "./agent.js";
import {
  type BodyAnswer,
  parseRefreshNow,
  readThroughRevalidatingCache,
  sendText,
  type Sidecar,
  SidecarBackend,
  SidecarCache,
  type SidecarCacheKey,
} from "./sidecar-cache.js";

/** Settings of the Cloud Extensions listener (names are the mock's; see docs/offline-development.md). */
export interface CloudExtensionsSettings {
  /** Seconds a cached secret is served before the DescribeSecret check (default 300, 0–3600). */
  ttlSeconds?: number;
  /** Secrets kept (default 1000, 1–1000). */
  cacheSize?: number;
  /** The SSRF token; when unset, any non-empty token is accepted. */
  ssrfToken?: string;
  /** Whether the SSRF token check is on (default true). */
  ssrfTokenCheck?: boolean;
  /** The token headers (default `X-Aws-Parameters-Secrets-Token`, `X-Vault-Token`). */
  ssrfTokenHeaders?: readonly string[];
}

/** Options of the Cloud Extensions listener (`cloudExtensions` of `startSecretsManagerServer`). */
export interface CloudExtensionsOptions {
  settings?: CloudExtensionsSettings;
}

/** An error answer: its status, its type (`X-Amzn-Errortype`), and whether the runtime (`Message`) or the extension (`message`) gives it. */
class CloudError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly runtime = false,
  ) {
    super(message);
  }
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@/-]+$/;

function inRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`secrets-manager-mock cloud extensions: ${name} must be a whole number from ${min} to ${max}, not ${value}`);
  }
  return value;
}

/** The settings, checked and with their defaults: what {@link createCloudExtensions} runs with. */
export interface CloudExtensionsResolved {
  ttlSeconds: number;
  cacheSize: number;
  headers: string[];
  checkToken: boolean;
  token: string | undefined;
}

/** Checks the settings (a value out of its range is refused at start, as the extension refuses it). */
export function cloudExtensionsSettings(options: CloudExtensionsOptions = {}): CloudExtensionsResolved {
  const settings = options.settings ?? {};
  return {
    ttlSeconds: inRange("ttlSeconds", settings.ttlSeconds ?? 300, 0, 3600),
    cacheSize: inRange("cacheSize", settings.cacheSize ?? 1000, 1, 1000),
    headers: (settings.ssrfTokenHeaders ?? ["X-Aws-Parameters-Secrets-Token", "X-Vault-Token"]).map((h) => h.toLowerCase()),
    checkToken: settings.ssrfTokenCheck ?? true,
    token: settings.ssrfToken,
  };
}

/** Creates the Cloud Extensions Secrets Manager sidecar over `store`, reading as `caller`. */
export function createCloudExtensions(
  store: SecretsStoreCore,
  guard: LoopbackGuard,
  caller: CallerIdentity,
  resolved: CloudExtensionsResolved,
): Sidecar {
  const { ttlSeconds, cacheSize, headers, checkToken, token } = resolved;
  const cache = new SidecarCache<BodyAnswer>(store, { ttlMs: ttlSeconds * 1000, maxEntries: cacheSize });
  const backend = new SidecarBackend(store, caller);

  function read(params: URLSearchParams, secretId: string | undefined): string {
    const key: SidecarCacheKey = { secretId: secretId ?? "" };
    let refreshNow = false;
    let reader = caller;
    for (const [name, value] of params) {
      if (name === "secretId" && secretId === undefined) key.secretId = value;
      else if (name === "versionId") key.versionId = value;
      else if (name === "versionStage") key.versionStage = value;
      else if (name === "refreshNow") {
        const parsed = parseRefreshNow(value);
        if (parsed === undefined) throw new CloudError(400, "BadRequestException", "Invalid refreshNow value: use true, false, 1 or 0.");
        refreshNow = parsed;
      } else if (name === "roleArn") {
        const account = ROLE_ARN.exec(value)?.[1];
        if (account === undefined) throw new CloudError(400, "BadRequestException", `The extension can't assume the role ${value}.`);
        reader = { accountId: account, region: caller.region };
      } else throw new CloudError(400, "BadRequestException", `Unknown parameter: ${name}`);
    }
    if (key.secretId === "") throw new CloudError(400, "BadRequestException", "Missing required parameter secretId.");
    try {
      return readThroughRevalidatingCache(cache, backend, `secretsmanager@${reader.accountId}`, key, refreshNow, agentAnswer, reader).body;
    } catch (err) {
      if (err instanceof ServiceError) throw new CloudError(err.httpStatus, err.code, err.message);
      throw err;
    }
  }

  function route(req: IncomingMessage): string {
    let url: URL;
    try {
      url = new URL(`http://localhost${req.url?.startsWith("/") ? req.url : "/"}`);
    } catch {
      throw new CloudError(400, "ValidationException", "The request doesn't match the API.", true);
    }
    const path = url.pathname;
    const secretRoute = path.startsWith("/secretsmanager/") && path.length > "/secretsmanager/".length;
    const vaultRoute = path.startsWith("/v1/") && path.length > "/v1/".length;
    if (!secretRoute && !vaultRoute)
      throw new CloudError(400, "ValidationException", `Unknown operation: ${req.method ?? "GET"} ${path}`, true);
    if (req.headers["x-forwarded-for"] !== undefined)
      throw new CloudError(400, "BadRequestException", "Requests with an X-Forwarded-For header are refused.");
    if (checkToken && !ssrfTokenAccepted(req, headers, token))
      throw new CloudError(403, "InvalidSsrfTokenException", "Missing or invalid SSRF token.");
    if (req.method !== "GET") throw new CloudError(400, "ValidationException", `Unknown operation: ${req.method ?? ""} ${path}`, true);
    if (path === "/secretsmanager/get") return read(url.searchParams, undefined);
    const encoded = secretRoute ? path.slice("/secretsmanager/".length) : path.slice("/v1/".length);
    let secretId: string;
    try {
      secretId = decodeURIComponent(encoded);
    } catch {
      throw new CloudError(400, "BadRequestException", "The secret ID in the path isn't valid.");
    }
    if (url.searchParams.has("secretId")) throw new CloudError(400, "BadRequestException", "Unknown parameter: secretId");
    return read(url.searchParams, secretId);
  }

  return {
    name: "cloud-extensions",
    cache,
    answer(req: IncomingMessage, res: ServerResponse): void {
      req.resume();
      if (!guard.read(req, res)) return;
      try {
        sendText(res, 200, route(req), { "content-type": "application/json" });
      } catch (err) {
        if (!(err instanceof CloudError)) throw err;
        const body = JSON.stringify(err.runtime ? { Message: err.message } : { message: err.message });
        sendText(res, err.status, body, { "content-type": "application/json", "x-amzn-errortype": err.type });
      }
    },
  };
}
