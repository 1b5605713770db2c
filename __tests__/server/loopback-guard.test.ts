/**
 * The loopback guard as the console and fault routes use it: a route table whose `mutate` routes
 * can also require the per-server token, served by a plain `node:http` server.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startSecretsManagerServer } from "secrets-manager-mock";
import { CONSOLE_TOKEN_HEADER, createLoopbackGuard } from "secrets-manager-mock/server/loopback-guard";
import { answerLoopbackRoute, findLoopbackRoute, type LoopbackRoute } from "secrets-manager-mock/server/loopback-routes";
import { rawRequest } from "../helpers/raw-request";

let server: Server;
let port: number;
let actions: string[];
const guard = createLoopbackGuard({ token: "fixed-token-for-this-test" });

beforeEach(async () => {
  actions = [];
  const routes: LoopbackRoute[] = [
    {
      method: "GET",
      path: "/_mock/console/",
      prefix: true,
      kind: "read",
      handle: (_req, res, url) => void res.end(`page ${url.pathname}`),
    },
    {
      method: "POST",
      path: "/_mock/console/api/action",
      kind: "mutate",
      requireToken: true,
      handle: (_req, res) => {
        actions.push("done");
        res.end("ok");
      },
    },
  ];
  server = createServer((req, res) => {
    const url = new URL(`http://localhost${req.url}`);
    const route = findLoopbackRoute(routes, req.method!, url.pathname);
    if (route === undefined) return void res.writeHead(404).end();
    void answerLoopbackRoute(route, guard, req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("a prefix route answers every path under it, behind the Host check", async () => {
  const ok = await rawRequest(port, "GET", "/_mock/console/app.js", { host: `localhost:${port}` });
  expect(ok).toMatchObject({ status: 200, body: "page /_mock/console/app.js" });
  expect((await rawRequest(port, "GET", "/_mock/console/", { host: "evil.example" })).status).toBe(403);
});

test("an action that requires the token runs with it, same-origin", async () => {
  const res = await rawRequest(port, "POST", "/_mock/console/api/action", {
    host: `127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    [CONSOLE_TOKEN_HEADER]: "fixed-token-for-this-test",
  });
  expect(res.status).toBe(200);
  expect(actions).toEqual(["done"]);
});

test.each([
  ["no token", {}],
  ["a wrong token", { [CONSOLE_TOKEN_HEADER]: "fixed-token-for-this-tesT" }],
  ["a token of another length", { [CONSOLE_TOKEN_HEADER]: "x" }],
])("an action that requires the token, sent with %s, gets 403 and never runs", async (_what, extra) => {
  const res = await rawRequest(port, "POST", "/_mock/console/api/action", { host: `127.0.0.1:${port}`, ...extra });
  expect(res.status).toBe(403);
  expect(res.body).toContain(CONSOLE_TOKEN_HEADER);
  expect(actions).toEqual([]);
});

test("the right token from another origin is still refused", async () => {
  const res = await rawRequest(port, "POST", "/_mock/console/api/action", {
    host: `127.0.0.1:${port}`,
    origin: "http://evil.example",
    [CONSOLE_TOKEN_HEADER]: "fixed-token-for-this-test",
  });
  expect(res.status).toBe(403);
  expect(actions).toEqual([]);
});

test("check() gives the verdict without answering", () => {
  const req = { headers: { host: "localhost:1", origin: "http://localhost:2" } } as unknown as Parameters<typeof guard.check>[0];
  expect(guard.check(req, "read")).toBeUndefined();
  expect(guard.check(req, "mutate")).toMatchObject({ statusCode: 403 });
});

test("each server has its own random console token", async () => {
  const [a, b] = await Promise.all([startSecretsManagerServer({ port: 0 }), startSecretsManagerServer({ port: 0 })]);
  try {
    expect(a.consoleToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.consoleToken).not.toBe(b.consoleToken);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
