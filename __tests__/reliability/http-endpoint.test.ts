/**
 * The local HTTP endpoint under hostile input (loopback only, bounded in count and time):
 * malformed bodies for every operation (bad JSON, wrong types, huge bodies, random bytes) always
 * get an HTTP 4xx error (JSON for the JSON protocol) and change nothing; the server binds
 * loopback by default, caps request bodies without growing memory, times out stalled
 * connections, and survives a flood of malformed requests.
 */
import { Agent, request } from "node:http";
import * as net from "node:net";
import * as lib from "secrets-manager-mock";
import { OPERATION_NAMES, supportedOperations } from "secrets-manager-mock";
import type { SecretsStore } from "secrets-manager-mock";
import { INPUT_SHAPES } from "secrets-manager-mock/operations/shapes";
import { cases } from "./fuzz-cases";
import { storeSnapshot } from "./invariants";
import { fixtureStore, VALID_INPUTS } from "./valid-inputs";

jest.setTimeout(120_000);

interface Server {
  url: string;
  port: number;
  close(): Promise<void>;
}
type Start = (o: Record<string, unknown>) => Promise<Server>;
const start = (lib as unknown as { startSecretsManagerServer?: Start }).startSecretsManagerServer;
const describeIfServer = start === undefined ? describe.skip : describe;

interface Reply {
  status: number;
  type: string;
  body: string;
}

