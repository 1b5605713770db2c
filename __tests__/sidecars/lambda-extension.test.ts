/**
 * The Lambda extension listener (`lambdaExtensionPort`) answers as the recorded extension does
 * (fedonev/lambda-params-secrets, data/test-responses.json): bodies compared member by member,
 * the one 400 text for every error, the reference path of Parameter Store, and its cache on the
 * store's clock.
 */
import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore, startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";
import { corsHeaders, rawRequest, type RawResponse } from "../helpers/raw-request";

const T0 = new Date("2024-03-01T12:00:00.250Z");
const TOKEN = { "x-aws-parameters-secrets-token": "session-token" };
const ERROR_TEXT = "an unexpected error occurred while executing request";

let server: SecretsManagerServer;
let client: SecretsManagerClient;
let clock: ManualClock;
let extensionPort: number;
let logged: string[];

async function start(settings: Record<string, string | number | boolean> = {}): Promise<void> {
  clock = new ManualClock(T0);
  logged = [];
  server = await startSecretsManagerServer({
    port: 0,
    lambdaExtensionPort: 0,
    lambdaExtension: { settings, log: (line) => logged.push(line) },
    store: new SecretsStore({ clock, seed: 3 }),
  });
  client = new SecretsManagerClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  extensionPort = server.lambdaExtensionPort!;
}

async function stop(): Promise<void> {
  client.destroy();
  await server.close();
}

function get(path: string, headers: Record<string, string> = TOKEN): Promise<RawResponse> {
  return rawRequest(extensionPort, "GET", path, { host: `localhost:${extensionPort}`, ...headers });
}

/** The recorded success body's members, in the recorded order. */
const RECORDED_MEMBERS = ["ARN", "CreatedDate", "Name", "SecretBinary", "SecretString", "VersionId", "VersionStages", "ResultMetadata"];

