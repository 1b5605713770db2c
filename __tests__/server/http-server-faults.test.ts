/**
 * Faults on the local endpoint act on the socket: AWS errors are AWS's HTTP responses, `reset`
 * resets the TCP connection, `hang` holds it until the client gives up, `html-502` is a proxy's
 * page. A real SecretsManagerClient (NodeHttpHandler over real sockets) retries them.
 */
import { request as httpRequest } from "node:http";
import { GetSecretValueCommand, SecretsManagerClient, type SecretsManagerClientConfig } from "@aws-sdk/client-secrets-manager";
import { SecretsStore, startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";
import { failure } from "../helpers/call-failure";
import { corsHeaders, rawRequest } from "../helpers/raw-request";
import { call } from "../wire/wire-client";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };

const servers: SecretsManagerServer[] = [];
async function start(options: Parameters<typeof startSecretsManagerServer>[0] = {}) {
  const store = new SecretsStore({ fixtures: { secrets: { db: { SecretString: "pw" } } } });
  const server = await startSecretsManagerServer({ port: 0, store, ...options });
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function clientOf(server: SecretsManagerServer, config: Partial<SecretsManagerClientConfig> = {}) {
  return new SecretsManagerClient({ region: "us-east-1", endpoint: server.url, credentials, ...config });
}

const get = () => new GetSecretValueCommand({ SecretId: "db" });

jest.setTimeout(30_000);

test("an AWS error is AWS's response; the SDK retries a throttled call and counts the attempts", async () => {
  const server = await start();
  server.failNext("GetSecretValue", { code: "ThrottlingException" });
  const raw = await call(server.url, "GetSecretValue", { SecretId: "db" });
  expect(raw.status).toBe(400);
  expect(raw.headers.get("x-amzn-errortype")).toBe("ThrottlingException");
  expect(raw.json).toEqual({ __type: "ThrottlingException", Message: "Rate exceeded" });
  server.failNext("GetSecretValue", { code: "ThrottlingException" });
  const out = await clientOf(server).send(get());
  expect(out.SecretString).toBe("pw");
  expect(out.$metadata.attempts).toBe(2);
});

test("faults given at start (what serve --fault passes) are in force, and reported with their firings", async () => {
  const server = await start({ faults: [{ operation: "GetSecretValue", code: "InternalServiceError", times: 2 }] });
  const out = await clientOf(server).send(get());
  expect(out.$metadata.attempts).toBe(3);
  expect(server.faults().rules).toEqual([
    { id: 1, rule: { operation: "GetSecretValue", code: "InternalServiceError", times: 2 }, fired: 2, remaining: 0 },
  ]);
});

test("reset destroys the connection: the client reads ECONNRESET, and the SDK retries it", async () => {
  const server = await start();
  server.failNext("GetSecretValue", { network: "reset" });
  const raw = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
    const req = httpRequest(
      `${server.url}/`,
      {
        method: "POST",
        agent: false,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "secretsmanager.GetSecretValue" },
      },
      () => reject(new Error("expected no response")),
    );
    req.on("error", resolve);
    req.end(JSON.stringify({ SecretId: "db" }));
  });
  expect(raw.code).toBe("ECONNRESET");
  server.failNext("GetSecretValue", { network: "reset" });
  const out = await clientOf(server).send(get());
  expect(out.$metadata.attempts).toBe(2);
});

test("html-502 sends a proxy's HTML page; the SDK retries on the 502", async () => {
  const server = await start();
  server.failNext("GetSecretValue", { network: "html-502" });
  const raw = await call(server.url, "GetSecretValue", { SecretId: "db" });
  expect(raw.status).toBe(502);
  expect(raw.headers.get("content-type")).toBe("text/html");
  expect(raw.headers.get("x-amzn-requestid")).toBeNull();
  expect(raw.text).toContain("<h1>502 Bad Gateway</h1>");
  server.addFault({ network: "html-502" });
  const err = await failure(clientOf(server, { maxAttempts: 2 }).send(get()));
  expect(err).toBeInstanceOf(SyntaxError);
  expect(err.$metadata).toMatchObject({ httpStatusCode: 502, attempts: 2 });
});

test("hang holds the connection until NodeHttpHandler's requestTimeout fires; the SDK retries the TimeoutError", async () => {
  const server = await start();
  server.failNext("GetSecretValue", { network: "hang" });
  // Without throwOnRequestTimeout, NodeHttpHandler only logs a warning when requestTimeout passes.
  const client = clientOf(server, { requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true } });
  const out = await client.send(get());
  expect(out.SecretString).toBe("pw");
  expect(out.$metadata.attempts).toBe(2);
  server.addFault({ operation: "GetSecretValue", network: "hang" });
  const err = await failure(client.send(get(), { abortSignal: AbortSignal.timeout(100) }));
  expect(err.name).toBe("AbortError");
});

