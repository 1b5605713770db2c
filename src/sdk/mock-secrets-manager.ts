/**
 * `mockSecretsManager(clientOrClass)`: installs the mock on one client, or on every instance of a
 * client class (including ones created later), and takes it off again with `restore()`. The mock
 * answers as a middleware (default) or as the client's request handler.
 */
import { SecretsStore } from "../setup/secrets-store.js";
import type { SecretsStoreOptions } from "../store/secrets-store.js";
import type { CallInterceptor } from "../calls/answer-call.js";
import { type MockableMiddlewareStack, secretsManagerMockMiddleware, secretsManagerMockMiddlewareOptions } from "./middleware.js";
import { CallHistory, type CallRecord, type CallsOptions } from "./call-history.js";
import {
  FaultEngine,
  type FaultPredicate,
  type FaultReport,
  type FaultRule,
  type InjectedFault,
  type Latency,
  storeFaultEnvironment,
} from "../faults/fault-engine.js";
import { buildRequestHandler } from "./request-handler.js";
import type { ThrottleQuotas } from "../faults/throttling.js";
import { resolveRegionOffline } from "./offline-region.js";
import { type CommandRef, operationOf } from "../calls/command-types.js";
import { StubRegistry, type StubOn } from "./stubs.js";

/** The part of a `SecretsManagerClient` the mock uses (a client of any supported SDK version fits). */
export interface MockableClient {
  middlewareStack: MockableMiddlewareStack;
  config: { region?: unknown; cacheMiddleware?: boolean; requestHandler?: unknown; credentials?: unknown };
  send(...args: any[]): any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A client class such as `SecretsManagerClient`. */
export interface MockableClientClass {
  prototype: MockableClient;
}

/** Options of {@link mockSecretsManager}. */
export interface MockSecretsManagerOptions extends SecretsStoreOptions {
  /** The store to serve from (shared between mocks when passed). Default: a new store built from these options. */
  store?: SecretsStore;
  /**
   * The region whose secrets a client sees. Default: the client's configured region, or the
   * store's region when the client has none.
   */
  region?: string;
  /** Keep secret values in the call history (default: they read `"***"`). */
  includeSecretsInHistory?: boolean;
  /** Most calls the history keeps, oldest dropped first (default: no limit). */
  historyLimit?: number;
  /**
   * Where the mock answers.
   * - `"middleware"` (default): in the SDK's initialize step, before anything is serialized,
   *   signed or retried. Fastest; needs no region or credentials; faults reach your code on the
   *   first attempt.
   * - `"request-handler"`: as the client's request handler, in place of the socket. The SDK's whole
   *   pipeline runs (serialization, signing, retries, deserialization): injected faults are
   *   retried by the SDK's retry strategy, `$metadata.attempts` counts them, and `requestTimeout`
   *   / `abortSignal` meet injected hangs. The client needs a region, as against AWS; it signs
   *   with fixed test credentials (yours are never read).
   */
  via?: "middleware" | "request-handler";
}

/** What a client signs with under `via: "request-handler"` (a new object each time: the SDK tags the ones it gets). */
const testCredentials = () => Promise.resolve({ accessKeyId: "test", secretAccessKey: "test" });

/** Resolves a client's configured region once; the store's region when it has none. */
function clientRegionResolver(client: MockableClient, fallback: string): () => string | Promise<string> {
  let resolved: string | undefined;
  return () => {
    if (resolved !== undefined) return resolved;
    const provider = client.config.region;
    if (typeof provider === "string") return (resolved = provider);
    if (typeof provider !== "function") return (resolved = fallback);
    return resolveRegionOffline(provider as () => unknown).then(
      (r) => (resolved = typeof r === "string" && r !== "" ? r : fallback),
      () => (resolved = fallback),
    );
  };
}

/**
 * Runs the `before` hooks in order, waiting only for those that return a promise: an async loop
 * would cost a microtask turn per hook on every call, even when no fault is set.
 */
function runBefore(
  hooks: readonly CallInterceptor[],
  from: number,
  op: string,
  input: Record<string, unknown>,
  region: string,
): void | Promise<void> {
  for (let i = from; i < hooks.length; i++) {
    const pending = hooks[i].before?.(op, input, region);
    if (pending !== undefined) return Promise.resolve(pending).then(() => runBefore(hooks, i + 1, op, input, region));
  }
}

/** Drops the SDK's per-command handler cache (`cacheMiddleware: true`) so stack changes are seen. */
function invalidateHandlerCache(client: MockableClient): void {
  delete (client as { handlers?: unknown }).handlers;
}

/**
 * A live mock: the store behind it and the means to remove it.
 */
export class SecretsManagerMock {
  /** The store the mock answers from. */
  readonly store: SecretsStore;
  /** @internal */
  readonly interceptors: CallInterceptor[] = [];
  private readonly undo: Array<() => void> = [];
  private restored = false;
  private readonly regionOverride: string | undefined;
  private readonly history: CallHistory;
  private readonly engine: FaultEngine;
  private readonly via: "middleware" | "request-handler";
  private readonly stubs: StubRegistry;
  private readonly mockedClientName: string;

