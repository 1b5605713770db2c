/**
 * The endpoint answers while a test has fake timers installed: its answers must not wait for a
 * timer the test controls (Jest's modern fake timers replace setImmediate as well as setTimeout).
 */
import { request } from "node:http";
import { startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";

let server: SecretsManagerServer;
beforeEach(async () => {
  server = await startSecretsManagerServer({ port: 0 });
});
afterEach(async () => {
  jest.useRealTimers();
  await server.close();
});

/** One API call over node:http (no client-side timers), resolved with the status and body. */
function call(target: string, body: object): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}/`,
      {
        method: "POST",
        agent: false,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `secretsmanager.${target}` },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

test.each([
  ["Jest's modern fake timers", () => jest.useFakeTimers()],
  ["fake timers that leave only nextTick and queueMicrotask real", () => jest.useFakeTimers({ doNotFake: ["nextTick", "queueMicrotask"] })],
])("with %s installed, calls are answered without advancing them", async (_what, install) => {
  install();
  const created = await call("CreateSecret", { Name: "db", SecretString: "v", ClientRequestToken: "t".repeat(32) });
  expect(created.status).toBe(200);
  const got = await call("GetSecretValue", { SecretId: "db" });
  expect(got.json.SecretString).toBe("v");
});
