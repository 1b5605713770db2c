/**
 * The typed way in: an initialize-step middleware that answers every Secrets Manager command from
 * a store, before the SDK serializes, signs or sends anything (no region, credentials or network
 * needed).
 */
import type {
  HandlerExecutionContext,
  InitializeHandler,
  InitializeHandlerArguments,
  InitializeHandlerOptions,
  InitializeHandlerOutput,
  InitializeMiddleware,
  MetadataBearer,
  Pluggable,
} from "@smithy/types";
import { ServiceError } from "../errors.js";
import { dispatch, UnsupportedOperationError } from "../operations/index.js";
import { ADAPTER_SERVICES } from "../rotation/rotation-invoker.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";
import { warnOnPartitionMiss } from "./partition-miss-warning.js";
import { responseMetadata, toSdkException } from "./sdk-errors.js";

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

/** @internal Hooks around each call, for call history and fault injection. */
export interface CallInterceptor {
  /** Runs before the store is touched; may throw a ServiceError (injected fault) or delay. */
  before?(operation: string, input: Record<string, unknown>, region: string): void | Promise<void>;
  /** Runs after the call with its outcome. */
  after?(operation: string, input: Record<string, unknown>, outcome: { output?: object; error?: ServiceError }, region: string): void;
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
 * A middleware that answers Secrets Manager commands from `store`.
 *
 * @example
 * ```ts
 * const store = new SecretsStore();
 * client.middlewareStack.add(secretsManagerMockMiddleware(store, { region: "eu-west-1" }), secretsManagerMockMiddlewareOptions);
 * ```
 */
export function secretsManagerMockMiddleware(store: SecretsStoreCore, options: SecretsManagerMockMiddlewareOptions = {}): InitializeMiddleware<object, MetadataBearer> {
  const regionOption = options.region;
  const interceptor = options.interceptor;
  // The caller identity handed to dispatch (which only reads it), kept while it stays the same.
  let caller = { accountId: "", region: "" };
  return (_next: InitializeHandler<object, MetadataBearer>, context: HandlerExecutionContext) => {
    // A handler's context never changes (with `cacheMiddleware`, one handler serves every send of a command class).
    const operation = operationName(context);
    return async (args: InitializeHandlerArguments<object>): Promise<InitializeHandlerOutput<MetadataBearer>> => {
      let input = (args.input ?? {}) as Record<string, unknown>;
      // The SDK's serializer sends a string given as a blob as its UTF-8 bytes; so does the mock.
      if (typeof input.SecretBinary === "string") input = { ...input, SecretBinary: utf8.encode(input.SecretBinary) };
      // Await only what is pending: each `await` costs a turn of the microtask queue on every send.
      let region =
        regionOption === undefined ? store.region : typeof regionOption === "string" ? regionOption : regionOption();
      if (typeof region !== "string") region = await region;
      const accountId = options.accountId ?? store.accountId;
      const requestId = store.ids.requestId();
      let result: object;
      // Injected faults are not the store's answer: only dispatch's own errors get diagnosed.
      let dispatched = false;
      try {
        const pending = interceptor?.before?.(operation, input, region);
        if (pending !== undefined) await pending;
        if (caller.accountId !== accountId || caller.region !== region) caller = { accountId, region };
        dispatched = true;
        const answer = dispatch(store, operation, input, caller, ADAPTER_SERVICES);
        result = answer instanceof Promise ? await answer : answer;
      } catch (err) {
        if (err instanceof UnsupportedOperationError) throw err;
        const serviceError =
          err instanceof ServiceError
            ? err
            : new ServiceError("InternalServiceError", "An error occurred on the server side.");
        interceptor?.after?.(operation, input, { error: serviceError }, region);
        if (dispatched) warnOnPartitionMiss(store, operation, input, caller, serviceError);
        throw toSdkException(serviceError, requestId);
      }
      interceptor?.after?.(operation, input, { output: result }, region);
      // The output is built afresh by the operation for this call: it is the response itself (the
      // history keeps it and leaves $metadata out when read). A copy here cost 1.5 % of a send once
      // every operation had passed through it (Object.assign over many output shapes is slow).
      const output = result as Record<string, unknown>;
      output.$metadata = responseMetadata(200, requestId);
      return { output: output as unknown as MetadataBearer, response: {} };
    };
  };
}

/**
 * A pluggable for `client.middlewareStack.use(getSecretsManagerMockPlugin(store))`.
 */
export function getSecretsManagerMockPlugin(store: SecretsStoreCore, options: SecretsManagerMockMiddlewareOptions = {}): Pluggable<object, MetadataBearer> {
  return {
    applyToStack: (stack) => {
      stack.add(secretsManagerMockMiddleware(store, options), secretsManagerMockMiddlewareOptions);
    },
  };
}
