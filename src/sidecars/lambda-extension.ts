/**
 * The HTTP API of the AWS Parameters and Secrets Lambda Extension, served from the mock's store, so
 * that a Lambda handler which reads its secrets from `http://localhost:2773/secretsmanager/get`
 * runs unchanged on a developer's machine.
 *
 * `GET /secretsmanager/get?secretId=…[&versionId=…][&versionStage=…]` with the header
 * `X-Aws-Parameters-Secrets-Token` runs GetSecretValue through `dispatch` and answers with its
 * output as the wire codec encodes it; an AWS error keeps its code and message. What the real
 * extension does and what here is a choice is written down in docs/offline-development.md.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ServiceError } from "../errors.js";
import { dispatch } from "../operations/index.js";
import type { SecretsStore } from "../setup/secrets-store.js";
import { sendJson, sendResponse } from "../server/http-responses.js";
import type { SidecarSpec } from "../server/http-server.js";
import type { LoopbackGuard } from "../server/loopback-guard.js";
import { encodeWireError, encodeWireOutput } from "../wire/wire-codec.js";
import { warnOnPartitionMiss } from "../calls/partition-miss-warning.js";

/** The header a function puts its `AWS_SESSION_TOKEN` in (the extension's SSRF protection). */
export const LAMBDA_EXTENSION_TOKEN_HEADER = "x-aws-parameters-secrets-token";

/** The extension's default port (`PARAMETERS_SECRETS_EXTENSION_HTTP_PORT` changes it on Lambda). */
export const LAMBDA_EXTENSION_DEFAULT_PORT = 2773;

/** Who the extension reads as: on Lambda, the function's own account and region. */
export interface LambdaExtensionIdentity {
  accountId: string;
  region: string;
}

/** Query parameters of `/secretsmanager/get` and the GetSecretValue member each one fills. */
const QUERY_MEMBERS = { secretId: "SecretId", versionId: "VersionId", versionStage: "VersionStage" } as const;

function sendError(res: ServerResponse, error: ServiceError, requestId: string): void {
  const encoded = encodeWireError(error, requestId);
  sendResponse(res, { ...encoded, headers: { "content-type": "application/json" } });
}

/**
 * Answers one request to the extension's listener. Every request first passes the Host check of
 * `guard` (the real extension is reachable from its own sandbox only; on a developer's machine
 * any web page can reach 127.0.0.1).
 */
export async function answerLambdaExtensionRequest(
  store: SecretsStore,
  guard: LoopbackGuard,
  identity: LambdaExtensionIdentity,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  req.resume();
  if (!guard.read(req, res)) return;
  const url = new URL(`http://localhost${req.url?.startsWith("/") ? req.url : "/"}`);
  const requestId = store.ids.requestId();
  // The order of checks is the Secrets Manager Agent's (same API, open source): token, method, path.
  const token = req.headers[LAMBDA_EXTENSION_TOKEN_HEADER];
  if (typeof token !== "string" || token.trim() === "") {
    sendJson(res, 403, {
      message:
        "Forbidden: the X-Aws-Parameters-Secrets-Token header is missing or empty (on Lambda it carries the function's AWS_SESSION_TOKEN).",
    });
    return;
  }
  if (req.method !== "GET") {
    sendJson(res, 405, { message: "Method not allowed: the extension answers GET only." });
    return;
  }
  if (url.pathname.startsWith("/systemsmanager/")) {
    sendError(
      res,
      new ServiceError(
        "NotImplementedException",
        "Parameter Store paths (/systemsmanager/...) of the Lambda extension are not supported by this mock: it serves Secrets Manager only (/secretsmanager/get).",
        501,
      ),
      requestId,
    );
    return;
  }
  if (url.pathname !== "/secretsmanager/get") {
    sendJson(res, 404, { message: "Not found" });
    return;
  }
  const input: Record<string, string> = {};
  for (const [param, member] of Object.entries(QUERY_MEMBERS)) {
    const value = url.searchParams.get(param);
    if (value !== null) input[member] = value;
  }
  try {
    const output = await dispatch(store, "GetSecretValue", input, identity);
    const encoded = encodeWireOutput(output, requestId);
    sendResponse(res, { ...encoded, headers: { "content-type": "application/json" } });
  } catch (err) {
    if (err instanceof ServiceError) warnOnPartitionMiss(store, "GetSecretValue", input, identity, err);
    sendError(
      res,
      err instanceof ServiceError ? err : new ServiceError("InternalServiceError", "An error occurred on the server side."),
      requestId,
    );
  }
}

/** The extension as a sidecar listener of the server, on `port` of 127.0.0.1. */
export function lambdaExtensionSidecar(port: number): SidecarSpec {
  return {
    name: "lambdaExtension",
    port,
    answer: (context) => (req, res) => answerLambdaExtensionRequest(context.store, context.guard, context.identity, req, res),
  };
}
