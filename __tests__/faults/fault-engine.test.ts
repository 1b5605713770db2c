/** failNext / failWhen / addFault / latency / throttle through the middleware: injected faults look exactly like AWS errors. */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InternalServiceError,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  SecretsManagerServiceException,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, mockSecretsManager, SecretsStore } from "secrets-manager-mock";

function setup(clock = new ManualClock("2024-01-01T00:00:00Z")) {
  const store = new SecretsStore({ seed: 1, clock, fixtures: { secrets: { db: { SecretString: "pw" } } } });
  // maxAttempts: 1 so the SDK's retry of throttling/5xx errors doesn't hide what the mock did.
  const client = new SecretsManagerClient({ region: "us-east-1", maxAttempts: 1 });
  const mock = mockSecretsManager(client, { store });
  return { store, client, mock, clock };
}

async function error(p: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number }; $fault: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { $metadata: { httpStatusCode?: number }; $fault: string };
  }
  throw new Error("expected the call to fail");
}

describe("failNext", () => {
  test("fails the next call of that operation once, with the modelled exception class", async () => {
    const { client, mock } = setup();
    mock.failNext("GetSecretValue", { code: "ResourceNotFoundException" });
    await client.send(new DescribeSecretCommand({ SecretId: "db" })); // other operations are unaffected
    const e = await error(client.send(new GetSecretValueCommand({ SecretId: "db" })));
    expect(e).toBeInstanceOf(ResourceNotFoundException);
    expect(e.message).toBe("Secrets Manager can't find the specified secret.");
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("pw");
  });

  test("unmodelled codes arrive as SecretsManagerServiceException with name = code", async () => {
    const { client, mock } = setup();
    mock.failNext("GetSecretValue", { code: "ThrottlingException" });
    const e = await error(client.send(new GetSecretValueCommand({ SecretId: "db" })));
    expect(e).toBeInstanceOf(SecretsManagerServiceException);
    expect(e.name).toBe("ThrottlingException");
    expect(e.message).toBe("Rate exceeded");
  });

  test("custom message; server errors are 5xx with $fault server; calls queue", async () => {
    const { client, mock } = setup();
    mock
      .failNext("PutSecretValue", { code: "InternalServiceError", message: "boom" })
      .failNext("PutSecretValue", { code: "AccessDeniedException" });
    const first = await error(client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "x" })));
    expect(first).toBeInstanceOf(InternalServiceError);
    expect(first.message).toBe("boom");
    expect(first.$metadata.httpStatusCode).toBe(500);
    expect(first.$fault).toBe("server");
    expect((await error(client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "x" })))).name).toBe("AccessDeniedException");
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "x" }));
  });

  test("a failed call never reaches the store, and is in the call history", async () => {
    const { client, mock, store } = setup();
    const before = JSON.stringify(store.exportState());
    mock.failNext("PutSecretValue", { code: "InternalServiceError" });
    await error(client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "never" })));
    expect(JSON.stringify(store.exportState())).toBe(before);
    expect(mock.calls("PutSecretValue")[0].error).toEqual({
      code: "InternalServiceError",
      message: "An error occurred on the server side.",
    });
  });

  test("the mock answers before the SDK's retry step: an injected retryable error reaches the caller at once", async () => {
    const store = new SecretsStore({ fixtures: { secrets: { db: { SecretString: "pw" } } } });
    const client = new SecretsManagerClient({ region: "us-east-1", maxAttempts: 2, retryStrategy: undefined });
    const mock = mockSecretsManager(client, { store });
    mock.failNext("GetSecretValue", { code: "InternalServiceError" });
    // The mock answers in the initialize step, before the SDK's retry middleware: the error goes straight to the caller.
    const e = await error(client.send(new GetSecretValueCommand({ SecretId: "db" })));
    expect(e).toBeInstanceOf(InternalServiceError);
    expect(mock.calls("GetSecretValue")).toHaveLength(1);
  });
});

