/**
 * The console's routes without a browser: security headers, the action token, the live event
 * stream, redaction in the call feed, the clock and export routes, and where the console is served.
 */
import { request as httpRequest } from "node:http";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore, startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";
import { corsHeaders, rawRequest } from "../helpers/raw-request";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const T0 = new Date("2024-01-01T00:00:00Z");

const servers: SecretsManagerServer[] = [];
async function start(options: Parameters<typeof startSecretsManagerServer>[0] = {}) {
  const server = await startSecretsManagerServer({ port: 0, ...options });
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function pageToken(server: SecretsManagerServer): Promise<string> {
  const html = await (await fetch(server.consoleUrl!)).text();
  const token = /<meta name="console-token" content="([A-Za-z0-9_-]+)" data-header="x-secrets-manager-mock-token">/.exec(html)![1];
  expect(token).toBe(server.consoleToken);
  return token;
}

function awsAction(server: SecretsManagerServer, operation: string, input: object, headers: Record<string, string>) {
  return fetch(`${server.consoleUrl}api/aws?accountId=123456789012&region=us-east-1`, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `secretsmanager.${operation}`, ...headers },
    body: JSON.stringify(input),
  });
}

describe("the page and its headers", () => {
  test("every console response forbids inline script, framing and sniffing, and has no CORS header", async () => {
    const server = await start();
    expect(server.consoleUrl).toBe(`${server.url}/_mock/console/`);
    for (const path of ["", "console.js", "console.css", "favicon.svg", "api/info", "api/calls", "api/export"]) {
      const res = await fetch(server.consoleUrl! + path, { headers: { origin: "http://evil.example" } });
      expect(res.status).toBe(200);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect([...res.headers.keys()].filter((h) => h.startsWith("access-control-"))).toEqual([]);
      await res.arrayBuffer();
    }
  });

  test("/_mock/console redirects to the console; the script is JavaScript; unknown console paths are 404", async () => {
    const server = await start();
    const redirect = await fetch(`${server.url}/_mock/console`, { redirect: "manual" });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get("location")).toBe("/_mock/console/");
    const script = await fetch(`${server.consoleUrl}console.js`);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await script.text()).toContain("api/events");
    expect((await fetch(`${server.consoleUrl}nothing-here`)).status).toBe(404);
  });

  test("a server bound to a non-loopback address serves no console", async () => {
    const server = await start({ host: "0.0.0.0" });
    expect(server.consoleUrl).toBeUndefined();
    const res = await fetch(`http://127.0.0.1:${server.port}/_mock/console/`);
    expect(res.status).not.toBe(200);
  });

  test("console: false leaves it out", async () => {
    const server = await start({ console: false });
    expect(server.consoleUrl).toBeUndefined();
  });
});

