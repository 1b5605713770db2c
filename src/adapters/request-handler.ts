/**
 * The in-process wire way in: an HTTP handler for `new SecretsManagerClient({ requestHandler })`.
 * The SDK's whole pipeline runs (serialization, idempotency token, signing, retries,
 * deserialization into its own exception classes); only the socket is replaced by the store.
 */
import { Readable } from "node:stream";
import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler, RequestHandlerMetadata } from "@smithy/types";
import type { SecretsStore } from "../setup/secrets-store.js";
import { bodyTooLargeError, DEFAULT_MAX_BODY_BYTES, encodeWireError, type WireResponse } from "./wire-codec.js";
import { handleWireRequest, type WireHandlerOptions } from "./wire-handler.js";

/** Options of {@link createSecretsManagerRequestHandler}. */
export interface SecretsManagerRequestHandlerOptions extends WireHandlerOptions {
  /** Largest request body accepted, in bytes (default 1 MiB); larger ones get HTTP 413. */
  maxBodyBytes?: number;
}

/** A smithy `HttpHandler`: what `SecretsManagerClientConfig.requestHandler` accepts. */
export interface SecretsManagerRequestHandler extends RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  readonly metadata: RequestHandlerMetadata;
  handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

class RequestBodyTooLarge extends Error {}

async function collectBody(body: unknown, maxBodyBytes: number): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === "string") return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of body as AsyncIterable<string | Uint8Array>) {
      const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
      size += bytes.byteLength;
      if (size > maxBodyBytes) throw new RequestBodyTooLarge();
      chunks.push(bytes);
    }
    return Buffer.concat(chunks);
  }
  throw new TypeError("secrets-manager-mock: unsupported request body type");
}

function abortError(signal: { reason?: unknown }): Error {
  const error = new Error("Request aborted", signal.reason instanceof Error ? { cause: signal.reason } : undefined);
  error.name = "AbortError";
  return error;
}

function toHttpResponse(response: WireResponse): HttpResponse {
  return {
    statusCode: response.statusCode,
    headers: { ...response.headers, "content-length": String(response.body.byteLength) },
    // What @smithy/node-http-handler hands the SDK: a byte stream it collects with its stream collector.
    body: Readable.from([Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength)], { objectMode: false }),
  };
}

/**
 * An HTTP handler that answers a `SecretsManagerClient` from `store` over the real wire protocol,
 * without a socket. The region is the one the client signs for.
 *
 * @example
 * ```ts
 * const store = new SecretsStore();
 * const client = new SecretsManagerClient({
 *   region: "eu-west-1",
 *   credentials: { accessKeyId: "test", secretAccessKey: "test" },
 *   requestHandler: createSecretsManagerRequestHandler(store),
 * });
 * ```
 */
export function createSecretsManagerRequestHandler(
  store: SecretsStore,
  options: SecretsManagerRequestHandlerOptions = {},
): SecretsManagerRequestHandler {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return {
    metadata: { handlerProtocol: "http/1.1" },
    async handle(request, handlerOptions) {
      const signal = handlerOptions?.abortSignal;
      if (signal?.aborted) throw abortError(signal as { reason?: unknown });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
      let body: Uint8Array;
      try {
        body = await collectBody(request.body, maxBodyBytes);
        if (body.byteLength > maxBodyBytes) throw new RequestBodyTooLarge();
      } catch (err) {
        if (!(err instanceof RequestBodyTooLarge)) throw err;
        return { response: toHttpResponse(encodeWireError(bodyTooLargeError(maxBodyBytes), store.ids.requestId())) };
      }
      const response = await handleWireRequest(store, { method: request.method, headers, body }, options);
      return { response: toHttpResponse(response) };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}