test("close() cuts connections held by a hang instead of waiting for them", async () => {
  const server = await start({ closeTimeoutMs: 60_000 });
  server.addFault({ network: "hang" });
  const pending = failure(call(server.url, "GetSecretValue", { SecretId: "db" }));
  // The request is held once the fault has fired.
  while (server.faults().rules[0].fired === 0) await new Promise((r) => setImmediate(r));
  await server.close();
  expect((await pending).message).toBe("fetch failed");
});

describe("admin routes /_mock/faults (loopback rules of the other admin routes)", () => {
  const json = { "content-type": "application/json" };

  test("POST adds a rule the next calls meet, GET lists it with its firings, DELETE removes everything", async () => {
    const server = await start();
    const host = { host: `127.0.0.1:${server.port}` };
    const added = await rawRequest(
      server.port,
      "POST",
      "/_mock/faults",
      { ...host, ...json },
      JSON.stringify({ operation: "GetSecretValue", code: "ThrottlingException", times: 2 }),
    );
    expect(added.status).toBe(201);
    expect(JSON.parse(added.body)).toEqual({
      id: 1,
      rule: { operation: "GetSecretValue", code: "ThrottlingException", times: 2 },
      fired: 0,
      remaining: 2,
    });
    expect((await call(server.url, "GetSecretValue", { SecretId: "db" })).json.__type).toBe("ThrottlingException");
    const listed = await rawRequest(server.port, "GET", "/_mock/faults", host);
    expect(JSON.parse(listed.body)).toEqual({
      rules: [{ id: 1, rule: { operation: "GetSecretValue", code: "ThrottlingException", times: 2 }, fired: 1, remaining: 1 }],
      latency: 0,
      throttle: null,
      throttled: 0,
    });
    expect(corsHeaders(listed.headers)).toEqual([]);
    expect((await rawRequest(server.port, "DELETE", "/_mock/faults", host)).status).toBe(200);
    expect(server.faults().rules).toEqual([]);
    expect((await call(server.url, "GetSecretValue", { SecretId: "db" })).status).toBe(200);
  });

  test("an invalid rule is a 400 that says why, and adds nothing", async () => {
    const server = await start();
    const host = { host: `localhost:${server.port}`, ...json };
    for (const [body, message] of [
      ["{not json", "The body is not valid JSON."],
      [JSON.stringify({ operation: "GetSecretValue" }), "a fault rule needs a code, a network fault or latencyMs"],
      [JSON.stringify({ code: "ThrottlingException", probability: 7 }), "probability must be a number in (0, 1]"],
      [JSON.stringify({ code: "ThrottlingException", predicate: "() => true" }), "predicate must be a function"],
      [JSON.stringify([{ code: "ThrottlingException" }]), "a fault rule must be an object"],
    ]) {
      const res = await rawRequest(server.port, "POST", "/_mock/faults", host, body);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ message: `Invalid fault rule: ${message}` });
    }
    const huge = await rawRequest(
      server.port,
      "POST",
      "/_mock/faults",
      host,
      JSON.stringify({ code: "ThrottlingException", message: "x".repeat(20_000) }),
    );
    expect(huge.status).toBe(413);
    expect(server.faults().rules).toEqual([]);
  });

  test("a page of another site can't add or remove faults, nor read them through a rebound name", async () => {
    const server = await start();
    server.failNext("GetSecretValue", { code: "InternalServiceError" });
    const foreign = { host: `127.0.0.1:${server.port}`, origin: "http://evil.example", ...json };
    expect((await rawRequest(server.port, "POST", "/_mock/faults", foreign, JSON.stringify({ network: "hang" }))).status).toBe(403);
    expect((await rawRequest(server.port, "DELETE", "/_mock/faults", foreign)).status).toBe(403);
    expect((await rawRequest(server.port, "GET", "/_mock/faults", { host: `evil.example:${server.port}` })).status).toBe(403);
    expect(server.faults().rules).toHaveLength(1);
    // The server's own origin may.
    const own = { host: `127.0.0.1:${server.port}`, origin: `http://127.0.0.1:${server.port}` };
    expect((await rawRequest(server.port, "DELETE", "/_mock/faults", own)).status).toBe(200);
  });
});
