/**
 * The Secrets Manager Agent listener (`agentPort`), driven over HTTP and compared with what the
 * Agent's source (aws/aws-secretsmanager-agent, 4b1852d) answers: check order, token rules,
 * bodies, errors, and its cache (DescribeSecret revalidation, refreshNow) on a ManualClock.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore, startSecretsManagerServer, type SecretsManagerServer, type AgentOptions } from "secrets-manager-mock";
import { agentCreatedDate } from "../../src/sidecars/agent";
import { corsHeaders, rawRequest, type RawResponse } from "../helpers/raw-request";

const T0 = new Date("2024-03-01T12:00:00.046Z");
const TOKEN = { "x-aws-parameters-secrets-token": "agent-token" };

let server: SecretsManagerServer;
let client: SecretsManagerClient;
let clock: ManualClock;
let port: number;

async function start(agent: AgentOptions = { env: { AWS_TOKEN: "agent-token" } }): Promise<void> {
  clock = new ManualClock(T0);
  server = await startSecretsManagerServer({ port: 0, agentPort: 0, agent, store: new SecretsStore({ clock, seed: 5 }) });
  client = new SecretsManagerClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  port = server.agentPort!;
}

afterEach(async () => {
  client.destroy();
  await server.close();
});

function get(path: string, headers: Record<string, string> = TOKEN, method = "GET"): Promise<RawResponse> {
  return rawRequest(port, method, path, { host: `localhost:${port}`, ...headers });
}

async function value(path: string): Promise<string | undefined> {
  const res = await get(path);
  expect(res.status).toBe(200);
  return (JSON.parse(res.body) as { SecretString?: string }).SecretString;
}

describe("bodies (output.rs) and errors (cache_manager.rs, utils.rs)", () => {
  beforeEach(() => start());

  test("/secretsmanager/get: ARN, Name, VersionId, SecretString, VersionStages, CreatedDate as epoch seconds in a string; no Content-Type", async () => {
    const created = await client.send(new CreateSecretCommand({ Name: "prod/db", SecretString: "hunter2" }));
    const res = await get("/secretsmanager/get?secretId=prod%2Fdb");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBeUndefined();
    expect(res.body).toBe(
      `{"ARN":"${created.ARN}","Name":"prod/db","VersionId":"${created.VersionId}","SecretString":"hunter2","VersionStages":["AWSCURRENT"],"CreatedDate":"1709294400.046"}`,
    );
    expect(server.agentUrl).toBe(`http://127.0.0.1:${port}`);
  });

  test("a binary secret: SecretBinary in base64 and no SecretString member", async () => {
    await client.send(new CreateSecretCommand({ Name: "bin", SecretBinary: new Uint8Array([0, 255, 1]) }));
    const body = JSON.parse((await get("/secretsmanager/get?secretId=bin")).body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["ARN", "Name", "VersionId", "SecretBinary", "VersionStages", "CreatedDate"]);
    expect(body.SecretBinary).toBe("AP8B");
  });

  test("/v1/<secretId> keeps slashes; versionStage and versionId pick a version", async () => {
    const first = await client.send(new CreateSecretCommand({ Name: "app/db", SecretString: "v1" }));
    await client.send(new PutSecretValueCommand({ SecretId: "app/db", SecretString: "v2" }));
    expect(await value("/v1/app/db")).toBe("v2");
    expect(await value("/v1/app/db?versionStage=AWSPREVIOUS")).toBe("v1");
    expect(await value(`/secretsmanager/get?secretId=app/db&versionId=${first.VersionId}`)).toBe("v1");
    // The path form takes the id as it is on the wire: %2F is not decoded (parse.rs uses url.path()).
    expect((await get("/v1/app%2Fdb")).status).toBe(400);
  });

  test("a Secrets Manager error keeps its status, with the Agent's body", async () => {
    const res = await get("/secretsmanager/get?secretId=missing");
    expect(res.status).toBe(400);
    expect(res.body).toBe(`{"__type":"ResourceNotFoundException", "message":"Secrets Manager can't find the specified secret."}`);
    await client.send(new CreateSecretCommand({ Name: "gone", SecretString: "x" }));
    await client.send(new DeleteSecretCommand({ SecretId: "gone" }));
    const deleted = await get("/secretsmanager/get?secretId=gone");
    expect(deleted.status).toBe(400);
    expect(JSON.parse(deleted.body)).toMatchObject({ __type: "InvalidRequestException" });
  });

  test.each([
    ["/secretsmanager/get", 400, "missing parameter secretId"],
    ["/secretsmanager/get?secretId=", 400, "missing parameter secretId"],
    ["/secretsmanager/get?secretId=a&abc=123", 400, "unknown parameter: abc"],
    ["/secretsmanager/get?abc=1&refreshNow=nope", 400, "unknown parameter: abc"],
    ["/secretsmanager/get?refreshNow=nope&abc=1", 400, "invalid refreshNow value"],
    ["/v1/", 400, "missing secret ID"],
    ["/v1/x?secretId=y", 400, "unknown parameter: secretId"],
    ["/secretsmanager/list", 404, "Not found"],
    ["/", 404, "Not found"],
  ])("%s → %d %s (parse.rs, server.rs)", async (path, status, text) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.body).toBe(text);
  });

  test("refreshNow accepts true/false/1/0 in any case", async () => {
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v" }));
    for (const v of ["TRUE", "False", "1", "0"]) expect((await get(`/secretsmanager/get?secretId=db&refreshNow=${v}`)).status).toBe(200);
  });
});

describe("check order and tokens (server.rs, config.rs, utils.rs)", () => {
  test("/ping answers healthy without a token; X-Forwarded-For → 400 Forwarded before the token; bad token → 403; then the method → 405", async () => {
    await start();
    expect(await get("/ping", {})).toMatchObject({ status: 200, body: "healthy" });
    expect(await get("/secretsmanager/get?secretId=x", { "x-forwarded-for": "10.0.0.1" })).toMatchObject({
      status: 400,
      body: "Forwarded",
    });
    expect(await get("/secretsmanager/get?secretId=x", { "x-aws-parameters-secrets-token": "wrong" })).toMatchObject({
      status: 403,
      body: "Bad Token",
    });
    expect(await get("/nowhere", {})).toMatchObject({ status: 403, body: "Bad Token" });
    expect(await get("/secretsmanager/get?secretId=x", TOKEN, "POST")).toMatchObject({ status: 405, body: "Not allowed" });
    expect(await get("/ping", {}, "POST")).toMatchObject({ status: 405, body: "Not allowed" });
    expect(await get("/nowhere", { "x-vault-token": "agent-token" })).toMatchObject({ status: 404, body: "Not found" });
  });

  test("the token is the first of AWS_TOKEN, AWS_SESSION_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN that is set; file:// reads the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "agent-token-"));
    try {
      writeFileSync(join(dir, "token"), "from-file\n");
      await start({ env: { AWS_SESSION_TOKEN: `file://${join(dir, "token")}`, AWS_CONTAINER_AUTHORIZATION_TOKEN: "later" } });
      expect((await get("/v1/x", { "x-aws-parameters-secrets-token": "later" })).status).toBe(403);
      expect((await get("/v1/x", { "x-aws-parameters-secrets-token": "from-file" })).status).toBe(400);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("no token variable set: any non-empty token is accepted, an empty one is not (mock's choice)", async () => {
    await start({});
    expect((await get("/v1/x", { "x-vault-token": "anything" })).status).toBe(400);
    expect((await get("/v1/x", { "x-vault-token": "" })).status).toBe(403);
  });

  test("configuration out of range is refused at start with the Agent's message", async () => {
    await start();
    await expect(startSecretsManagerServer({ port: 0, agentPort: 0, agent: { config: { ttl_seconds: 3601 } } })).rejects.toThrow(
      "The TTL in seconds must be in the range 0 to 3600.",
    );
    await expect(startSecretsManagerServer({ port: 0, agentPort: 0, agent: { config: { cache_size: 0 } } })).rejects.toThrow(
      "The cache size must be in the range 1 to 1000.",
    );
  });

  test("loopback guard: another Host gets 403 even with the token; no CORS headers", async () => {
    await start();
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "TOPSECRET" }));
    const rebound = await rawRequest(port, "GET", "/v1/db", { host: `evil.example:${port}`, ...TOKEN });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain("TOPSECRET");
    const ok = await get("/v1/db", { ...TOKEN, origin: "http://evil.example" });
    expect(ok.status).toBe(200);
    expect(corsHeaders(ok.headers)).toEqual([]);
  });
});

describe("its cache (aws_secretsmanager_caching)", () => {
  test("a put is seen after the TTL: the expired entry is checked with DescribeSecret and fetched anew", async () => {
    await start();
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
    expect(await value("/v1/db")).toBe("v1");
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v2" }));
    clock.advance({ seconds: 300 });
    expect(await value("/v1/db")).toBe("v1");
    clock.advance({ milliseconds: 1 });
    expect(await value("/v1/db")).toBe("v2");
  });

  test("an expired entry whose version is still current is served again and its TTL restarts", async () => {
    await start();
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
    await value("/v1/db");
    clock.advance({ seconds: 301 });
    expect(await value("/v1/db")).toBe("v1");
    const [report] = server.sidecarCaches.list();
    expect(report.entries[0].storedAt).toBe(clock.now().toISOString());
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v2" }));
    clock.advance({ seconds: 200 });
    expect(await value("/v1/db")).toBe("v1");
  });

  test("rotation between reads: the old value until the TTL passes; refreshNow=true sees it at once and restarts the TTL", async () => {
    await start();
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
    await value("/secretsmanager/get?secretId=db");
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v2" }));
    expect(await value("/secretsmanager/get?secretId=db")).toBe("v1");
    expect(await value("/secretsmanager/get?secretId=db&refreshNow=true")).toBe("v2");
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v3" }));
    expect(await value("/secretsmanager/get?secretId=db")).toBe("v2");
  });

  test("the key is the request as given: name and ARN are cached apart; errors are never cached", async () => {
    await start();
    const created = await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
    await value("/secretsmanager/get?secretId=db");
    await value(`/secretsmanager/get?secretId=${encodeURIComponent(created.ARN!)}`);
    expect(server.sidecarCaches.list()[0].entries.map((e) => e.secretId)).toEqual(["db", created.ARN]);
    expect((await get("/secretsmanager/get?secretId=late")).status).toBe(400);
    await client.send(new CreateSecretCommand({ Name: "late", SecretString: "now" }));
    expect(await value("/secretsmanager/get?secretId=late")).toBe("now");
  });

  test("a versionStage entry: moving the label away makes the DescribeSecret check fail and the value is fetched anew", async () => {
    await start();
    const first = await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
    const second = await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v2" }));
    expect(await value("/v1/db?versionStage=AWSPREVIOUS")).toBe("v1");
    await client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: "db",
        VersionStage: "AWSCURRENT",
        MoveToVersionId: first.VersionId,
        RemoveFromVersionId: second.VersionId,
      }),
    );
    clock.advance({ seconds: 301 });
    expect(await value("/v1/db?versionStage=AWSPREVIOUS")).toBe("v2");
  });

  test("cache_size 1: the least recently stored entry goes", async () => {
    await start({ config: { cache_size: 1 }, env: { AWS_TOKEN: "agent-token" } });
    await client.send(new CreateSecretCommand({ Name: "a", SecretString: "1" }));
    await client.send(new CreateSecretCommand({ Name: "b", SecretString: "2" }));
    await value("/v1/a");
    await value("/v1/b");
    expect(server.sidecarCaches.list()[0].entries.map((e) => e.secretId)).toEqual(["b"]);
  });

  test("store.reset() and a snapshot revert drop what the cache holds: a lost value is never served", async () => {
    await start();
    const before = server.store.snapshot();
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
    expect(await value("/v1/db")).toBe("v1");
    server.store.revert(before);
    expect((await get("/v1/db")).status).toBe(400);
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "again" }));
    expect(await value("/v1/db")).toBe("again");
    server.store.reset();
    expect((await get("/v1/db")).status).toBe(400);
  });

  test("ttl_seconds 0: every read is checked with DescribeSecret", async () => {
    await start({ config: { ttl_seconds: 0 }, env: { AWS_TOKEN: "agent-token" } });
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
    await value("/v1/db");
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "v2" }));
    expect(await value("/v1/db")).toBe("v2");
  });
});

test("rotation through RotateSecret is seen through the Agent once the TTL has passed", async () => {
  await start();
  await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v1" }));
  server.store.registerRotationFunction("arn:aws:lambda:us-east-1:123456789012:function:rotate", async (event, { client: own }) => {
    if (event.Step === "createSecret") {
      await own.send(
        new PutSecretValueCommand({
          SecretId: event.SecretId,
          ClientRequestToken: event.ClientRequestToken,
          SecretString: "rotated",
          VersionStages: ["AWSPENDING"],
        }),
      );
    } else if (event.Step === "finishSecret") {
      const described = await own.send(new DescribeSecretCommand({ SecretId: event.SecretId }));
      const current = Object.entries(described.VersionIdsToStages ?? {}).find(([, stages]) => stages.includes("AWSCURRENT"))?.[0];
      await own.send(
        new UpdateSecretVersionStageCommand({
          SecretId: event.SecretId,
          VersionStage: "AWSCURRENT",
          MoveToVersionId: event.ClientRequestToken,
          ...(current !== undefined && { RemoveFromVersionId: current }),
        }),
      );
    }
  });
  expect(await value("/v1/db")).toBe("v1");
  await client.send(
    new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: "arn:aws:lambda:us-east-1:123456789012:function:rotate" }),
  );
  expect(await value("/v1/db")).toBe("v1");
  clock.advance({ minutes: 6 });
  expect(await value("/v1/db")).toBe("rotated");
});

test("CreatedDate is Rust's f64 text of secs + nanos / 1e9", () => {
  expect(agentCreatedDate(1569534789046)).toBe("1569534789.046");
  expect(agentCreatedDate(1569534789000)).toBe("1569534789");
  expect(agentCreatedDate(1569534789500)).toBe("1569534789.5");
});
