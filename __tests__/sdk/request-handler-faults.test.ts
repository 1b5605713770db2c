/**
 * Faults on the request handler (and `mockSecretsManager(client, { via: "request-handler" })`):
 * they happen where the socket would be, so the SDK's own retry strategy sees them as it sees
 * AWS, and `$metadata.attempts` counts the attempts.
 */
import { Readable } from "node:stream";
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  InternalServiceError,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  SecretsManagerServiceException,
  type SecretsManagerClientConfig,
} from "@aws-sdk/client-secrets-manager";
import { createSecretsManagerRequestHandler, ManualClock, mockSecretsManager, SecretsStore } from "secrets-manager-mock";
import { failure } from "../helpers/call-failure";
import { settle } from "../helpers/fake-time";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };

function setup(config: Partial<SecretsManagerClientConfig> = {}, handlerOptions: { requestTimeout?: number } = {}) {
  const store = new SecretsStore({
    seed: 3,
    clock: new ManualClock("2024-01-01T00:00:00Z"),
    fixtures: { secrets: { db: { SecretString: "pw" } } },
  });
  const handler = createSecretsManagerRequestHandler(store, handlerOptions);
  const client = new SecretsManagerClient({ region: "us-east-1", credentials, requestHandler: handler, ...config });
  return { store, handler, client };
}

const get = () => new GetSecretValueCommand({ SecretId: "db" });

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe("AWS errors are AWS's HTTP responses", () => {
  test("status, __type, Message and x-amzn-ErrorType, as AWS sends a throttling error", async () => {
    const { handler } = setup();
    handler.failNext("GetSecretValue", { code: "ThrottlingException" });
    const { response } = await handler.handle({
      method: "POST",
      protocol: "https:",
      hostname: "secretsmanager.us-east-1.amazonaws.com",
      path: "/",
      query: {},
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "secretsmanager.GetSecretValue" },
      body: JSON.stringify({ SecretId: "db" }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["x-amzn-errortype"]).toBe("ThrottlingException");
    const chunks: Buffer[] = [];
    for await (const c of response.body as Readable) chunks.push(Buffer.from(c));
    expect(JSON.parse(Buffer.concat(chunks).toString())).toEqual({ __type: "ThrottlingException", Message: "Rate exceeded" });
  });

  test("the default strategy retries ThrottlingException: two throttled attempts, then the answer (attempts 3)", async () => {
    const { client, handler } = setup();
    handler.addFault({ operation: "GetSecretValue", code: "ThrottlingException", times: 2 });
    const { value } = await settle(client.send(get()));
    expect(value!.SecretString).toBe("pw");
    expect(value!.$metadata.attempts).toBe(3);
    expect(value!.$metadata.totalRetryDelay).toBeGreaterThan(0);
    expect(handler.faults().rules[0]).toMatchObject({ fired: 2, remaining: 0 });
  });

  test("a fault that never stops: the SDK gives up after maxAttempts (3 by default, 5 when configured)", async () => {
    for (const maxAttempts of [undefined, 5]) {
      const { client, handler } = setup(maxAttempts === undefined ? {} : { maxAttempts });
      handler.failWhen(() => true, { code: "ThrottlingException" });
      const { error } = await settle(client.send(get()));
      expect(error).toBeInstanceOf(SecretsManagerServiceException);
      expect(error.name).toBe("ThrottlingException");
      expect(error.$metadata).toMatchObject({ httpStatusCode: 400, attempts: maxAttempts ?? 3 });
      expect(handler.faults().rules[0].fired).toBe(maxAttempts ?? 3);
    }
  });

  test('retryMode "adaptive" retries them too (its rate limiter backs off on throttling)', async () => {
    const { client, handler } = setup({ retryMode: "adaptive" });
    handler.addFault({ operation: "GetSecretValue", code: "ThrottlingException", times: 2 });
    const { value } = await settle(client.send(get()));
    expect(value!.$metadata.attempts).toBe(3);
  });

  test("5xx are retried: InternalServiceError with $fault server, 3 attempts", async () => {
    const { client, handler } = setup();
    handler.failWhen((op) => op === "GetSecretValue", { code: "InternalServiceError", message: "boom" });
    const { error } = await settle(client.send(get()));
    expect(error).toBeInstanceOf(InternalServiceError);
    expect(error.message).toBe("boom");
    expect(error.$fault).toBe("server");
    expect(error.$metadata).toMatchObject({ httpStatusCode: 500, attempts: 3 });
  });

  test("a client error is not retried: one attempt", async () => {
    const { client, handler } = setup();
    handler.failNext("GetSecretValue", { code: "ResourceNotFoundException" });
    const { error } = await settle(client.send(get()));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata.attempts).toBe(1);
    expect(handler.faults().rules[0].fired).toBe(1);
  });

  test("a failed attempt never reaches the store; the retried PutSecretValue writes one version", async () => {
    const { client, handler, store } = setup();
    handler.failNext("PutSecretValue", { code: "InternalServiceError" });
    const { value } = await settle(client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v2" })));
    expect(value!.$metadata.attempts).toBe(2);
    // The SDK resends the same ClientRequestToken: the second attempt is the only write.
    const versions = store.getSecret(store.accountId, "us-east-1", "db")!.versions;
    expect(versions.size).toBe(2);
    const before = JSON.stringify(store.exportState());
    handler.failNext("PutSecretValue", { code: "AccessDeniedException" });
    await settle(client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "never" })));
    expect(JSON.stringify(store.exportState())).toBe(before);
  });
});

