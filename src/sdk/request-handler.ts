/**
 * The in-process wire way in: an HTTP handler for `new SecretsManagerClient({ requestHandler })`.
 * The SDK's whole pipeline runs (serialization, idempotency token, signing, retries,
 * deserialization into its own exception classes); only the socket is replaced by the store.
 * Injected faults happen where the socket would be, so the SDK's retry strategy sees them.
 */
import { Readable } from "node:stream";
import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler, RequestHandlerMetadata } from "@smithy/types";
import type { SecretsStore } from "../setup/secrets-store.js";
import type { CallInterceptor } from "../calls/answer-call.js";
import { attachFaultControls, type FaultControls } from "../faults/fault-controls.js";
import { FaultEngine, storeFaultEnvironment } from "../faults/fault-engine.js";
import { NetworkFault } from "../calls/network-fault.js";
import { badGatewayResponse } from "../wire/bad-gateway.js";
import { abortError, connectionResetError, hangUntilAborted } from "./network-errors.js";
import type { WireResponse } from "../wire/wire-codec.js";
import type { WireHandlerOptions } from "../wire/wire-handler.js";
import { loadedWireModules, loadWireModules } from "../wire/wire-loader.js";
import { StubRejection } from "../calls/stub-rejection.js";
import { SDK_SERVICES } from "./rotation-invoker.js";

/** Options of {@link createSecretsManagerRequestHandler}. */
export interface SecretsManagerRequestHandlerOptions extends WireHandlerOptions {
  /** Largest request body accepted, in bytes (default 1 MiB); larger ones get HTTP 413. */
  maxBodyBytes?: number;
  /**
   * How long a request held by an injected `hang` waits before failing with a `TimeoutError`
   * (which the SDK retries), in ms, with the global `setTimeout` (fake timers control it).
   * A `requestTimeout` passed with the request wins. Default: none, the request waits for its
   * abort signal.
   */
  requestTimeout?: number;
}

/** A smithy `HttpHandler`: what `SecretsManagerClientConfig.requestHandler` accepts, with fault injection. */
export interface SecretsManagerRequestHandler extends RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>, FaultControls {
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

function toHttpResponse(response: WireResponse): HttpResponse {
  const { body } = response;
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return {
    statusCode: response.statusCode,
    headers: { ...response.headers, "content-length": String(bytes.byteLength) },
    // What @smithy/node-http-handler hands the SDK: a byte stream it collects with its stream
    // collector. A plain Readable that pushes the bytes when first read: `Readable.from` drives an
    // async iterator, which cost about 25 µs a call more.
    body: new Readable({
      read() {
        this.push(bytes);
        this.push(null);
      },
    }),
  };
}

/** The smithy `HttpHandler` part of a request handler, answering through `interceptor`. @internal */
export type BareRequestHandler = Omit<SecretsManagerRequestHandler, keyof FaultControls>;

/** @internal The handler without fault methods; `interceptor` holds the faults and the history. */
export function buildRequestHandler(
  store: SecretsStore,
  options: SecretsManagerRequestHandlerOptions,
  interceptor: CallInterceptor | undefined,
): BareRequestHandler {
  return {
    metadata: { handlerProtocol: "http/1.1" },
    async handle(request, handlerOptions) {
      const signal = handlerOptions?.abortSignal;
      if (signal?.aborted) throw abortError(signal as { reason?: unknown });
      const { bodyTooLargeError, DEFAULT_MAX_BODY_BYTES, encodeWireError, handleWireRequest } =
        loadedWireModules() ?? (await loadWireModules());
      const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
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
      let response: WireResponse;
      try {
        response = await handleWireRequest(store, { method: request.method, headers, body }, options, interceptor, SDK_SERVICES);
      } catch (err) {
        // An Error a stub was given reaches the SDK as a request handler's own error would.
        if (err instanceof StubRejection) throw err.error;
        if (!(err instanceof NetworkFault)) throw err;
        if (err.kind === "reset") throw connectionResetError();
        if (err.kind === "hang") return hangUntilAborted(signal, handlerOptions?.requestTimeout ?? options.requestTimeout);
        response = badGatewayResponse();
      }
      return { response: toHttpResponse(response) };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}

/**
 * An HTTP handler that answers a `SecretsManagerClient` from `store` over the real wire protocol,
 * without a socket. The region is the one the client signs for. Its fault methods inject AWS
 * errors as the HTTP responses AWS sends, and network faults as a broken socket would show
 * them, so the SDK's retry strategy retries them and `$metadata.attempts` counts the attempts.
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
  const engine = new FaultEngine(storeFaultEnvironment(store));
  return attachFaultControls<BareRequestHandler>(buildRequestHandler(store, options, engine.interceptor), engine);
}