describe("as recorded", () => {
  beforeEach(() => start());
  afterEach(stop);

  test("/secretsmanager/get: the recorded members in the recorded order, CreatedDate RFC 3339 with ms, SecretBinary null", async () => {
    const created = await client.send(new CreateSecretCommand({ Name: "prod/db", SecretString: '{"password":"p1"}' }));
    const res = await get("/secretsmanager/get?secretId=prod%2Fdb");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/plain");
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(RECORDED_MEMBERS);
    expect(body).toEqual({
      ARN: created.ARN,
      CreatedDate: "2024-03-01T12:00:00.250Z",
      Name: "prod/db",
      SecretBinary: null,
      SecretString: '{"password":"p1"}',
      VersionId: created.VersionId,
      VersionStages: ["AWSCURRENT"],
      ResultMetadata: {},
    });
    const viaSdk = await client.send(new GetSecretValueCommand({ SecretId: "prod/db" }));
    expect(new Date(body.CreatedDate as string)).toEqual(viaSdk.CreatedDate);
    expect(server.lambdaExtensionUrl).toBe(`http://127.0.0.1:${extensionPort}`);
  });

  test("a binary secret: SecretBinary base64, SecretString null", async () => {
    await client.send(new CreateSecretCommand({ Name: "bin", SecretBinary: new Uint8Array([0, 255, 1]) }));
    const body = JSON.parse((await get("/secretsmanager/get?secretId=bin")).body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(RECORDED_MEMBERS);
    expect(body.SecretBinary).toBe("AP8B");
    expect(body.SecretString).toBeNull();
  });

  test("versionStage and versionId pick a version", async () => {
    const first = await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
    const second = await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v2" }));
    const byStage = JSON.parse((await get("/secretsmanager/get?secretId=db&versionStage=AWSPREVIOUS")).body);
    expect(byStage).toMatchObject({ SecretString: "v1", VersionId: first.VersionId, VersionStages: ["AWSPREVIOUS"] });
    const byId = JSON.parse((await get(`/secretsmanager/get?secretId=db&versionId=${second.VersionId}`)).body);
    expect(byId).toMatchObject({ SecretString: "v2", VersionStages: ["AWSCURRENT"] });
  });

  test.each([
    [
      "an unknown secret",
      "/secretsmanager/get?secretId=missing",
      "ResourceNotFoundException: Secrets Manager can't find the specified secret.",
    ],
    ["an unknown versionStage (recorded)", "/secretsmanager/get?secretId=db&versionStage=DOESNOTEXIST", "ResourceNotFoundException:"],
    ["no secretId", "/secretsmanager/get", "ValidationException:"],
  ])("%s: 400 with the recorded text; the AWS error in the mock's header and log", async (_what, path, cause) => {
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "TOPSECRET" }));
    const before = server.store.revision;
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.body).toBe(ERROR_TEXT);
    expect(res.headers["x-secrets-manager-mock-error"]).toContain(cause);
    expect(logged.some((l) => l.includes(cause))).toBe(true);
    expect(logged.join("\n")).not.toContain("TOPSECRET");
    expect(server.store.revision).toBe(before);
  });

  test("the Parameter Store reference path: the recorded Parameter shape, SourceResult a JSON string", async () => {
    const created = await client.send(
      new CreateSecretCommand({ Name: "dummy-string-secret", SecretString: "an-insecure-string-secret-value" }),
    );
    const res = await get(
      "/systemsmanager/parameters/get?name=%2Faws%2Freference%2Fsecretsmanager%2Fdummy-string-secret&withDecryption=true",
    );
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { Parameter: Record<string, unknown>; ResultMetadata: unknown };
    expect(Object.keys(body)).toEqual(["Parameter", "ResultMetadata"]);
    expect(Object.keys(body.Parameter)).toEqual([
      "ARN",
      "DataType",
      "LastModifiedDate",
      "Name",
      "Selector",
      "SourceResult",
      "Type",
      "Value",
      "Version",
    ]);
    expect(body).toEqual({
      Parameter: {
        ARN: created.ARN,
        DataType: null,
        LastModifiedDate: "2024-03-01T12:00:00.250Z",
        Name: "/aws/reference/secretsmanager/dummy-string-secret",
        Selector: null,
        SourceResult: JSON.stringify({
          ARN: created.ARN,
          name: "dummy-string-secret",
          versionId: created.VersionId,
          secretString: "an-insecure-string-secret-value",
          versionStages: ["AWSCURRENT"],
          createdDate: "Mar 1, 2024, 12:00:00 PM",
        }),
        Type: "SecureString",
        Value: "an-insecure-string-secret-value",
        Version: 0,
      },
      ResultMetadata: {},
    });
  });

  test("the reference path with a label: Selector ':<label>'; a binary secret: Value null, secretBinary as Java's ByteBuffer", async () => {
    await client.send(new CreateSecretCommand({ Name: "bin", SecretBinary: new Uint8Array([97, 200]) }));
    await client.send(new PutSecretValueCommand({ SecretId: "bin", SecretBinary: new Uint8Array([98]) }));
    const res = await get(
      "/systemsmanager/parameters/get?name=%2Faws%2Freference%2Fsecretsmanager%2Fbin&label=AWSPREVIOUS&withDecryption=true",
    );
    const p = (JSON.parse(res.body) as { Parameter: Record<string, unknown> }).Parameter;
    expect(p.Selector).toBe(":AWSPREVIOUS");
    expect(p.Value).toBeNull();
    const source = JSON.parse(p.SourceResult as string) as Record<string, unknown>;
    expect(Object.keys(source)).toEqual(["ARN", "name", "versionId", "secretBinary", "versionStages", "createdDate"]);
    expect(source.secretBinary).toEqual({
      hb: [97, -56],
      offset: 0,
      isReadOnly: false,
      bigEndian: true,
      nativeByteOrder: false,
      mark: -1,
      position: 0,
      limit: 2,
      capacity: 2,
      address: 16,
    });
    expect(source.versionStages).toEqual(["AWSPREVIOUS"]);
  });

  test("other Parameter Store names: answered as a missing parameter, with a log line that Parameter Store is not emulated", async () => {
    const res = await get("/systemsmanager/parameters/get?name=%2Fapp%2Fkey&withDecryption=true");
    expect(res.status).toBe(400);
    expect(res.body).toBe(ERROR_TEXT);
    expect(res.headers["x-secrets-manager-mock-error"]).toMatch(/^ParameterNotFound: /);
    expect(logged.some((l) => l.includes("does not emulate Parameter Store") && l.includes("/app/key"))).toBe(true);
  });

  test("a reference without withDecryption=true: 400 (GetParameter's rule for references)", async () => {
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v" }));
    const res = await get("/systemsmanager/parameters/get?name=%2Faws%2Freference%2Fsecretsmanager%2Fdb");
    expect(res.status).toBe(400);
    expect(res.headers["x-secrets-manager-mock-error"]).toMatch(/^ValidationException: WithDecryption/);
  });
});

