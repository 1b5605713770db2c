/**
 * One-call stubs on top of the store, in aws-sdk-client-mock's words: `mock.on(Command, input?,
 * strict?).resolves(output)`. The store answers every call no stub takes; a stub answers without
 * touching it. Whatever way in answers a mock's calls asks {@link StubRegistry.answer} first.
 */
import type { MetadataBearer } from "@smithy/types";
import { MODELED_ERROR_CODES, ServiceError } from "../errors.js";
import type { OperationName } from "../operations/shapes.js";
import type { SecretsStore } from "../setup/secrets-store.js";
import { type CommandRef, operationOf, type OperationInput, type OperationOutput, type SdkCommandClass } from "../calls/command-types.js";
import { type InjectedError, toServiceError } from "../faults/fault-engine.js";
import { deepEqual, matchesRecursively } from "../calls/input-matching.js";
import { StubRejection } from "../calls/stub-rejection.js";

/** What a stub answers with: members of the command's output (`$metadata` is always the mock's). */
export type StubOutput<O> = Partial<O>;

/** An output, or a promise of one (for a slow or late answer). */
export type StubResponse<O> = StubOutput<O> | PromiseLike<StubOutput<O>>;

/**
 * An error for `rejects`: an AWS error code (`"ResourceNotFoundException"`) or `{ code, message? }`
 * as `failNext` takes it, or aws-sdk-client-mock's `{ name, message }`: these become the SDK's own
 * exception, exactly as an injected fault does. Any other string is the message of a plain `Error`;
 * an `Error` you built is thrown as it is.
 */
export type StubError =
  string | Error | InjectedError | { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };

/** A fake: gets the call's input and the store, returns the output (or a promise of it), or throws. */
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- a fake that returns nothing hands the call to the store
export type StubFake<I, O> = (input: I, store: SecretsStore) => StubResponse<O> | void;

/** `on(...)`: typed by the command class given, or by the operation name. */
export interface StubOn {
  /** Stubs calls of `command` whose input matches `input` (partially, or exactly with `strict`). */
  <I extends object, O extends MetadataBearer>(command: SdkCommandClass<I, O>, input?: Partial<I>, strict?: boolean): StubBehaviour<I, O>;
  /** Stubs calls of `operation` (e.g. `"GetSecretValue"`) whose input matches `input`. */
  <Op extends OperationName>(
    operation: Op,
    input?: Partial<OperationInput<Op>>,
    strict?: boolean,
  ): StubBehaviour<OperationInput<Op>, OperationOutput<Op>>;
}

/** A stub's answer to one call; throws (or rejects with) the error to report. */
type Answer = (input: Record<string, unknown>) => object | Promise<object>;

interface Stub {
  readonly operation: string;
  readonly input: Record<string, unknown> | undefined;
  readonly strict: boolean;
  readonly once: Answer[];
  always: Answer | undefined;
}

/** The codes `rejects("…")` reads as an AWS error rather than as a message. */
const KNOWN_CODES = new Set<string>([
  ...MODELED_ERROR_CODES,
  "ValidationException",
  "AccessDeniedException",
  "ThrottlingException",
  "SerializationException",
  "UnknownOperationException",
  "InternalFailure",
]);
/** How AWS codes look (`ExpiredTokenException`, `InternalFailure`): one word, capitalised, with a tell-tale suffix. */
const CODE_SHAPE = /^[A-Z][A-Za-z0-9]*(?:Exception|Error|Failure|Fault)$/;

function isCode(s: unknown): s is string {
  return typeof s === "string" && (KNOWN_CODES.has(s) || CODE_SHAPE.test(s));
}