describe("network faults", () => {
  test("reset: an ECONNRESET the SDK retries", async () => {
    const { client, handler } = setup();
    handler.failNext("GetSecretValue", { network: "reset" });
    const { value } = await settle(client.send(get()));
    expect(value!.$metadata.attempts).toBe(2);
    handler.failWhen(() => true, { network: "reset" });
    const { error } = await settle(client.send(get()));
    expect(error).toMatchObject({ code: "ECONNRESET", message: "socket hang up" });
    expect(error.$metadata.attempts).toBe(3);
  });

  test("html-502: a proxy's HTML page; the SDK fails to parse it, sees 502 and retries", async () => {
    const { client, handler } = setup();
    handler.failWhen(() => true, { network: "html-502" });
    const { error } = await settle(client.send(get()));
    expect(error).toBeInstanceOf(SyntaxError);
    expect(error.$metadata).toMatchObject({ httpStatusCode: 502, requestId: undefined, attempts: 3 });
    expect(error.$response.statusCode).toBe(502);
  });

  test("hang: no answer until the abort signal fires", async () => {
    const { client, handler } = setup();
    handler.failNext("GetSecretValue", { network: "hang" });
    const controller = new AbortController();
    let settled = false;
    const p = client.send(get(), { abortSignal: controller.signal }).finally(() => (settled = true));
    await jest.advanceTimersByTimeAsync(600_000);
    expect(settled).toBe(false);
    controller.abort();
    const err = await failure(p);
    expect(err.name).toBe("AbortError");
  });

  test("hang with the handler's requestTimeout: a TimeoutError, which the SDK retries", async () => {
    const { client, handler } = setup({}, { requestTimeout: 2_000 });
    handler.failNext("GetSecretValue", { network: "hang" });
    const { value } = await settle(client.send(get()));
    expect(value!.SecretString).toBe("pw");
    expect(value!.$metadata.attempts).toBe(2);
    handler.failWhen(() => true, { network: "hang" });
    const { error } = await settle(client.send(get()));
    expect(error).toMatchObject({ name: "TimeoutError", code: "ETIMEDOUT" });
    expect(error.$metadata.attempts).toBe(3);
  });
});

