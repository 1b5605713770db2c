/**
 * `mockSecretsManager(clientOrClass)`: installs the middleware on one client, or on every instance
 * of a client class (including ones created later), and takes it off again with `restore()`.
 */
import type { MetadataBearer, MiddlewareStack } from "@smithy/types";
import { SecretsStore, type SecretsStoreOptions } from "../store/secrets-store.js";
import {
  type CallInterceptor,
  secretsManagerMockMiddleware,
  secretsManagerMockMiddlewareOptions,
} from "./middleware.js";

/** The part of a `SecretsManagerClient` the mock uses. */
export interface MockableClient {
  middlewareStack: MiddlewareStack<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  config: { region?: unknown; cacheMiddleware?: boolean };
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
}

/** Resolves a client's configured region once; the store's region when it has none. */
function clientRegionResolver(client: MockableClient, fallback: string): () => string | Promise<string> {
  let resolved: string | undefined;
  return () => {
    if (resolved !== undefined) return resolved;
    const provider = client.config.region;
    if (typeof provider === "string") return (resolved = provider);
    if (typeof provider !== "function") return (resolved = fallback);
    return Promise.resolve()
      .then(() => (provider as () => unknown)())
      .then(
        (r) => (resolved = typeof r === "string" && r !== "" ? r : fallback),
        () => (resolved = fallback),
      );
  };
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

  /** @internal Use {@link mockSecretsManager}. */
  constructor(store: SecretsStore, regionOverride: string | undefined) {
    this.store = store;
    this.regionOverride = regionOverride;
  }

  /** @internal Installs the middleware on one client. */
  installOn(client: MockableClient): void {
    const region = this.regionOverride ?? clientRegionResolver(client, this.store.region);
    const interceptor: CallInterceptor = {
      before: async (op, input) => {
        for (const i of this.interceptors) await i.before?.(op, input);
      },
      after: (op, input, outcome, r) => {
        for (const i of this.interceptors) i.after?.(op, input, outcome, r);
      },
    };
    client.middlewareStack.add(
      secretsManagerMockMiddleware(this.store, { region, interceptor }),
      secretsManagerMockMiddlewareOptions,
    );
    invalidateHandlerCache(client);
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

function removeFrom(client: MockableClient): void {
  client.middlewareStack.remove(secretsManagerMockMiddlewareOptions.name);
  invalidateHandlerCache(client);
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
  const mock = new SecretsManagerMock(store, options.region);
  if (!isClientClass(target)) {
    mock.installOn(target);
    mock.onRestore(() => removeFrom(target));
    return mock;
  }
  const proto = target.prototype;
  const hadOwnSend = Object.prototype.hasOwnProperty.call(proto, "send");
  const ownSend = hadOwnSend ? proto.send : undefined;
  const originalSend = proto.send;
  const installed = new WeakSet<MockableClient>();
  const refs: WeakRef<MockableClient>[] = [];
  const send = function (this: MockableClient, ...args: unknown[]) {
    if (!installed.has(this)) {
      installed.add(this);
      refs.push(new WeakRef(this));
      mock.installOn(this);
    }
    return originalSend.apply(this, args);
  };
  Object.defineProperty(proto, "send", { value: send, writable: true, configurable: true, enumerable: false });
  mock.onRestore(() => {
    if (proto.send === send) {
      if (hadOwnSend) Object.defineProperty(proto, "send", { value: ownSend, writable: true, configurable: true });
      else delete (proto as { send?: unknown }).send;
    }
    for (const ref of refs) {
      const client = ref.deref();
      if (client) removeFrom(client);
    }
  });
  return mock;
}

export type { MetadataBearer };