/** What a stub's error becomes: a ServiceError (an AWS error) or a StubRejection (thrown as given). */
function normalizeError(error: unknown): ServiceError | StubRejection {
  if (error instanceof ServiceError || error instanceof StubRejection) return error;
  if (error instanceof Error) return new StubRejection(error);
  if (typeof error === "string") return isCode(error) ? toServiceError({ code: error }) : new StubRejection(new Error(error));
  if (typeof error === "object" && error !== null) {
    const e = error as {
      code?: unknown;
      Code?: unknown;
      name?: unknown;
      message?: unknown;
      httpStatus?: unknown;
      $metadata?: { httpStatusCode?: unknown };
    };
    const code = typeof e.code === "string" ? e.code : typeof e.Code === "string" ? e.Code : isCode(e.name) ? e.name : undefined;
    if (code !== undefined) {
      const status = typeof e.httpStatus === "number" ? e.httpStatus : e.$metadata?.httpStatusCode;
      return toServiceError({
        code,
        ...(typeof e.message === "string" && { message: e.message }),
        ...(typeof status === "number" && { httpStatus: status }),
      });
    }
    return new StubRejection(Object.assign(new Error(), error));
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a rejection reason of any shape becomes the message, as a thrown non-Error would
  return new StubRejection(new Error(error === undefined ? "" : String(error)));
}

function isPromiseLike(v: unknown): v is PromiseLike<unknown> {
  return typeof (v as PromiseLike<unknown> | null)?.then === "function";
}

/** A fresh object per call: the way in sets `$metadata` on it, and the test's own object stays as it was. */
function outputOf(value: unknown): object {
  return typeof value === "object" && value !== null ? { ...value } : {};
}

function resolving(response: unknown): Answer {
  return () => (isPromiseLike(response) ? Promise.resolve(response).then(outputOf) : outputOf(response));
}

function rejecting(error: unknown): Answer {
  const e = normalizeError(error);
  return () => {
    throw e;
  };
}

function faking(fn: (input: never, store: SecretsStore) => unknown, store: SecretsStore): Answer {
  return (input) => {
    let result: unknown;
    try {
      result = fn(input as never, store);
    } catch (err) {
      throw normalizeError(err);
    }
    return isPromiseLike(result)
      ? Promise.resolve(result).then(outputOf, (err: unknown) => {
          throw normalizeError(err);
        })
      : outputOf(result);
  };
}

/**
 * What a matching call gets. Each method returns the behaviour, so answers chain:
 * `mock.on(GetSecretValueCommand).resolvesOnce(a).rejectsOnce("ThrottlingException").resolves(b)`.
 * `…Once` answers are used in the order given, before the lasting one; with none left and no
 * lasting answer, the store answers.
 */
export class StubBehaviour<I extends object, O extends MetadataBearer> {
  /** @internal Use `mock.on(...)`. */
  constructor(
    private readonly stub: Stub,
    private readonly registry: StubRegistry,
  ) {}

  /** Every matching call resolves with `output`. */
  resolves(output: StubResponse<O>): this {
    this.stub.always = resolving(output);
    return this;
  }

  /** The next matching call resolves with `output`. */
  resolvesOnce(output: StubResponse<O>): this {
    this.stub.once.push(resolving(output));
    return this;
  }

  /** Every matching call fails with `error` (see {@link StubError}). */
  rejects(error?: StubError): this {
    this.stub.always = rejecting(error);
    return this;
  }

  /** The next matching call fails with `error`. */
  rejectsOnce(error?: StubError): this {
    this.stub.once.push(rejecting(error));
    return this;
  }

  /** Every matching call is answered by `fn(input, store)`. */
  callsFake(fn: StubFake<I, O>): this {
    this.stub.always = faking(fn, this.registry.store);
    return this;
  }

  /** The next matching call is answered by `fn(input, store)`. */
  callsFakeOnce(fn: StubFake<I, O>): this {
    this.stub.once.push(faking(fn, this.registry.store));
    return this;
  }

  /** Starts another stub (same as `mock.on`), so definitions chain. */
  get on(): StubOn {
    return this.registry.on;
  }
}

/** The stubs of one mock. */
export class StubRegistry {
  /** Stubs per operation, oldest first: the newest matching one answers. */
  private readonly byOperation = new Map<string, Stub[]>();
  private count = 0;

  /** @param store - handed to fakes. */
  constructor(readonly store: SecretsStore) {}

  /** Number of stubs: the way in asks for an answer only when it isn't 0. */
  get size(): number {
    return this.count;
  }

  /** Stubs calls of a command; see {@link StubOn}. */
  readonly on: StubOn = ((command: CommandRef, input?: Record<string, unknown>, strict = false) => {
    const operation = operationOf(command, "secrets-manager-mock on()");
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- plain-JavaScript callers can pass anything
    if (input !== undefined && (typeof input !== "object" || input === null))
      throw new TypeError("secrets-manager-mock on(): input must be an object");
    const stubs = this.byOperation.get(operation) ?? [];
    // As in aws-sdk-client-mock (sinon's withArgs), the same command and input give the same stub.
    let stub = stubs.find(
      (s) => s.strict === strict && (s.input === input || (s.input !== undefined && input !== undefined && deepEqual(s.input, input))),
    );
    if (stub === undefined) {
      stub = { operation, input, strict, once: [], always: undefined };
      stubs.push(stub);
      this.byOperation.set(operation, stubs);
      this.count++;
    }
    return new StubBehaviour(stub, this);
  }) as StubOn;

  /**
   * The stubbed answer to a call (its output, or a promise of it; it throws the stub's error as a
   * ServiceError or {@link StubRejection}), or `undefined` when the store answers.
   */
  answer(operation: string, input: Record<string, unknown>): object | Promise<object> | undefined {
    const stubs = this.byOperation.get(operation);
    if (stubs === undefined) return undefined;
    for (let i = stubs.length - 1; i >= 0; i--) {
      const s = stubs[i];
      if (s.input !== undefined && !(s.strict ? deepEqual(input, s.input) : matchesRecursively(input, s.input))) continue;
      const reply = s.once.shift() ?? s.always;
      return reply?.(input);
    }
    return undefined;
  }

  /** Removes every stub: the store answers everything again. */
  reset(): void {
    this.byOperation.clear();
    this.count = 0;
  }
}