  /** @internal Use {@link mockSecretsManager}. */
  constructor(
    store: SecretsStore,
    regionOverride: string | undefined,
    options: { includeSecretsInHistory?: boolean; historyLimit?: number; via?: "middleware" | "request-handler" } = {},
    clientName = "SecretsManagerClient",
  ) {
    this.store = store;
    this.regionOverride = regionOverride;
    this.mockedClientName = clientName;
    // Plain-JavaScript callers can pass any value.
    const via: unknown = options.via ?? "middleware";
    if (via !== "middleware" && via !== "request-handler") throw new TypeError(`mockSecretsManager: unknown via: ${String(via)}`);
    this.via = via;
    this.engine = new FaultEngine(storeFaultEnvironment(store));
    this.stubs = new StubRegistry(store);
    this.on = this.stubs.on;
    this.history = new CallHistory(options.includeSecretsInHistory ?? false, options.historyLimit ?? Infinity);
    this.interceptors.push(this.engine.interceptor, this.history.interceptor);
  }

  /**
   * The calls this mock answered, oldest first (only those of `operation` when given), with their
   * output or AWS error and region. Secret values read `"***"` unless `includeSecrets` is set.
   * Entries are copies: changing them changes nothing in the mock. They are made when read, from
   * the very input and response objects of each call (the mock keeps references, which is cheap):
   * read the history before your code changes an input or a response in place.
   *
   * @example
   * ```ts
   * expect(mock.calls("UpdateSecret")[0]!.input).toMatchObject({ SecretId: "db", SecretString: "***" });
   * ```
   */
  calls(operation?: CommandRef, options?: CallsOptions): CallRecord[] {
    return this.history.calls(operation === undefined ? undefined : operationOf(operation, "secrets-manager-mock calls()"), options);
  }

  /** Number of calls answered (of `operation`, a command class or an operation name, when given). */
  callCount(operation?: CommandRef): number {
    return this.history.count(operation === undefined ? undefined : operationOf(operation, "secrets-manager-mock callCount()"));
  }

  /** The name of the mocked client class (`SecretsManagerClient`), as the matchers' messages show it. */
  clientName(): string {
    return this.mockedClientName;
  }

  /**
   * Stubs the calls of a command whose input matches `input` (partially, as aws-sdk-client-mock
   * matches: nested objects partially too; exactly with `strict`). A stub answers without touching
   * the store, and its answers are recorded in the call history like any other; calls no stub
   * takes, or whose `…Once` answers are used up, are answered by the store. The newest matching
   * stub answers. Typed with the SDK's `XxxCommandInput`/`XxxCommandOutput`.
   *
   * @example
   * ```ts
   * mock.on(GetSecretValueCommand, { SecretId: "flaky" }).rejectsOnce("ThrottlingException");
   * mock.on(DescribeSecretCommand).resolves({ Name: "odd", RotationEnabled: true });
   * ```
   */
  readonly on: StubOn;

  /** Removes every stub: the store answers every call again. */
  resetStubs(): this {
    this.stubs.reset();
    return this;
  }

  /** Forgets the call history. */
  resetHistory(): void {
    this.history.clear();
  }

  /**
   * The next call of `operation` fails once with `fault`: an AWS error, or a network fault
   * (queued: call it twice to fail two calls). Through `via: "request-handler"` the SDK retries
   * retryable ones; through the middleware they reach the caller at once.
   *
   * @example
   * ```ts
   * mock.failNext("GetSecretValue", { code: "ThrottlingException" });
   * mock.failNext("GetSecretValue", { network: "reset" });
   * ```
   */
  failNext(operation: string, fault: InjectedFault): this {
    this.engine.failNext(operation, fault);
    return this;
  }

  /** Every call for which `predicate(operation, input)` is true fails with `fault`. Returns a function that removes the rule. */
  failWhen(predicate: FaultPredicate, fault: InjectedFault): () => void {
    return this.engine.failWhen(predicate, fault);
  }

  /**
   * Adds a {@link FaultRule}: which calls (operation, predicate), what happens (AWS error, network
   * fault, latency), how often (`times`) and how likely (`probability`, drawn from the store's
   * seeded random source). Returns a function that removes it.
   *
   * @example
   * ```ts
   * mock.addFault({ operation: "GetSecretValue", code: "ThrottlingException", times: 2 });
   * ```
   */
  addFault(rule: FaultRule): () => void {
    return this.engine.add(rule);
  }

  /** The rules (with how often each fired), latency and throttling in force. */
  faults(): FaultReport {
    return this.engine.report();
  }