describe("failWhen", () => {
  test("fails every matching call until removed", async () => {
    const { client, mock } = setup();
    const remove = mock.failWhen((op, input) => op === "GetSecretValue" && input.SecretId === "db", {
      code: "DecryptionFailure",
      message: "KMS says no",
    });
    for (let i = 0; i < 3; i++) {
      const e = await error(client.send(new GetSecretValueCommand({ SecretId: "db" })));
      expect(e.name).toBe("DecryptionFailure");
      expect(e.message).toBe("KMS says no");
    }
    await client.send(new DescribeSecretCommand({ SecretId: "db" }));
    remove();
    expect((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("pw");
  });

  test("resetFaults removes every rule", async () => {
    const { client, mock } = setup();
    mock.failWhen(() => true, { code: "InternalServiceError" });
    mock.failNext("GetSecretValue", { code: "ThrottlingException" });
    mock.resetFaults();
    expect((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("pw");
  });
});

describe("latency", () => {
  afterEach(() => jest.useRealTimers());

  test("delays calls with setTimeout, so fake timers control it", async () => {
    jest.useFakeTimers();
    const { client, mock } = setup();
    mock.latency(5_000);
    let done = false;
    const p = client.send(new GetSecretValueCommand({ SecretId: "db" })).then((r) => {
      done = true;
      return r;
    });
    await jest.advanceTimersByTimeAsync(4_999);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect((await p).SecretString).toBe("pw");
    expect(done).toBe(true);
  });

  test("per-call latency function, and an injected fault arrives after the delay", async () => {
    jest.useFakeTimers();
    const { client, mock } = setup();
    mock.latency((op) => (op === "GetSecretValue" ? 100 : 0));
    mock.failNext("GetSecretValue", { code: "InternalServiceError" });
    let settled = false;
    const p = client.send(new GetSecretValueCommand({ SecretId: "db" })).catch((e: unknown) => {
      settled = true;
      return e;
    });
    await client.send(new DescribeSecretCommand({ SecretId: "db" })); // no delay
    await jest.advanceTimersByTimeAsync(99);
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await p).toBeInstanceOf(InternalServiceError);
  });

  test("rejects a negative latency", () => {
    expect(() => setup().mock.latency(-1)).toThrow(RangeError);
  });
});

describe("throttle", () => {
  test("AWS's quotas with a token bucket on the store clock: ListSecrets 100/s", async () => {
    const { client, mock, clock } = setup();
    mock.throttle(true);
    for (let i = 0; i < 100; i++) await client.send(new ListSecretsCommand({}));
    const e = await error(client.send(new ListSecretsCommand({})));
    expect(e).toBeInstanceOf(SecretsManagerServiceException);
    expect(e.name).toBe("ThrottlingException");
    expect(e.message).toBe("Rate exceeded");
    // Other quota groups have their own buckets.
    await client.send(new GetSecretValueCommand({ SecretId: "db" }));
    clock.advance({ milliseconds: 10 }); // 10 ms at 100/s refills one request
    await client.send(new ListSecretsCommand({}));
    await expect(client.send(new ListSecretsCommand({}))).rejects.toMatchObject({ name: "ThrottlingException" });
    clock.advance({ seconds: 1 });
    for (let i = 0; i < 100; i++) await client.send(new ListSecretsCommand({}));
  });

  test("operations of one group share a bucket: PutSecretValue + UpdateSecret 50/s", async () => {
    const { client, mock } = setup();
    mock.throttle();
    for (let i = 0; i < 25; i++) await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: `v${i}` }));
    for (let i = 0; i < 25; i++) await client.send(new UpdateSecretCommand({ SecretId: "db", Description: `d${i}` }));
    await expect(client.send(new UpdateSecretCommand({ SecretId: "db", Description: "x" }))).rejects.toMatchObject({
      name: "ThrottlingException",
    });
    await expect(client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "x" }))).rejects.toMatchObject({
      name: "ThrottlingException",
    });
  });

  test("custom quotas, quotas per region, and turning it off", async () => {
    const clock = new ManualClock(0);
    const store = new SecretsStore({ clock, fixtures: { secrets: { db: { SecretString: "pw" } } } });
    const east = new SecretsManagerClient({ region: "us-east-1", maxAttempts: 1 });
    const west = new SecretsManagerClient({ region: "us-west-2", maxAttempts: 1 });
    const mock = mockSecretsManager(east, { store });
    const westMock = mockSecretsManager(west, { store });
    mock.throttle({ GetSecretValue: 2 });
    westMock.throttle({ GetSecretValue: 2 });
    await east.send(new DescribeSecretCommand({ SecretId: "db" }));
    await east.send(new GetSecretValueCommand({ SecretId: "db" }));
    await expect(east.send(new GetSecretValueCommand({ SecretId: "db" }))).rejects.toMatchObject({ name: "ThrottlingException" });
    await expect(west.send(new DescribeSecretCommand({ SecretId: "db" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    mock.throttle(false);
    await east.send(new GetSecretValueCommand({ SecretId: "db" }));
  });

  test("CreateSecret is 50/s on its own", async () => {
    const { client, mock } = setup();
    mock.throttle();
    for (let i = 0; i < 50; i++) await client.send(new CreateSecretCommand({ Name: `s${i}` }));
    await expect(client.send(new CreateSecretCommand({ Name: "one-too-many" }))).rejects.toMatchObject({ name: "ThrottlingException" });
  });
});

describe("addFault rules", () => {
  test("operation, predicate and times; the report counts firings and shows spent rules", async () => {
    const { client, mock } = setup();
    mock.addFault({
      operation: "GetSecretValue",
      predicate: (_op, input) => input.VersionStage === "AWSPREVIOUS",
      code: "DecryptionFailure",
      times: 2,
    });
    await client.send(new GetSecretValueCommand({ SecretId: "db" })); // predicate false: not a firing
    for (let i = 0; i < 2; i++) {
      expect((await error(client.send(new GetSecretValueCommand({ SecretId: "db", VersionStage: "AWSPREVIOUS" })))).name).toBe(
        "DecryptionFailure",
      );
    }
    // Spent: the third matching call reaches the store (which has no AWSPREVIOUS version).
    expect(await error(client.send(new GetSecretValueCommand({ SecretId: "db", VersionStage: "AWSPREVIOUS" })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect(mock.faults().rules).toEqual([
      { id: 1, rule: { operation: "GetSecretValue", predicate: true, code: "DecryptionFailure", times: 2 }, fired: 2, remaining: 0 },
    ]);
  });

  test("a latency-only rule delays and lets later rules decide; failNext rules come first", async () => {
    jest.useFakeTimers();
    try {
      const { client, mock } = setup();
      mock.addFault({ latencyMs: 300 });
      const remove = mock.addFault({ operation: "GetSecretValue", code: "InternalServiceError" });
      mock.failNext("GetSecretValue", { code: "AccessDeniedException" });
      const first = error(client.send(new GetSecretValueCommand({ SecretId: "db" })));
      await jest.advanceTimersByTimeAsync(300);
      expect((await first).name).toBe("AccessDeniedException");
      const second = error(client.send(new GetSecretValueCommand({ SecretId: "db" })));
      await jest.advanceTimersByTimeAsync(300);
      expect(await second).toBeInstanceOf(InternalServiceError);
      remove();
      const third = client.send(new GetSecretValueCommand({ SecretId: "db" }));
      await jest.advanceTimersByTimeAsync(300);
      expect((await third).SecretString).toBe("pw");
      expect(mock.faults().rules.map((r) => [r.rule.code ?? "latency", r.fired])).toEqual([
        ["latency", 3],
        ["AccessDeniedException", 1],
      ]);
    } finally {
      jest.useRealTimers();
    }
  });

  test("the history records injected errors like AWS errors", async () => {
    const { client, mock } = setup();
    mock.addFault({ operation: "DescribeSecret", code: "ThrottlingException", times: 1 });
    await error(client.send(new DescribeSecretCommand({ SecretId: "db" })));
    expect(mock.calls("DescribeSecret")[0]).toMatchObject({ error: { code: "ThrottlingException", message: "Rate exceeded" } });
  });
});
