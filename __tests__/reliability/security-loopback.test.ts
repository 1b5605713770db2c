/**
 * Loopback hardening: the requests a web page open in the developer's browser could send to the
 * local endpoint, and what each gets. DNS rebinding (`Host` is the attacker's name), cross-site
 * "simple" requests (`Origin` is the attacker's site, no preflight), and preflights: none of them
 * reads a secret or changes the store, none gets a CORS header; SDKs, curl and test harnesses
 * (no `Origin`) work as before.
 */
import { CreateSecretCommand, GetSecretValueCommand, ListSecretsCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";
import { corsHeaders, rawRequest } from "../helpers/raw-request";

const VALUE = "TOPSECRET-rebinding-3c1e";
const credentials = { accessKeyId: "test", secretAccessKey: "test" };

let server: SecretsManagerServer;
let client: SecretsManagerClient;
let local: string;

beforeEach(async () => {
  server = await startSecretsManagerServer({ port: 0 });
  client = new SecretsManagerClient({ endpoint: server.url, region: "us-east-1", credentials });
  await client.send(new CreateSecretCommand({ Name: "db", SecretString: VALUE }));
  local = `127.0.0.1:${server.port}`;
});

afterEach(async () => {
  client.destroy();
  await server.close();
});

async function secretNames(): Promise<string[]> {
  const listed = await client.send(new ListSecretsCommand({}));
  return (listed.SecretList ?? []).map((s) => s.Name!);
}

describe("DNS rebinding: a request whose Host is not a loopback name", () => {
  test.each(["evil.example", "evil.example:PORT", "EVIL.example:PORT", "127.0.0.1.evil.example:PORT", "localhost.evil.example"])(
    "GET /_mock/state with Host %s gets 403 and no secret",
    async (host) => {
      const res = await rawRequest(server.port, "GET", "/_mock/state", { host: host.replace("PORT", String(server.port)) });
      expect(res.status).toBe(403);
      expect(res.body).not.toContain(VALUE);
      expect(res.body).not.toContain('"db"');
      expect(res.body).toMatch(/DNS rebinding/);
      expect(corsHeaders(res.headers)).toEqual([]);
    },
  );

  test("a GET /_mock/state without any Host header is refused (Node's HTTP parser answers 400 first)", async () => {
    const res = await rawRequest(server.port, "GET", "/_mock/state", {});
    expect([400, 403]).toContain(res.status);
    expect(res.body).not.toContain(VALUE);
  });

  test("the rebound page's POST /moto-api/reset (Host and Origin both its own name) gets 403 and the store keeps its secret", async () => {
    const attacker = `evil.example:${server.port}`;
    const res = await rawRequest(
      server.port,
      "POST",
      "/moto-api/reset",
      { host: attacker, origin: `http://${attacker}`, "content-type": "text/plain" },
      "x",
    );
    expect(res.status).toBe(403);
    expect(await secretNames()).toEqual(["db"]);
  });

  test("the rebound page's GetSecretValue on the API path (same-origin to the browser) gets 403 and no secret", async () => {
    const attacker = `evil.example:${server.port}`;
    const res = await rawRequest(
      server.port,
      "POST",
      "/",
      {
        host: attacker,
        origin: `http://${attacker}`,
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "secretsmanager.GetSecretValue",
      },
      JSON.stringify({ SecretId: "db" }),
    );
    expect(res.status).toBe(403);
    expect(res.body).not.toContain(VALUE);
    expect(corsHeaders(res.headers)).toEqual([]);
  });

  test.each(["localhost:PORT", "127.0.0.1:PORT", "[::1]:PORT", "LOCALHOST:PORT", "localhost", "[::1]"])(
    "Host %s is answered",
    async (host) => {
      const res = await rawRequest(server.port, "GET", "/_mock/state", { host: host.replace("PORT", String(server.port)) });
      expect(res.status).toBe(200);
      expect(res.body).toContain(VALUE);
    },
  );
});

describe("cross-site requests to mutating routes", () => {
  test("a cross-origin 'simple' POST /moto-api/reset (text/plain, no preflight) gets 403 and changes nothing", async () => {
    const res = await rawRequest(
      server.port,
      "POST",
      "/moto-api/reset",
      { host: local, origin: "http://evil.example", "content-type": "text/plain" },
      "reset",
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/another origin/);
    expect(corsHeaders(res.headers)).toEqual([]);
    expect(await secretNames()).toEqual(["db"]);
    expect((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe(VALUE);
  });

  test.each([
    ["another local dev server", "http://localhost:3000"],
    ["the same host on another port", "http://127.0.0.1:1"],
    ["https on the same host and port", "https://127.0.0.1:PORT"],
    ["a sandboxed frame or file: page", "null"],
    ["garbage", "not a url"],
  ])("Origin from %s gets 403 and changes nothing", async (_what, origin) => {
    const res = await rawRequest(server.port, "POST", "/moto-api/reset", {
      host: local,
      origin: origin.replace("PORT", String(server.port)),
    });
    expect(res.status).toBe(403);
    expect(await secretNames()).toEqual(["db"]);
  });

  test("a same-origin POST /moto-api/reset (a page served by the mock itself) works", async () => {
    const res = await rawRequest(server.port, "POST", "/moto-api/reset", {
      host: `localhost:${server.port}`,
      origin: `http://localhost:${server.port}`,
    });
    expect(res.status).toBe(200);
    expect(await secretNames()).toEqual([]);
  });

  test("a POST /moto-api/reset without Origin (curl, moto test harnesses) works unchanged", async () => {
    const res = await fetch(`${server.url}/moto-api/reset`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(await secretNames()).toEqual([]);
  });

  test("a cross-origin read of /_mock/state carries no CORS header, so the page can't read it", async () => {
    const res = await rawRequest(server.port, "GET", "/_mock/state", { host: local, origin: "http://evil.example" });
    expect(corsHeaders(res.headers)).toEqual([]);
  });
});

describe("no CORS anywhere", () => {
  test.each(["/moto-api/reset", "/_mock/state", "/"])(
    "an OPTIONS preflight to %s gets no CORS header and changes nothing",
    async (path) => {
      const res = await rawRequest(server.port, "OPTIONS", path, {
        host: local,
        origin: "http://evil.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-amz-target",
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(corsHeaders(res.headers)).toEqual([]);
      expect(await secretNames()).toEqual(["db"]);
    },
  );

  test("the API path answers SDK requests (no Origin) as before, whatever their Host, without CORS headers", async () => {
    const res = await rawRequest(
      server.port,
      "POST",
      "/",
      { host: "localstack:4566", "content-type": "application/x-amz-json-1.1", "x-amz-target": "secretsmanager.GetSecretValue" },
      JSON.stringify({ SecretId: "db" }),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).SecretString).toBe(VALUE);
    expect(corsHeaders(res.headers)).toEqual([]);
  });

  test("a same-origin browser request to the API path still works", async () => {
    const res = await rawRequest(
      server.port,
      "POST",
      "/",
      {
        host: local,
        origin: `http://${local}`,
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "secretsmanager.GetSecretValue",
      },
      JSON.stringify({ SecretId: "db" }),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).SecretString).toBe(VALUE);
  });
});

describe("allowHosts", () => {
  test("a name given in allowHosts is answered on any port, case-insensitively; other names still get 403", async () => {
    const other = await startSecretsManagerServer({ port: 0, allowHosts: ["Mock.Test", "host.docker.internal"] });
    try {
      const state = (host: string) => rawRequest(other.port, "GET", "/_mock/state", { host });
      expect((await state(`mock.test:${other.port}`)).status).toBe(200);
      expect((await state("MOCK.TEST")).status).toBe(200);
      expect((await state("host.docker.internal:4566")).status).toBe(200);
      expect((await state(`evil.example:${other.port}`)).status).toBe(403);
      const reset = await rawRequest(other.port, "POST", "/moto-api/reset", {
        host: `mock.test:${other.port}`,
        origin: `http://mock.test:${other.port}`,
      });
      expect(reset.status).toBe(200);
    } finally {
      await other.close();
    }
  });

  test("without allowHosts the same name gets 403", async () => {
    expect((await rawRequest(server.port, "GET", "/_mock/state", { host: `mock.test:${server.port}` })).status).toBe(403);
  });
});
