/**
 * The Lambda extension listener (`lambdaExtensionPort`): the AWS Parameters and Secrets Lambda
 * Extension's `GET /secretsmanager/get`, answered from the server's store through `dispatch`.
 */
import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore, startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";
import { corsHeaders, rawRequest, type RawResponse } from "../helpers/raw-request";

const T0 = new Date("2024-03-01T12:00:00.250Z");
const TOKEN = { "x-aws-parameters-secrets-token": "session-token" };

let server: SecretsManagerServer;
let client: SecretsManagerClient;
let extensionPort: number;

beforeEach(async () => {
  server = await startSecretsManagerServer({
    port: 0,
    lambdaExtensionPort: 0,
    store: new SecretsStore({ clock: new ManualClock(T0), seed: 3 }),
  });
  client = new SecretsManagerClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  extensionPort = server.lambdaExtensionPort!;
});

afterEach(async () => {
  client.destroy();
  await server.close();
});

function get(path: string, headers: Record<string, string> = TOKEN): Promise<RawResponse> {
  return rawRequest(extensionPort, "GET", path, { host: `localhost:${extensionPort}`, ...headers });
}

describe("GET /secretsmanager/get", () => {
  test("answers GetSecretValue's output as JSON: the same members and values the SDK reads over the wire", async () => {
    const created = await client.send(new CreateSecretCommand({ Name: "prod/db", SecretString: '{"password":"p1"}' }));
    const res = await get("/secretsmanager/get?secretId=prod%2Fdb");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(res.body)).toEqual({
      ARN: created.ARN,
      Name: "prod/db",
      VersionId: created.VersionId,
      SecretString: '{"password":"p1"}',
      VersionStages: ["AWSCURRENT"],
      CreatedDate: T0.getTime() / 1000,
    });
    const viaSdk = await client.send(new GetSecretValueCommand({ SecretId: "prod/db" }));
    expect(new Date(JSON.parse(res.body).CreatedDate * 1000)).toEqual(viaSdk.CreatedDate);
    expect(server.lambdaExtensionUrl).toBe(`http://127.0.0.1:${extensionPort}`);
  });

  test("a binary secret comes back as base64 SecretBinary", async () => {
    await client.send(new CreateSecretCommand({ Name: "bin", SecretBinary: new Uint8Array([0, 255, 1]) }));
    const body = JSON.parse((await get("/secretsmanager/get?secretId=bin")).body);
    expect(body.SecretBinary).toBe("AP8B");
    expect(body).not.toHaveProperty("SecretString");
  });

  test("versionStage and versionId pick a version, as in GetSecretValue", async () => {
    const first = await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
    const second = await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v2" }));
    const byStage = JSON.parse((await get("/secretsmanager/get?secretId=db&versionStage=AWSPREVIOUS")).body);
    expect(byStage).toMatchObject({ SecretString: "v1", VersionId: first.VersionId, VersionStages: ["AWSPREVIOUS"] });
    const byId = JSON.parse((await get(`/secretsmanager/get?secretId=db&versionId=${second.VersionId}`)).body);
    expect(byId).toMatchObject({ SecretString: "v2", VersionStages: ["AWSCURRENT"] });
    const both = await get(`/secretsmanager/get?secretId=db&versionId=${first.VersionId}&versionStage=AWSCURRENT`);
    expect(both.status).toBe(400);
    expect(JSON.parse(both.body).__type).toBe("InvalidRequestException");
  });

  test("an unknown secret: 400 whose body names ResourceNotFoundException, with AWS's message", async () => {
    const res = await get("/secretsmanager/get?secretId=missing");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      __type: "ResourceNotFoundException",
      Message: "Secrets Manager can't find the specified secret.",
    });
  });

  test("an unknown staging label: the AWS error passes through", async () => {
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
    const res = await get("/secretsmanager/get?secretId=db&versionStage=NOPE");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).__type).toBe("ResourceNotFoundException");
  });

  test("no secretId: GetSecretValue's own validation error, nothing changes", async () => {
    const before = server.store.revision;
    const res = await get("/secretsmanager/get");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).__type).toMatch(/Exception$/);
    expect(server.store.revision).toBe(before);
  });

  test("it reads the server's default partition: the store's account, the server's region", async () => {
    const west = new SecretsManagerClient({
      endpoint: server.url,
      region: "us-west-2",
      credentials: { accessKeyId: "t", secretAccessKey: "t" },
    });
    await west.send(new CreateSecretCommand({ Name: "only-in-west", SecretString: "w" }));
    west.destroy();
    expect((await get("/secretsmanager/get?secretId=only-in-west")).status).toBe(400);

    const regional = await startSecretsManagerServer({ port: 0, lambdaExtensionPort: 0, region: "us-west-2", store: server.store });
    try {
      const res = await rawRequest(regional.lambdaExtensionPort!, "GET", "/secretsmanager/get?secretId=only-in-west", {
        host: "127.0.0.1",
        ...TOKEN,
      });
      expect(JSON.parse(res.body).SecretString).toBe("w");
    } finally {
      await regional.close();
    }
  });
});

