/**
 * How the mock plugs into a SecretsManagerClient (issue 2): one client or a whole class, no region
 * or credentials, the handler cache, the callback form, other middleware, regions and accounts.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import {
  dispatch,
  getSecretsManagerMockPlugin,
  mockSecretsManager,
  SecretsStore,
  secretsManagerMockMiddleware,
  secretsManagerMockMiddlewareOptions,
  UnsupportedOperationError,
} from "secrets-manager-mock";

/**
 * A client with region and credentials whose request handler counts calls and fails: anything
 * that reaches it would have gone to the network.
 */
function trappedClient(extra: { cacheMiddleware?: boolean } = {}): { client: SecretsManagerClient; calls: () => number } {
  let n = 0;
  const requestHandler = {
    handle: () => {
      n++;
      return Promise.reject(new Error("network reached"));
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
  const client = new SecretsManagerClient({
    region: "us-east-1",
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
    requestHandler,
    maxAttempts: 1,
    ...extra,
  });
  return { client, calls: () => n };
}

describe("mockSecretsManager on one client", () => {
  test("works on new SecretsManagerClient({}) with no region, credentials or network", async () => {
    const client = new SecretsManagerClient({});
    const mock = mockSecretsManager(client);
    const out = await client.send(new CreateSecretCommand({ Name: "a", SecretString: "v" }));
    expect(out.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:a-[A-Za-z0-9]{6}$/);
    expect(mock.store).toBeInstanceOf(SecretsStore);
  });

  test("the client's region and the accountId option go into ARNs", async () => {
    const client = new SecretsManagerClient({ region: "eu-central-1" });
    mockSecretsManager(client, { accountId: "210987654321" });
    const out = await client.send(new CreateSecretCommand({ Name: "a", SecretString: "v" }));
    expect(out.ARN).toMatch(/^arn:aws:secretsmanager:eu-central-1:210987654321:secret:a-/);
  });

  test("two clients in two regions sharing a store do not see each other's secrets", async () => {
    const store = new SecretsStore();
    const west = new SecretsManagerClient({ region: "us-west-2" });
    const east = new SecretsManagerClient({ region: "us-east-1" });
    mockSecretsManager(west, { store });
    mockSecretsManager(east, { store });
    await west.send(new CreateSecretCommand({ Name: "shared-name", SecretString: "west" }));
    await expect(east.send(new GetSecretValueCommand({ SecretId: "shared-name" }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await east.send(new CreateSecretCommand({ Name: "shared-name", SecretString: "east" }));
    expect((await west.send(new GetSecretValueCommand({ SecretId: "shared-name" }))).SecretString).toBe("west");
    expect((await east.send(new GetSecretValueCommand({ SecretId: "shared-name" }))).SecretString).toBe("east");
    // A full ARN of another region is not found from this region.
    const westArn = (await west.send(new DescribeSecretCommand({ SecretId: "shared-name" }))).ARN!;
    await expect(east.send(new GetSecretValueCommand({ SecretId: westArn }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  test("works with cacheMiddleware: true on a client already used before the mock was added", async () => {
    const { client, calls } = trappedClient({ cacheMiddleware: true });
    await expect(client.send(new GetSecretValueCommand({ SecretId: "x" }))).rejects.toThrow("network reached");
    const n = calls();
    const mock = mockSecretsManager(client);
    await client.send(new CreateSecretCommand({ Name: "x", SecretString: "v" }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: "x" }))).SecretString).toBe("v");
    expect(calls()).toBe(n);
    mock.restore();
    await expect(client.send(new GetSecretValueCommand({ SecretId: "x" }))).rejects.toThrow("network reached");
  });

  test("restore() removes the interception and the client works as before", async () => {
    const { client, calls } = trappedClient();
    const mock = mockSecretsManager(client);
    await client.send(new CreateSecretCommand({ Name: "x", SecretString: "v" }));
    expect(calls()).toBe(0);
    mock.restore();
    expect(mock.active).toBe(false);
    await expect(client.send(new GetSecretValueCommand({ SecretId: "x" }))).rejects.toThrow("network reached");
    expect(calls()).toBe(1);
  });

  test("the callback form client.send(cmd, cb) works, for results and errors", async () => {
    const client = new SecretsManagerClient({});
    mockSecretsManager(client);
    await client.send(new CreateSecretCommand({ Name: "cb", SecretString: "v" }));
    const value = await new Promise<string | undefined>((resolve, reject) =>
      client.send(new GetSecretValueCommand({ SecretId: "cb" }), (err, data) => (err ? reject(err as Error) : resolve(data?.SecretString))),
    );
    expect(value).toBe("v");
    const err = await new Promise<unknown>((resolve) => client.send(new GetSecretValueCommand({ SecretId: "missing" }), (e) => resolve(e)));
    expect(err).toBeInstanceOf(ResourceNotFoundException);
  });

  test("the user's own initialize middleware still runs (before the mock) and sees the output", async () => {
    const client = new SecretsManagerClient({});
    const seen: string[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        seen.push(`before ${context.commandName}`);
        const result = await next(args);
        seen.push(`after ${(result.output as { Name?: string }).Name}`);
        return result;
      },
      { step: "initialize", name: "userLogger" },
    );
    mockSecretsManager(client);
    await client.send(new CreateSecretCommand({ Name: "logged", SecretString: "v" }));
    expect(seen).toEqual(["before CreateSecretCommand", "after logged"]);
  });
});

describe("mockSecretsManager on the client class", () => {
  test("every instance, including ones created later, is served from one store; restore() undoes it", async () => {
    const before = new SecretsManagerClient({ region: "us-east-1" });
    const mock = mockSecretsManager(SecretsManagerClient);
    try {
      await before.send(new CreateSecretCommand({ Name: "class-wide", SecretString: "v" }));
      const later = new SecretsManagerClient({ region: "us-east-1" });
      expect((await later.send(new GetSecretValueCommand({ SecretId: "class-wide" }))).SecretString).toBe("v");
      expect(mock.store.getSecret(mock.store.accountId, "us-east-1", "class-wide")).toBeDefined();
    } finally {
      mock.restore();
    }
    expect(Object.prototype.hasOwnProperty.call(SecretsManagerClient.prototype, "send")).toBe(false);
    const { client: after, calls } = trappedClient();
    await expect(after.send(new GetSecretValueCommand({ SecretId: "class-wide" }))).rejects.toThrow("network reached");
    expect(calls()).toBe(1);
    await expect(before.send(new GetSecretValueCommand({ SecretId: "class-wide" }))).rejects.toThrow();
  });
});

describe("the bare middleware and the plugin", () => {
  test("middlewareStack.add with secretsManagerMockMiddlewareOptions; region from the option or the store", async () => {
    const store = new SecretsStore({ region: "ap-south-1" });
    const a = new SecretsManagerClient({});
    a.middlewareStack.add(secretsManagerMockMiddleware(store), secretsManagerMockMiddlewareOptions);
    const b = new SecretsManagerClient({});
    b.middlewareStack.add(secretsManagerMockMiddleware(store, { region: "sa-east-1" }), secretsManagerMockMiddlewareOptions);
    expect((await a.send(new CreateSecretCommand({ Name: "n", SecretString: "v" }))).ARN).toContain(":ap-south-1:");
    expect((await b.send(new CreateSecretCommand({ Name: "n", SecretString: "v" }))).ARN).toContain(":sa-east-1:");
    expect(secretsManagerMockMiddlewareOptions).toMatchObject({ step: "initialize", name: "secretsManagerMock", override: true });
  });

  test("getSecretsManagerMockPlugin works with middlewareStack.use", async () => {
    const client = new SecretsManagerClient({});
    client.middlewareStack.use(getSecretsManagerMockPlugin(new SecretsStore()));
    expect((await client.send(new CreateSecretCommand({ Name: "p", SecretString: "v" }))).Name).toBe("p");
  });
});

describe("unsupported operations", () => {
  test("an operation the mock does not implement throws an error naming it and listing the supported ones", () => {
    const store = new SecretsStore();
    expect(() => dispatch(store, "FrobnicateSecret", {}, { accountId: store.accountId, region: "us-east-1" })).toThrow(
      UnsupportedOperationError,
    );
    expect(() => dispatch(store, "FrobnicateSecret", {}, { accountId: store.accountId, region: "us-east-1" })).toThrow(
      /does not implement FrobnicateSecret\. Supported operations: .*GetSecretValue/,
    );
    expect(() => dispatch(store, "__proto__", {}, { accountId: store.accountId, region: "us-east-1" })).toThrow(UnsupportedOperationError);
  });
});