describe("actions", () => {
  test("an action without the page's token, or with another one, is refused and changes nothing", async () => {
    const store = new SecretsStore();
    const server = await start({ store });
    const create = { Name: "x", SecretString: "v", ClientRequestToken: "00000000-0000-4000-8000-000000000001" };
    const forged: Record<string, string>[] = [
      {},
      { "x-secrets-manager-mock-token": "0".repeat(43) },
      { "x-secrets-manager-mock-token": "short" },
    ];
    for (const headers of forged) {
      const res = await awsAction(server, "CreateSecret", create, headers);
      expect(res.status).toBe(403);
    }
    for (const path of ["reset", "clock"]) {
      expect((await fetch(`${server.consoleUrl}api/${path}`, { method: "POST", body: "{}" })).status).toBe(403);
    }
    expect(store.exportState().partitions).toEqual([]);
  });

  test("with the token, an action is answered like the API: output, or the AWS error and nothing changed", async () => {
    const store = new SecretsStore();
    const server = await start({ store });
    const headers = { "x-secrets-manager-mock-token": await pageToken(server) };
    const ok = await awsAction(
      server,
      "CreateSecret",
      { Name: "x", SecretString: "v", ClientRequestToken: "00000000-0000-4000-8000-000000000001" },
      headers,
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ Name: "x", VersionId: "00000000-0000-4000-8000-000000000001" });
    const before = JSON.stringify(store.exportState());
    const dup = await awsAction(
      server,
      "CreateSecret",
      { Name: "x", SecretString: "w", ClientRequestToken: "00000000-0000-4000-8000-000000000002" },
      headers,
    );
    expect(dup.status).toBe(400);
    expect(await dup.json()).toEqual({
      __type: "ResourceExistsException",
      Message: "The operation failed because the secret x already exists.",
    });
    expect(JSON.stringify(store.exportState())).toBe(before);
  });

  test("what another site's page can send is refused and changes nothing: the token with a foreign Origin, or a rebound Host", async () => {
    const store = new SecretsStore();
    const server = await start({ store });
    const token = await pageToken(server);
    const port = server.port;
    const action = (headers: Record<string, string>, path = "api/aws?accountId=123456789012&region=us-east-1") =>
      rawRequest(
        port,
        "POST",
        `/_mock/console/${path}`,
        {
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": "secretsmanager.CreateSecret",
          "x-secrets-manager-mock-token": token,
          ...headers,
        },
        JSON.stringify({ Name: "x", SecretString: "v", ClientRequestToken: "00000000-0000-4000-8000-000000000001" }),
      );
    // A page on another origin (it could only know the token by reading the console, which it can't).
    expect((await action({ host: `127.0.0.1:${port}`, origin: "http://evil.example" })).status).toBe(403);
    expect((await action({ host: `127.0.0.1:${port}`, origin: "null" }, "api/reset")).status).toBe(403);
    // A DNS-rebinding page: same origin as far as the browser knows, but Host names its site.
    expect((await action({ host: `evil.example:${port}`, origin: `http://evil.example:${port}` })).status).toBe(403);
    const pageRead = await rawRequest(port, "GET", "/_mock/console/", { host: `evil.example:${port}` });
    expect(pageRead.status).toBe(403);
    expect(pageRead.body).not.toContain(token);
    for (const path of ["api/export", "api/calls", "api/events", "console.js"]) {
      const read = await rawRequest(port, "GET", `/_mock/console/${path}`, { host: `rebound.example:${port}` });
      expect(read.status).toBe(403);
      expect(corsHeaders(read.headers)).toEqual([]);
    }
    expect(store.exportState().partitions).toEqual([]);
    // The console's own page (same origin, its token) gets through.
    expect((await action({ host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect(store.exportState().partitions[0].secrets.map((s) => s.name)).toEqual(["x"]);
  });

  test("the account and region of an action must look like ones", async () => {
    const server = await start();
    const headers = { "x-secrets-manager-mock-token": await pageToken(server) };
    const res = await fetch(`${server.consoleUrl}api/aws?accountId=123456789012&region=../../etc`, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "secretsmanager.ListSecrets", ...headers },
      body: "{}",
    });
    expect(res.status).toBe(400);
    expect((await res.json()).__type).toBe("InvalidParameterException");
  });

  test("the clock moves on a ManualClock store only, by a non-negative amount", async () => {
    const clock = new ManualClock(T0);
    const manual = await start({ store: new SecretsStore({ clock }) });
    const headers = { "x-secrets-manager-mock-token": await pageToken(manual), "content-type": "application/json" };
    const moved = await fetch(`${manual.consoleUrl}api/clock`, { method: "POST", headers, body: JSON.stringify({ days: 2, hours: 1 }) });
    expect(await moved.json()).toEqual({ now: "2024-01-03T01:00:00.000Z" });
    const back = await fetch(`${manual.consoleUrl}api/clock`, { method: "POST", headers, body: JSON.stringify({ days: -1 }) });
    expect(back.status).toBe(400);
    expect(clock.now()).toEqual(new Date("2024-01-03T01:00:00.000Z"));

    const real = await start();
    const refused = await fetch(`${real.consoleUrl}api/clock`, {
      method: "POST",
      headers: { "x-secrets-manager-mock-token": await pageToken(real) },
      body: JSON.stringify({ days: 1 }),
    });
    expect(refused.status).toBe(409);
  });

  test("export downloads the state document; reset goes back to the fixtures", async () => {
    const store = new SecretsStore({ fixtures: { secrets: { seeded: { SecretString: "s" } } } });
    const server = await start({ store });
    const client = new SecretsManagerClient({ endpoint: server.url, region: "us-east-1", credentials });
    await client.send(new CreateSecretCommand({ Name: "extra", SecretString: "e" }));
    const exported = await fetch(`${server.consoleUrl}api/export`);
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="secrets-manager-mock-state.json"');
    const doc = await exported.json();
    expect(doc.formatVersion).toBe(1);
    expect(doc.partitions[0].secrets.map((s: { name: string }) => s.name)).toEqual(["seeded", "extra"]);
    const reset = await fetch(`${server.consoleUrl}api/reset`, {
      method: "POST",
      headers: { "x-secrets-manager-mock-token": await pageToken(server) },
    });
    expect(reset.status).toBe(200);
    expect(store.exportState().partitions[0].secrets.map((s) => s.name)).toEqual(["seeded"]);
    client.destroy();
  });
});

/** Reads server-sent events from `url` until `until` says it has seen enough. */
function readEvents(
  url: string,
  until: (events: { event: string; data: unknown }[]) => boolean,
  opened: () => void,
): Promise<{ event: string; data: unknown }[]> {
  return new Promise((resolve, reject) => {
    const events: { event: string; data: unknown }[] = [];
    const req = httpRequest(url, (res) => {
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        if (buffer === "" && events.length === 0 && chunk.startsWith(":")) opened();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event !== undefined && data !== undefined) events.push({ event, data: JSON.parse(data) });
        }
        if (until(events)) {
          req.destroy();
          resolve(events);
        }
      });
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the live event stream", () => {
  test("a call by another client arrives as a call event (values redacted) and a change event", async () => {
    const server = await start();
    const client = new SecretsManagerClient({ endpoint: server.url, region: "eu-west-1", credentials });
    const events = await readEvents(
      `${server.consoleUrl}api/events`,
      (seen) => seen.some((e) => e.event === "change"),
      () => void client.send(new CreateSecretCommand({ Name: "live", SecretString: "do-not-show" })),
    );
    const call = events.find((e) => e.event === "call")!.data as Record<string, unknown>;
    expect(call).toMatchObject({ source: "http", operation: "CreateSecret", secretId: "live", region: "eu-west-1", outcome: "ok" });
    expect(call.input).toMatchObject({ Name: "live", SecretString: "***" });
    expect(JSON.stringify(events)).not.toContain("do-not-show");
    const recent = await (await fetch(`${server.consoleUrl}api/calls`)).json();
    expect(recent).toEqual([call]);
    client.destroy();
  });

  test("a failed call shows its error code and message", async () => {
    const server = await start();
    const client = new SecretsManagerClient({ endpoint: server.url, region: "us-east-1", credentials });
    const error = await client.send(new CreateSecretCommand({ Name: "x".repeat(513), SecretString: "v" })).catch((e: unknown) => e);
    const [call] = await (await fetch(`${server.consoleUrl}api/calls`)).json();
    expect(call).toMatchObject({ operation: "CreateSecret", outcome: (error as Error).name });
    expect(call.outcome).not.toBe("ok");
    expect(call.message).toEqual(expect.any(String));
    client.destroy();
  });

  test("close() ends open event streams", async () => {
    const server = await start();
    let ended!: Promise<void>;
    await new Promise<void>((opened) => {
      httpRequest(`${server.consoleUrl}api/events`, (res) => {
        ended = new Promise((resolve) => res.on("end", resolve));
        res.resume();
        opened();
      }).end();
    });
    await server.close();
    await ended;
  });
});