  /** Delays every call by `ms` (or `ms(operation, input)`) with `setTimeout` (fake timers control it). `0` turns it off. */
  latency(ms: Latency): this {
    this.engine.latency(ms);
    return this;
  }

  /**
   * Applies AWS's per-operation request-rate quotas (or `quotas` overriding some of them) with token
   * buckets on the store's clock; a call over its quota fails with ThrottlingException "Rate exceeded".
   * `false` turns it off.
   */
  throttle(quotas: boolean | ThrottleQuotas = true): this {
    this.engine.throttle(quotas);
    return this;
  }

  /** Removes every injected fault, latency and throttling. */
  resetFaults(): this {
    this.engine.reset();
    return this;
  }

  /** @internal Installs the mock on one client; returns what takes it off again. */
  installOn(client: MockableClient): () => void {
    const stubs = this.stubs;
    const interceptor: CallInterceptor = {
      before: (op, input, r) => runBefore(this.interceptors, 0, op, input, r),
      // With no stub set, this costs one comparison per call.
      answer: (op, input) => (stubs.size === 0 ? undefined : stubs.answer(op, input)),
      after: (op, input, outcome, r) => {
        for (const i of this.interceptors) i.after?.(op, input, outcome, r);
      },
    };
    invalidateHandlerCache(client);
    if (this.via === "request-handler") {
      const config = client.config;
      const { requestHandler, credentials } = config;
      config.requestHandler = buildRequestHandler(
        this.store,
        this.regionOverride === undefined ? {} : { region: this.regionOverride, forceRegion: true },
        interceptor,
      );
      config.credentials = testCredentials;
      return () => {
        config.requestHandler = requestHandler;
        config.credentials = credentials;
        invalidateHandlerCache(client);
      };
    }
    const region = this.regionOverride ?? clientRegionResolver(client, this.store.region);
    client.middlewareStack.add(secretsManagerMockMiddleware(this.store, { region, interceptor }), secretsManagerMockMiddlewareOptions);
    return () => {
      client.middlewareStack.remove(secretsManagerMockMiddlewareOptions.name);
      invalidateHandlerCache(client);
    };
  }

  /** @internal Registers what {@link restore} must undo. */
  onRestore(fn: () => void): void {
    this.undo.push(fn);
  }

  /** True until {@link restore} was called. */
  get active(): boolean {
    return !this.restored;
  }

  /** Removes the interception: the client(s) work as before (they would reach AWS again). */
  restore(): void {
    if (this.restored) return;
    this.restored = true;
    for (const fn of this.undo.reverse()) fn();
  }
}

function isClientClass(target: MockableClient | MockableClientClass): target is MockableClientClass {
  return typeof target === "function";
}

/**
 * Answers Secrets Manager commands from an in-memory store: on one client, or on every instance of
 * a client class, including instances created later.
 *
 * @example
 * ```ts
 * const client = new SecretsManagerClient({});
 * const mock = mockSecretsManager(client);
 * await client.send(new CreateSecretCommand({ Name: "db", SecretString: "s3cr3t" }));
 * mock.restore();
 * ```
 */
export function mockSecretsManager(
  target: MockableClient | MockableClientClass,
  options: MockSecretsManagerOptions = {},
): SecretsManagerMock {
  const store = options.store ?? new SecretsStore(options);
  const clientName = isClientClass(target)
    ? (target as { name?: string }).name
    : (target as { constructor?: { name?: string } }).constructor?.name;
  const mock = new SecretsManagerMock(store, options.region, options, clientName || undefined);
  if (!isClientClass(target)) {
    mock.onRestore(mock.installOn(target));
    return mock;
  }
  const proto = target.prototype;
  const hadOwnSend = Object.prototype.hasOwnProperty.call(proto, "send");
  // Both are kept to be put back or called with a client as `this` (`apply` below), never unbound.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- see above
  const ownSend = hadOwnSend ? proto.send : undefined;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- see above
  const originalSend = proto.send;
  const uninstalls: Array<WeakRef<() => void>> = [];
  // The removers are held by their clients, so a client that is gone takes its remover along.
  const removers = new WeakMap<MockableClient, () => void>();
  const send = function (this: MockableClient, ...args: unknown[]) {
    if (!removers.has(this)) {
      const remove = mock.installOn(this);
      removers.set(this, remove);
      uninstalls.push(new WeakRef(remove));
    }
    return originalSend.apply(this, args) as unknown;
  };
  Object.defineProperty(proto, "send", { value: send, writable: true, configurable: true, enumerable: false });
  mock.onRestore(() => {
    if (proto.send === send) {
      if (hadOwnSend) Object.defineProperty(proto, "send", { value: ownSend, writable: true, configurable: true });
      else delete (proto as { send?: unknown }).send;
    }
    for (const ref of uninstalls) ref.deref()?.();
  });
  return mock;
}
