/**
 * Cloud Extensions' Secrets Manager extension (`cloudExtensionsPort`) as the Systems Manager user
 * guide documents it, and the loopback routes of the sidecars' caches.
 */
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore, startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";
import { corsHeaders, rawRequest, type RawResponse } from "../helpers/raw-request";

const TOKEN = { "x-aws-parameters-secrets-token": "ssrf" };

let server: SecretsManagerServer;
let client: SecretsManagerClient;
let clock: ManualClock;
let port: number;

beforeEach(async () => {
  clock = new ManualClock("2024-03-01T12:00:00Z");
  server = await startSecretsManagerServer({
    port: 0,
    cloudExtensionsPort: 0,
    cloudExtensions: { settings: { ssrfToken: "ssrf" } },
    agentPort: 0,
    lambdaExtensionPort: 0,
    lambdaExtension: { log: () => undefined },
    store: new SecretsStore({ clock, seed: 9 }),
  });
  client = new SecretsManagerClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  port = server.cloudExtensionsPort!;
});

afterEach(async () => {
  client.destroy();
  await server.close();
});

function get(path: string, headers: Record<string, string> = TOKEN, method = "GET"): Promise<RawResponse> {
  return rawRequest(port, method, path, { host: `localhost:${port}`, ...headers });
}

async function value(path: string): Promise<unknown> {
  const res = await get(path);
  expect(res.status).toBe(200);
  return (JSON.parse(res.body) as { SecretString?: string }).SecretString;
}

describe("routes (documented)", () => {
  test("query route, path route (slashes kept, %2F decoded) and the vault route /v1/ answer from one cache", async () => {
    const created = await client.send(new CreateSecretCommand({ Name: "prod/db", SecretString: "v1" }));
    const res = await get("/secretsmanager/get?secretId=prod%2Fdb");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      ARN: created.ARN,
      Name: "prod/db",
      VersionId: created.VersionId,
      SecretString: "v1",
      VersionStages: ["AWSCURRENT"],
      CreatedDate: String(clock.nowMs() / 1000),
    });
    expect(await value("/secretsmanager/prod/db")).toBe("v1");
    expect(await value("/secretsmanager/prod%2Fdb")).toBe("v1");
    expect(await value("/v1/prod/db")).toBe("v1");
    expect(server.sidecarCaches.list().find((r) => r.sidecar === "cloud-extensions")!.entries).toHaveLength(1);
  });

  test("a secret named get needs the query route", async () => {
    await client.send(new CreateSecretCommand({ Name: "get", SecretString: "g" }));
    expect(await value("/secretsmanager/get?secretId=get")).toBe("g");
    const res = await get("/secretsmanager/get");
    expect(res.status).toBe(400);
    expect(res.headers["x-amzn-errortype"]).toBe("BadRequestException");
  });

  test("errors: X-Amzn-Errortype names the type, the body is {message}", async () => {
    const missing = await get("/secretsmanager/get?secretId=nope");
    expect(missing.status).toBe(400);
    expect(missing.headers["x-amzn-errortype"]).toBe("ResourceNotFoundException");
    expect(JSON.parse(missing.body)).toEqual({ message: "Secrets Manager can't find the specified secret." });
    for (const path of [
      "/secretsmanager/get?secretId=a&bogus=1",
      "/secretsmanager/get?secretId=a&refreshNow=maybe",
      "/secretsmanager/a?roleArn=not-a-role",
    ]) {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(res.headers["x-amzn-errortype"]).toBe("BadRequestException");
      expect(Object.keys(JSON.parse(res.body))).toEqual(["message"]);
    }
    const unknown = await get("/ping");
    expect(unknown.status).toBe(400);
    expect(unknown.headers["x-amzn-errortype"]).toBe("ValidationException");
    expect(Object.keys(JSON.parse(unknown.body))).toEqual(["Message"]);
  });

  test("SSRF token: missing or wrong → 403 InvalidSsrfTokenException; X-Vault-Token works; X-Forwarded-For → 400 even with the token", async () => {
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "TOPSECRET" }));
    for (const headers of [{}, { "x-aws-parameters-secrets-token": "wrong" }] as Record<string, string>[]) {
      const res = await get("/secretsmanager/db", headers);
      expect(res.status).toBe(403);
      expect(res.headers["x-amzn-errortype"]).toBe("InvalidSsrfTokenException");
      expect(res.body).not.toContain("TOPSECRET");
    }
    expect(await get("/v1/db", { "x-vault-token": "ssrf" })).toMatchObject({ status: 200 });
    const forwarded = await get("/secretsmanager/db", { ...TOKEN, "x-forwarded-for": "10.1.1.1" });
    expect(forwarded.status).toBe(400);
    expect(forwarded.headers["x-amzn-errortype"]).toBe("BadRequestException");
  });

  test("roleArn reads as the role's account (mock's choice for role chaining)", async () => {
    // Another account's endpoint on the same store creates the secret there.
    const otherAccount = await startSecretsManagerServer({ port: 0, store: server.store, accountId: "111122223333" });
    const other = new SecretsManagerClient({
      endpoint: otherAccount.url,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    try {
      await other.send(new CreateSecretCommand({ Name: "shared", SecretString: "cross" }));
    } finally {
      other.destroy();
      await otherAccount.close();
    }
    expect(await value("/secretsmanager/shared?roleArn=arn:aws:iam::111122223333:role/reader")).toBe("cross");
    expect((await get("/secretsmanager/shared")).status).toBe(400);
  });
});