/** One raw request over a keep-alive agent; resolves with status, content type and body. */
function post(agent: Agent, port: number, body: Buffer | string, headers: Record<string, string>, method = "POST"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method, path: "/", agent, headers: { "content-length": String(Buffer.byteLength(body)), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode!, type: res.headers["content-type"] ?? "", body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const jsonHeaders = (op: string) => ({ "content-type": "application/x-amz-json-1.1", "x-amz-target": `secretsmanager.${op}` });

/** A 4xx JSON error body with an AWS error code. */
function expectJsonError(r: Reply, what: string): void {
  if (r.status < 400 || r.status >= 500) throw new Error(`${what}: HTTP ${r.status} ${r.body.slice(0, 200)}`);
  if (!r.type.includes("json")) throw new Error(`${what}: error body is ${r.type}, not JSON`);
  const parsed = JSON.parse(r.body) as { __type?: unknown };
  if (typeof parsed.__type !== "string" || parsed.__type === "") throw new Error(`${what}: no __type in ${r.body}`);
}

/** A small seeded PRNG (mulberry32), so the random bodies are the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describeIfServer("HTTP endpoint", () => {
  let store: SecretsStore;
  let server: Server;
  let agent: Agent;

  beforeAll(async () => {
    ({ store } = fixtureStore());
    server = await start!({ port: 0, store, maxBodyBytes: 1024 * 1024 });
    agent = new Agent({ keepAlive: true, maxSockets: 16 });
  });

  afterAll(async () => {
    agent.destroy();
    await server.close();
  });

  test("binds the loopback interface by default", () => {
    expect(new URL(server.url).hostname).toBe("127.0.0.1");
  });

  test("every spoiled member of every operation, sent as JSON: 200, or a 4xx JSON error that changes nothing", async () => {
    let sent = 0;
    const base = store.snapshot();
    for (const op of OPERATION_NAMES.filter((o) => supportedOperations().includes(o))) {
      // Huge payloads once per operation here (the SDK-client fuzzer sends them for every member).
      let huge = 0;
      for (const c of cases(op)) {
        if (c.label.startsWith("huge") && huge++ > 1) continue;
        const body = JSON.stringify(c.input, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v));
        const before = storeSnapshot(store);
        const r = await post(agent, server.port, body, jsonHeaders(op));
        sent++;
        if (r.status === 413) expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
        if (r.status !== 200) {
          expectJsonError(r, `${op} ${c.path} = ${c.label}`);
          expect(storeSnapshot(store)).toEqual(before);
        }
        store.revert(base);
      }
    }

    console.log(`http fuzz: ${sent} spoiled JSON requests`);
    expect(sent).toBeGreaterThan(1000);
  });

  test("a flood of 2,000 malformed requests (random bytes, bad JSON, wrong types, unknown targets): all 4xx, then the server still answers", async () => {
    const rand = prng(20_261_122);
    const ops = OPERATION_NAMES.filter((o) => supportedOperations().includes(o));
    // Operations with a required SecretId: a bad SecretId is always an error there.
    const idOps = ops.filter((o) => INPUT_SHAPES[o].required?.includes("SecretId"));
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const bodies: Array<() => { body: Buffer | string; headers: Record<string, string>; json: boolean; method?: string }> = [
      // 0xff is never valid UTF-8: the body can't accidentally be valid JSON.
      () => ({
        body: Buffer.from([0xff, ...Array.from({ length: Math.floor(rand() * 300) }, () => Math.floor(rand() * 256))]),
        headers: jsonHeaders(pick(ops)),
        json: true,
      }),
      () => ({
        body: pick(["{", '{"SecretId":', "[1,2", "nul", '{"a":1}}', '"str"', "42", "[]", "true", '{"SecretId":"\\ud800"}']),
        headers: jsonHeaders(pick(idOps)),
        json: true,
      }),
      () => {
        const op = pick(idOps);
        return {
          body: JSON.stringify({ ...VALID_INPUTS[op], SecretId: pick([1, true, [], {}, "", "a b"]) }),
          headers: jsonHeaders(op),
          json: true,
        };
      },
      () => ({ body: "{}", headers: jsonHeaders(pick(["Nope", "", "__proto__", "constructor", "ListSecrets.x"])), json: true }),
      () => ({
        body: "{}",
        headers: { "content-type": pick(["text/plain", "application/json", ""]), "x-amz-target": "secretsmanager.ListSecrets" },
        json: false,
      }),
      () => ({ body: "{}", headers: jsonHeaders("ListSecrets"), json: false, method: pick(["GET", "PUT", "DELETE"]) }),
    ];
    const N = 2_000;
    let fourXx = 0;
    const revision = store.revision;
    for (let i = 0; i < N; i += 50) {
      const batch = Array.from({ length: 50 }, () => pick(bodies)());
      const replies = await Promise.all(batch.map((b) => post(agent, server.port, b.body, b.headers, b.method)));
      replies.forEach((r, j) => {
        if (batch[j].json) expectJsonError(r, `flood request ${i + j}`);
        else expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        fourXx++;
      });
    }
    expect(fourXx).toBe(N);
    expect(store.revision).toBe(revision);
    const ok = await post(agent, server.port, "{}", jsonHeaders("ListSecrets"));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).SecretList.map((s: { Name: string }) => s.Name)).toEqual(["fz"]);
  });

  test("caps request bodies: 40 bodies of 3 MiB get 413 and the heap does not grow with them", async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 0x61);
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 40; i++) {
      const r = await post(new Agent({ keepAlive: false }), server.port, big, jsonHeaders("PutSecretValue")).catch((e: unknown) => ({
        status: -1,
        type: "",
        body: (e as Error).message,
      }));
      // Either the 413 arrives, or the server cut the connection after answering (body still streaming).
      expect([413, -1]).toContain(r.status);
      if (r.status === 413) expectJsonError(r, "oversized body");
    }
    const grown = process.memoryUsage().heapUsed - heapBefore;
    expect(grown).toBeLessThan(64 * 1024 * 1024); // 120 MiB were sent
    const ok = await post(agent, server.port, "{}", jsonHeaders("ListSecrets"));
    expect(ok.status).toBe(200);
  });
});

describeIfServer("HTTP endpoint timeouts", () => {
  test("stalled connections (headers or body never finished) are closed", async () => {
    const { store } = fixtureStore();
    const server = await start!({ port: 0, store, headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const stall = (payload: string) =>
      new Promise<{ ms: number; data: string }>((resolve) => {
        const t = Date.now();
        let data = "";
        const s = net.connect(server.port, "127.0.0.1", () => s.write(payload));
        s.on("data", (d) => (data += d.toString()));
        s.on("error", () => {});
        s.on("close", () => resolve({ ms: Date.now() - t, data }));
      });
    const [headers, body] = await Promise.all([
      stall("POST / HTTP/1.1\r\nHost: x\r\n"),
      stall(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: secretsmanager.ListSecrets\r\nContent-Length: 100\r\n\r\n{",
      ),
    ]);
    await server.close();
    expect(headers.ms).toBeLessThan(5_000);
    expect(body.ms).toBeLessThan(5_000);
    expect(headers.data).toMatch(/^HTTP\/1\.1 408/);
  });
});