describe("what the extension refuses", () => {
  test.each([
    ["no token header", {}],
    ["an empty token", { "x-aws-parameters-secrets-token": "" }],
    ["a blank token", { "x-aws-parameters-secrets-token": "   " }],
  ])("%s: 403 and no secret", async (_what, headers) => {
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "TOPSECRET" }));
    const res = await get("/secretsmanager/get?secretId=db", headers);
    expect(res.status).toBe(403);
    expect(res.body).toContain("X-Aws-Parameters-Secrets-Token");
    expect(res.body).not.toContain("TOPSECRET");
  });

  test.each(["/systemsmanager/parameters/get?name=%2Fapp%2Fkey", "/systemsmanager/parameters/get/?name=x&withDecryption=true"])(
    "%s: a clear 'not supported by this mock'",
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(501);
      const body = JSON.parse(res.body);
      expect(body.__type).toBe("NotImplementedException");
      expect(body.Message).toMatch(/not supported by this mock/);
    },
  );

  test("another path: 404; another method: 405; both only once the token is there", async () => {
    expect((await get("/secretsmanager/list")).status).toBe(404);
    expect((await get("/secretsmanager/list", {})).status).toBe(403);
    expect((await get("/systemsmanager/parameters/get?name=x", {})).status).toBe(403);
    const post = await rawRequest(extensionPort, "POST", "/secretsmanager/get?secretId=db", { host: "localhost", ...TOKEN });
    expect(post.status).toBe(405);
  });

  test("DNS rebinding: a Host that is not a loopback name gets 403, with the token and all", async () => {
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "TOPSECRET" }));
    const res = await rawRequest(extensionPort, "GET", "/secretsmanager/get?secretId=db", {
      host: `evil.example:${extensionPort}`,
      origin: `http://evil.example:${extensionPort}`,
      ...TOKEN,
    });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain("TOPSECRET");
  });

  test("no CORS headers, on answers or on a preflight", async () => {
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v" }));
    const ok = await get("/secretsmanager/get?secretId=db", { ...TOKEN, origin: "http://evil.example" });
    expect(corsHeaders(ok.headers)).toEqual([]);
    const preflight = await rawRequest(extensionPort, "OPTIONS", "/secretsmanager/get?secretId=db", {
      host: `localhost:${extensionPort}`,
      origin: "http://evil.example",
      "access-control-request-method": "GET",
      "access-control-request-headers": "x-aws-parameters-secrets-token",
    });
    expect(preflight.status).toBe(403);
    expect(corsHeaders(preflight.headers)).toEqual([]);
  });
});

test("without lambdaExtensionPort there is no second listener", async () => {
  const plain = await startSecretsManagerServer({ port: 0 });
  try {
    expect(plain.lambdaExtensionPort).toBeUndefined();
    expect(plain.lambdaExtensionUrl).toBeUndefined();
  } finally {
    await plain.close();
  }
});

test("an extension port in use rejects instead of crashing", async () => {
  const taken = server.lambdaExtensionPort!;
  await expect(startSecretsManagerServer({ port: 0, lambdaExtensionPort: taken })).rejects.toThrow(/EADDRINUSE/);
});