describe("cache (documented: DescribeSecret after the TTL; refreshNow)", () => {
  test("a put is seen after the TTL; refreshNow=true sees it at once", async () => {
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
    expect(await value("/secretsmanager/db")).toBe("v1");
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v2" }));
    expect(await value("/secretsmanager/db")).toBe("v1");
    clock.advance({ seconds: 301 });
    expect(await value("/secretsmanager/db")).toBe("v2");
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v3" }));
    expect(await value("/secretsmanager/db?refreshNow=TRUE")).toBe("v3");
  });
});

describe("the caches' loopback routes", () => {
  test("GET /_mock/sidecars lists each sidecar's entries without values; POST /_mock/sidecars/clear-caches empties them", async () => {
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "TOPSECRET" }));
    await get("/secretsmanager/db");
    await rawRequest(server.agentPort!, "GET", "/v1/db", { host: "localhost", "x-vault-token": "t" });
    const host = { host: `localhost:${server.port}` };
    const listed = await rawRequest(server.port, "GET", "/_mock/sidecars", host);
    expect(listed.status).toBe(200);
    expect(listed.body).not.toContain("TOPSECRET");
    const reports = (JSON.parse(listed.body) as { sidecars: { sidecar: string; entries: unknown[] }[] }).sidecars;
    expect(reports.map((r) => [r.sidecar, r.entries.length])).toEqual([
      ["lambda-extension", 0],
      ["agent", 1],
      ["cloud-extensions", 1],
    ]);
    const cleared = await rawRequest(server.port, "POST", "/_mock/sidecars/clear-caches", host);
    expect(cleared.status).toBe(200);
    expect(server.sidecarCaches.list().every((r) => r.entries.length === 0)).toBe(true);
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v2" }));
    expect(await value("/secretsmanager/db")).toBe("v2");
    server.sidecarCaches.clear();
    expect(server.sidecarCaches.list().every((r) => r.entries.length === 0)).toBe(true);
  });

  test("they pass the loopback guard: foreign Host → 403; foreign Origin may not clear; no CORS headers", async () => {
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v" }));
    await get("/secretsmanager/db");
    const rebound = await rawRequest(server.port, "GET", "/_mock/sidecars", { host: "evil.example" });
    expect(rebound.status).toBe(403);
    const crossSite = await rawRequest(server.port, "POST", "/_mock/sidecars/clear-caches", {
      host: `localhost:${server.port}`,
      origin: "http://evil.example",
    });
    expect(crossSite.status).toBe(403);
    expect(server.sidecarCaches.list().find((r) => r.sidecar === "cloud-extensions")!.entries).toHaveLength(1);
    const ok = await rawRequest(server.port, "GET", "/_mock/sidecars", { host: "127.0.0.1", origin: "http://evil.example" });
    expect(corsHeaders(ok.headers)).toEqual([]);
    const sidecarRebound = await rawRequest(port, "GET", "/secretsmanager/db", { host: "evil.example", ...TOKEN });
    expect(sidecarRebound.status).toBe(403);
  });
});