describe("its cache (SECRETS_MANAGER_TTL, default 300 s)", () => {
  afterEach(stop);

  test("a value put after a read is seen only once the TTL has passed", async () => {
    await start();
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
    expect(JSON.parse((await get("/secretsmanager/get?secretId=db")).body).SecretString).toBe("v1");
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v2" }));
    clock.advance({ seconds: 299 });
    expect(JSON.parse((await get("/secretsmanager/get?secretId=db")).body).SecretString).toBe("v1");
    clock.advance({ seconds: 1 });
    expect(JSON.parse((await get("/secretsmanager/get?secretId=db")).body).SecretString).toBe("v1");
    clock.advance({ milliseconds: 1 });
    expect(JSON.parse((await get("/secretsmanager/get?secretId=db")).body).SecretString).toBe("v2");
    const [report] = server.sidecarCaches.list();
    expect(report).toMatchObject({ sidecar: "lambda-extension", ttlSeconds: 300, maxEntries: 1000 });
    expect(report.entries).toEqual([
      expect.objectContaining({
        secretId: "db",
        storedAt: clock.now().toISOString(),
        expiresAt: new Date(clock.nowMs() + 300_000).toISOString(),
      }),
    ]);
    expect(JSON.stringify(report)).not.toContain("v2");
  });

  test("errors are not cached: a secret created after a miss is read at once", async () => {
    await start();
    expect((await get("/secretsmanager/get?secretId=late")).status).toBe(400);
    await client.send(new CreateSecretCommand({ Name: "late", SecretString: "here" }));
    expect(JSON.parse((await get("/secretsmanager/get?secretId=late")).body).SecretString).toBe("here");
  });

  test.each([
    ["SECRETS_MANAGER_TTL=0", { SECRETS_MANAGER_TTL: "0" }],
    ["PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED=FALSE", { PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED: "FALSE" }],
    ["PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE=0", { PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE: 0 }],
  ])("%s: nothing is cached", async (_what, settings) => {
    await start(settings);
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
    await get("/secretsmanager/get?secretId=db");
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v2" }));
    expect(JSON.parse((await get("/secretsmanager/get?secretId=db")).body).SecretString).toBe("v2");
    expect(server.sidecarCaches.list()[0].entries).toEqual([]);
  });

  test("SECRETS_MANAGER_TTL=60 expires after 60 s; a value out of 0–300 is refused at start", async () => {
    await start({ SECRETS_MANAGER_TTL: "60" });
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
    await get("/secretsmanager/get?secretId=db");
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v2" }));
    clock.advance({ seconds: 61 });
    expect(JSON.parse((await get("/secretsmanager/get?secretId=db")).body).SecretString).toBe("v2");
    await expect(
      startSecretsManagerServer({ port: 0, lambdaExtensionPort: 0, lambdaExtension: { settings: { SECRETS_MANAGER_TTL: 301 } } }),
    ).rejects.toThrow(/SECRETS_MANAGER_TTL must be a whole number from 0 to 300/);
  });
});

describe("what the extension refuses", () => {
  beforeEach(() => start());
  afterEach(stop);

  test.each([
    ["no token header", {}],
    ["an empty token", { "x-aws-parameters-secrets-token": "" }],
    ["a blank token", { "x-aws-parameters-secrets-token": "   " }],
  ])("%s: the extension's 400 and no secret", async (_what, headers) => {
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "TOPSECRET" }));
    const res = await get("/secretsmanager/get?secretId=db", headers);
    expect(res.status).toBe(400);
    expect(res.body).toBe(ERROR_TEXT);
    expect(res.headers["x-secrets-manager-mock-error"]).toContain("X-Aws-Parameters-Secrets-Token");
  });

  test("with AWS_SESSION_TOKEN set, only that token is accepted", async () => {
    await stop();
    await start({ AWS_SESSION_TOKEN: "the-function-token" });
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v" }));
    expect((await get("/secretsmanager/get?secretId=db")).status).toBe(400);
    expect((await get("/secretsmanager/get?secretId=db", { "x-aws-parameters-secrets-token": "the-function-token" })).status).toBe(200);
  });

  test("another path: Go's 404; another method: 400", async () => {
    const other = await get("/secretsmanager/list");
    expect(other.status).toBe(404);
    expect(other.body).toBe("404 page not found\n");
    const post = await rawRequest(extensionPort, "POST", "/secretsmanager/get?secretId=db", { host: "localhost", ...TOKEN });
    expect(post.status).toBe(400);
    expect(post.body).toBe(ERROR_TEXT);
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
    expect(ok.status).toBe(200);
    expect(corsHeaders(ok.headers)).toEqual([]);
    const preflight = await rawRequest(extensionPort, "OPTIONS", "/secretsmanager/get?secretId=db", {
      host: `localhost:${extensionPort}`,
      origin: "http://evil.example",
      "access-control-request-method": "GET",
      "access-control-request-headers": "x-aws-parameters-secrets-token",
    });
    expect(preflight.status).not.toBe(200);
    expect(corsHeaders(preflight.headers)).toEqual([]);
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

  test("an extension port in use rejects instead of crashing", async () => {
    await expect(startSecretsManagerServer({ port: 0, lambdaExtensionPort: extensionPort })).rejects.toThrow(/EADDRINUSE/);
  });
});

test("without lambdaExtensionPort there is no second listener", async () => {
  const plain = await startSecretsManagerServer({ port: 0 });
  try {
    expect(plain.lambdaExtensionPort).toBeUndefined();
    expect(plain.lambdaExtensionUrl).toBeUndefined();
    expect(plain.sidecarCaches.list()).toEqual([]);
  } finally {
    await plain.close();
  }
});
