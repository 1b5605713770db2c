/**
 * The local endpoint: SDK clients pointed at it with `endpoint`, the loopback-only admin routes,
 * concurrency, keep-alive, graceful close and stalled-connection timeouts.
 */
import { connect } from "node:net";
import { Agent, request as httpRequest } from "node:http";
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore, startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";
import { failure } from "../helpers/call-failure";
import { call, token } from "../wire/wire-client";

const T0 = new Date("2024-01-01T00:00:00Z");
const credentials = { accessKeyId: "test", secretAccessKey: "test" };

const servers: SecretsManagerServer[] = [];
async function start(options: Parameters<typeof startSecretsManagerServer>[0] = {}) {
  const server = await startSecretsManagerServer({ port: 0, ...options });
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("SDK clients pointed at the endpoint", () => {
  test("a SecretsManagerClient with `endpoint` works end to end, errors are the SDK's classes", async () => {
    const server = await start({ store: new SecretsStore({ clock: new ManualClock(T0), seed: 1 }) });
    const client = new SecretsManagerClient({ endpoint: server.url, region: "us-east-1", credentials });
    const created = await client.send(new CreateSecretCommand({ Name: "db", SecretString: "s3cr3t" }));
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:db-[A-Za-z0-9]{6}$/);
    expect(created.$metadata.httpStatusCode).toBe(200);
    const got = await client.send(new GetSecretValueCommand({ SecretId: "db" }));
    expect(got.SecretString).toBe("s3cr3t");
    expect(got.CreatedDate).toEqual(T0);
    expect(got.VersionId).toBe(created.VersionId);
    const err = await failure(client.send(new DescribeSecretCommand({ SecretId: "nope" })));
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.$metadata.httpStatusCode).toBe(400);
    client.destroy();
  });

  test("clients in two regions see different secrets", async () => {
    const server = await start();
    const west = new SecretsManagerClient({ endpoint: server.url, region: "us-west-2", credentials });
    const east = new SecretsManagerClient({ endpoint: server.url, region: "eu-central-1", credentials });
    await west.send(new CreateSecretCommand({ Name: "db", SecretString: "west" }));
    expect(await failure(east.send(new GetSecretValueCommand({ SecretId: "db" })))).toBeInstanceOf(ResourceNotFoundException);
    await east.send(new CreateSecretCommand({ Name: "db", SecretString: "east" }));
    expect((await west.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("west");
    expect((await east.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("east");
    expect(server.store.partition(server.store.accountId, "us-west-2")?.secrets.size).toBe(1);
    west.destroy();
    east.destroy();
  });

  test("the server's region is the default for unsigned requests and a fresh store is created in it", async () => {
    const server = await start({ region: "ap-southeast-2" });
    expect(server.store.region).toBe("ap-southeast-2");
    const res = await call(server.url, "CreateSecret", { Name: "db", ClientRequestToken: token(1) });
    expect(res.json.ARN).toContain(":ap-southeast-2:");
  });

  test("concurrent writes are atomic: 40 parallel PutSecretValue calls make 40 versions, one AWSCURRENT", async () => {
    const server = await start();
    const client = new SecretsManagerClient({ endpoint: server.url, region: "us-east-1", credentials });
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v0" }));
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: `v${i + 1}` }))),
    );
    const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
    const stages = Object.values(d.VersionIdsToStages ?? {});
    expect(stages.filter((s) => s.includes("AWSCURRENT"))).toHaveLength(1);
    expect(stages.filter((s) => s.includes("AWSPREVIOUS"))).toHaveLength(1);
    expect(server.store.getSecret(server.store.accountId, "us-east-1", "db")!.versions.size).toBe(41);
    client.destroy();
  });
});