describe("rules", () => {
  test("probability draws come from the store's seeded source: the same seed, the same sequence", async () => {
    const outcomes = async () => {
      const { client, handler } = setup({ maxAttempts: 1 });
      handler.addFault({ operation: "GetSecretValue", code: "InternalServiceError", probability: 0.5 });
      const seen: string[] = [];
      for (let i = 0; i < 24; i++) seen.push((await settle(client.send(get()))).error === undefined ? "ok" : "fail");
      return seen;
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    expect(first).toContain("ok");
    expect(first).toContain("fail");
  });

  test("latency delays the answer on fake time; a rule's latencyMs adds to it", async () => {
    const { client, handler } = setup();
    handler.latency(1_000).addFault({ operation: "GetSecretValue", latencyMs: 500, times: 1 });
    let done = false;
    const p = client.send(get()).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(1_499);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await p;
    expect(done).toBe(true);
  });

  test("throttle: AWS's quotas on the store's clock, per signing region; the SDK retries the refusals", async () => {
    const { client, handler } = setup();
    handler.throttle({ GetSecretValue: 1 });
    await settle(client.send(get()));
    // The store's clock stands still: every retry finds the bucket empty.
    const { error } = await settle(client.send(get()));
    expect(error.name).toBe("ThrottlingException");
    expect(error.$metadata.attempts).toBe(3);
    expect(handler.faults()).toMatchObject({ throttled: 3, throttle: { GetSecretValue: 1, ListSecrets: 100 } });
  });

  test("resetFaults removes everything; rules are checked when added", () => {
    const { handler } = setup();
    handler.failNext("GetSecretValue", { code: "ThrottlingException" }).latency(5).throttle();
    handler.resetFaults();
    expect(handler.faults()).toEqual({ rules: [], latency: 0, throttle: null, throttled: 0 });
    expect(() => handler.addFault({ operation: "GetSecretVal", code: "ThrottlingException" })).toThrow(/GetSecretVal/);
    expect(() => handler.addFault({ code: "ThrottlingException", network: "reset" })).toThrow(TypeError);
    expect(() => handler.addFault({ code: "Throttling\r\nX-Evil: 1" })).toThrow(TypeError);
    expect(() => handler.addFault({ code: "ThrottlingException", probability: 0 })).toThrow(RangeError);
    expect(() => handler.addFault({ code: "ThrottlingException", times: 1.5 })).toThrow(RangeError);
    expect(() => handler.addFault({ operation: "GetSecretValue" })).toThrow(/needs a code, a network fault or latencyMs/);
    expect(() => handler.failNext("GetSecretValue", { network: "unplugged" as "reset" })).toThrow(TypeError);
  });
});

describe('mockSecretsManager(client, { via: "request-handler" })', () => {
  function viaHandler(options: { region?: string } = {}) {
    const store = new SecretsStore({ seed: 5, fixtures: { secrets: { db: { SecretString: "pw" } } } });
    // No credentials: the mock signs with test credentials, the developer's are never read.
    const client = new SecretsManagerClient({ region: "us-east-1" });
    const mock = mockSecretsManager(client, { store, via: "request-handler", ...options });
    return { store, client, mock };
  }

  test("the SDK retries injected faults, and the history shows every failed attempt", async () => {
    const { client, mock } = viaHandler();
    mock.failNext("GetSecretValue", { code: "ThrottlingException" }).failNext("GetSecretValue", { network: "reset" });
    const { value } = await settle(client.send(get()));
    expect(value!.$metadata.attempts).toBe(3);
    expect(mock.calls("GetSecretValue").map(({ error, network, output }) => ({ error, network, output }))).toEqual([
      { error: { code: "ThrottlingException", message: "Rate exceeded" }, network: undefined, output: undefined },
      { error: undefined, network: "reset", output: undefined },
      { error: undefined, network: undefined, output: expect.objectContaining({ Name: "db", SecretString: "***" }) },
    ]);
  });

  test("the whole pipeline runs: the SDK fills ClientRequestToken, errors are the SDK's classes", async () => {
    const { client, mock } = viaHandler();
    await client.send(new CreateSecretCommand({ Name: "new", SecretString: "x" }));
    expect(mock.calls("CreateSecret")[0].input.ClientRequestToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(await failure(client.send(new GetSecretValueCommand({ SecretId: "missing" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  test("restore() gives the client back its own request handler and credentials", async () => {
    const store = new SecretsStore({ fixtures: { secrets: { db: { SecretString: "pw" } } } });
    const client = new SecretsManagerClient({ region: "us-east-1", credentials });
    const { requestHandler, credentials: ownCredentials } = client.config;
    const mock = mockSecretsManager(client, { store, via: "request-handler" });
    expect(client.config.requestHandler).not.toBe(requestHandler);
    expect((await client.send(get())).SecretString).toBe("pw");
    mock.restore();
    expect(client.config.requestHandler).toBe(requestHandler);
    expect(client.config.credentials).toBe(ownCredentials);
  });

  test("on a client class: every instance, until restore()", async () => {
    const store = new SecretsStore({ fixtures: { secrets: { db: { SecretString: "pw" } } } });
    const mock = mockSecretsManager(SecretsManagerClient, { store, via: "request-handler" });
    const client = new SecretsManagerClient({ region: "us-east-1", maxAttempts: 1 });
    const own = client.config.requestHandler;
    mock.failNext("GetSecretValue", { code: "ThrottlingException" });
    expect((await failure(client.send(get()))).$metadata.attempts).toBe(1);
    expect(client.config.requestHandler).not.toBe(own);
    expect((await client.send(get())).SecretString).toBe("pw");
    mock.restore();
    expect(client.config.requestHandler).toBe(own);
  });

  test("the region option wins over the signing region", async () => {
    const { client, store } = viaHandler({ region: "eu-central-1" });
    await client.send(new CreateSecretCommand({ Name: "here", SecretString: "x" }));
    expect(store.getSecret(store.accountId, "eu-central-1", "here")).toBeDefined();
  });

  test("an unknown way in is refused", () => {
    expect(() => mockSecretsManager(new SecretsManagerClient({}), { via: "socket" as "middleware" })).toThrow(TypeError);
  });
});

describe("network faults through the middleware (answered before the SDK's retry step: no retries)", () => {
  function viaMiddleware() {
    const store = new SecretsStore({ fixtures: { secrets: { db: { SecretString: "pw" } } } });
    const client = new SecretsManagerClient({ region: "us-east-1" });
    return { client, mock: mockSecretsManager(client, { store }) };
  }

  test("reset and html-502 throw what the SDK throws for them, at once", async () => {
    const { client, mock } = viaMiddleware();
    mock.failNext("GetSecretValue", { network: "reset" }).failNext("GetSecretValue", { network: "html-502" });
    expect(await failure(client.send(get()))).toMatchObject({ code: "ECONNRESET", message: "socket hang up" });
    const html = await failure(client.send(get()));
    // The same error as the request handler's 502 page, parsed by the SDK itself, gives.
    const { client: wired, handler } = setup({ maxAttempts: 1 });
    handler.failNext("GetSecretValue", { network: "html-502" });
    const sdk = await failure(wired.send(get()));
    expect(html).toBeInstanceOf(SyntaxError);
    expect(html.message).toBe(sdk.message);
    expect(html.$metadata).toEqual(sdk.$metadata);
    expect(mock.calls().map((c) => c.network)).toEqual(["reset", "html-502"]);
  });

  test("hang waits for the abort signal given to send()", async () => {
    const { client, mock } = viaMiddleware();
    mock.failNext("GetSecretValue", { network: "hang" });
    const controller = new AbortController();
    let settled = false;
    const p = client.send(get(), { abortSignal: controller.signal }).finally(() => (settled = true));
    await jest.advanceTimersByTimeAsync(600_000);
    expect(settled).toBe(false);
    controller.abort();
    expect((await failure(p)).name).toBe("AbortError");
  });
});
