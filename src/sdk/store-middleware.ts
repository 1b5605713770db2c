/**
 * The middleware that answers every Secrets Manager command from a store, given the services the
 * operations need (the rotation invoker). The public {@link secretsManagerMockMiddleware}
 * (`middleware.ts`) hands it the package's services; the rotation runner hands it its own, so
 * nothing here imports the invoker and no import cycle runs through rotation.
 */
import type {
  HandlerExecutionContext,
  InitializeHandler,
  InitializeHandlerArguments,
  InitializeHandlerOptions,
  InitializeHandlerOutput,
  InitializeMiddleware,
  MetadataBearer,
} from "@smithy/types";
import { ServiceError } from "../errors.js";
import type { OperationServices } from "../operations/context.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";
import { answerCall, type CallInterceptor } from "../calls/answer-call.js";
import { NetworkFault } from "../calls/network-fault.js";
import { type AbortSignalLike, connectionResetError, hangUntilAborted } from "./network-errors.js";
import { badGatewayException, responseMetadata, toSdkException } from "./sdk-errors.js";
import { StubRejection } from "../calls/stub-rejection.js";

/** Options of {@link secretsManagerMockMiddleware}. */
export interface SecretsManagerMockMiddlewareOptions {
  /**
   * The region whose secrets the middleware serves, or a function resolving it per call. A bare
   * middleware can't read the client's configuration: without this it uses the store's region.
   */
  region?: string | (() => string | Promise<string>);
  /** The account (default: the store's). */
  accountId?: string;
  /** Observes every call (used by call history and fault injection). @internal */
  interceptor?: CallInterceptor;
}

/** The options the middleware is added with: `client.middlewareStack.add(mw, secretsManagerMockMiddlewareOptions)`. */
export const secretsManagerMockMiddlewareOptions: InitializeHandlerOptions & { name: string; override: true; priority: "low" } = {
  step: "initialize",
  name: "secretsManagerMock",
  override: true,
  // After the user's own initialize middleware (loggers, input tweaks), before the SDK serializes.
  priority: "low" as const,
  tags: ["SECRETS_MANAGER_MOCK"],
};

const utf8 = new TextEncoder();

/** Operation name of a command, from the handler context (never `instanceof`: the SDK may be installed twice). */
function operationName(context: HandlerExecutionContext): string {
  const fromSmithy = (context as { __smithy_context?: { operation?: string } }).__smithy_context?.operation;
  if (fromSmithy) return fromSmithy;
  const cmd = context.commandName ?? "";
  return cmd.endsWith("Command") ? cmd.slice(0, -"Command".length) : cmd;
}

/**
 * What the SDK would throw for a network fault, had the request gone out. The middleware answers
 * before the SDK's retry step, so nothing here is retried (choose `via: "request-handler"` for that).
 */
async function networkFailure(fault: NetworkFault, context: HandlerExecutionContext): Promise<Error> {
  if (fault.kind === "reset") return connectionResetError();
  if (fault.kind === "html-502") return badGatewayException();
  // `client.send(command, { abortSignal })` puts the signal in the context of every middleware.
  const signal = (context as { __smithy_context?: { abortSignal?: AbortSignalLike } }).__smithy_context?.abortSignal;
  // hangUntilAborted rejects only with the abort error the SDK would throw.
  return hangUntilAborted(signal).catch((e: unknown) => e as Error);
}

/** A middleware that answers Secrets Manager commands from `store`, with `services` handed to the operations. */
export function storeMiddleware(
  store: SecretsStoreCore,
  options: SecretsManagerMockMiddlewareOptions,
  services: OperationServices,
): InitializeMiddleware<object, MetadataBearer> {
  const regionOption = options.region;
  const interceptor = options.interceptor;
  // The caller identity handed to dispatch (which only reads it), kept while it stays the same.
  let caller = { accountId: "", region: "" };
  return (_next: InitializeHandler<object, MetadataBearer>, context: HandlerExecutionContext) => {
    // A handler's context never changes (with `cacheMiddleware`, one handler serves every send of a command class).
    const operation = operationName(context);
    return async (args: InitializeHandlerArguments<object>): Promise<InitializeHandlerOutput<MetadataBearer>> => {
      // A plain-JavaScript caller can send a command built without an input.
      let input = ((args.input as object | undefined) ?? {}) as Record<string, unknown>;
      // The SDK's serializer sends a string given as a blob as its UTF-8 bytes; so does the mock.
      if (typeof input.SecretBinary === "string") input = { ...input, SecretBinary: utf8.encode(input.SecretBinary) };
      // Await only what is pending: each `await` costs a turn of the microtask queue on every send.
      let region = regionOption === undefined ? store.region : typeof regionOption === "string" ? regionOption : regionOption();
      if (typeof region !== "string") region = await region;
      const accountId = options.accountId ?? store.accountId;
      const requestId = store.ids.requestId();
      if (caller.accountId !== accountId || caller.region !== region) caller = { accountId, region };
      let result: object;
      try {
        const answer = answerCall(store, operation, input, caller, interceptor, services);
        result = answer instanceof Promise ? await answer : answer;
      } catch (err) {
        if (err instanceof ServiceError) throw toSdkException(err, requestId);
        if (err instanceof NetworkFault) throw await networkFailure(err, context);
        // An Error a stub was given reaches the caller as it is.
        if (err instanceof StubRejection) throw err.error;
        throw err;
      }
      // The output is built afresh by the operation for this call: it is the response itself (the
      // history keeps it and leaves $metadata out when read). A copy here cost 1.5 % of a send once
      // every operation had passed through it (Object.assign over many output shapes is slow).
      const output = result as Record<string, unknown>;
      output.$metadata = responseMetadata(200, requestId);
      return { output: output as unknown as MetadataBearer, response: {} };
    };
  };
}