describe("admin routes (loopback only)", () => {
  test("POST /moto-api/reset puts an empty store back to empty", async () => {
    const server = await start();
    await call(server.url, "CreateSecret", { Name: "db", ClientRequestToken: token(1) });
    const res = await fetch(`${server.url}/moto-api/reset`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect((await call(server.url, "DescribeSecret", { SecretId: "db" })).json.__type).toBe("ResourceNotFoundException");
  });

  test("POST /moto-api/reset goes back to the store's fixtures", async () => {
    const store = new SecretsStore({ fixtures: { secrets: { seeded: { SecretString: "fixture" } } } });
    const server = await start({ store });
    await call(server.url, "CreateSecret", { Name: "extra", ClientRequestToken: token(1) });
    await call(server.url, "PutSecretValue", { SecretId: "seeded", SecretString: "changed", ClientRequestToken: token(2) });
    expect((await fetch(`${server.url}/moto-api/reset`, { method: "POST" })).status).toBe(200);
    expect((await call(server.url, "GetSecretValue", { SecretId: "seeded" })).json.SecretString).toBe("fixture");
    expect((await call(server.url, "DescribeSecret", { SecretId: "extra" })).json.__type).toBe("ResourceNotFoundException");
  });

  test("GET /_mock/state returns the store's exportState() as JSON", async () => {
    const server = await start({ store: new SecretsStore({ clock: new ManualClock(T0) }) });
    await call(server.url, "CreateSecret", { Name: "db", ClientRequestToken: token(1), SecretString: "v" }, { region: "us-west-2" });
    const res = await fetch(`${server.url}/_mock/state`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const text = await res.text();
    expect(text).toContain('"db"');
    expect(text).toContain("us-west-2");
    expect(text).toContain(token(1));
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(server.store.exportState())));
  });

  test("GET /_mock/state writes dates as epoch seconds and bytes as base64, like the wire", async () => {
    const store = new SecretsStore();
    Object.assign(store, { exportState: () => ({ version: 1, when: new Date(1_000), bytes: new Uint8Array([255]) }) });
    const server = await start({ store });
    expect(await (await fetch(`${server.url}/_mock/state`)).json()).toEqual({ version: 1, when: 1, bytes: "/w==" });
  });

  test("bound to a non-loopback address, the admin routes don't exist", async () => {
    const server = await start({ host: "0.0.0.0" });
    const local = server.url.replace("0.0.0.0", "127.0.0.1");
    await call(local, "CreateSecret", { Name: "db", ClientRequestToken: token(1) });
    const res = await fetch(`${local}/moto-api/reset`, { method: "POST" });
    expect(res.status).toBe(404);
    expect((await call(local, "DescribeSecret", { SecretId: "db" })).json.Name).toBe("db");
    expect((await fetch(`${local}/_mock/state`)).status).toBe(404);
  });
});

describe("connections", () => {
  test("keep-alive: one socket serves several requests", async () => {
    const server = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(
          `${server.url}/`,
          {
            method: "POST",
            agent,
            headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "secretsmanager.DescribeSecret" },
          },
          (res) => {
            sockets.add(res.socket);
            expect(res.headers.connection).toBe("keep-alive");
            res.resume();
            res.on("end", resolve);
          },
        );
        req.on("error", reject);
        req.end('{"SecretId":"x"}');
      });
    }
    expect(sockets.size).toBe(1);
    agent.destroy();
  });

  test("close() lets an in-flight request finish, then stops", async () => {
    const server = await start();
    let closed = false;
    const req = httpRequest(`${server.url}/`, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "secretsmanager.CreateSecret" },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on("response", (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
    });
    req.write(`{"Name":"db","ClientRequestToken":"${token(1)}",`);
    await new Promise((r) => setTimeout(r, 20));
    const closing = server.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    req.end('"SecretString":"v"}');
    await closing;
    const res = await response;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).Name).toBe("db");
    await server.close();
    expect(closed).toBe(true);
    await expect(fetch(`${server.url}/`, { method: "POST" })).rejects.toThrow();
  });

  test("a connection that stalls while sending headers is closed by the server", async () => {
    const server = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400 });
    const { port } = server;
    const started = Date.now();
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => socket.write("POST / HTTP/1.1\r\nHost: x\r\n"));
      let data = "";
      socket.on("data", (c) => (data += c.toString()));
      socket.on("close", () => resolve(data));
      socket.on("error", () => undefined);
    });
    expect(outcome === "" || outcome.startsWith("HTTP/1.1 408")).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test("a request whose body never completes is timed out", async () => {
    const server = await start({ headersTimeoutMs: 200, requestTimeoutMs: 300 });
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(server.port, "127.0.0.1", () =>
        socket.write(
          "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: secretsmanager.ListSecrets\r\nContent-Length: 100\r\n\r\n{",
        ),
      );
      let data = "";
      socket.on("data", (c) => (data += c.toString()));
      socket.on("close", () => resolve(data));
      socket.on("error", () => undefined);
    });
    expect(outcome === "" || outcome.startsWith("HTTP/1.1 408")).toBe(true);
    expect(server.store.revision).toBe(0);
  });

  test("a port in use rejects instead of crashing", async () => {
    const first = await start();
    await expect(startSecretsManagerServer({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
