/**
 * The awsJson1_1 codec seen by a raw HTTP caller (aws-api-facts.md §2, aws-behaviour.md §1.2):
 * what AWS answers to requests an SDK would never send, and the exact JSON forms on the wire.
 */
import { connect, type Socket } from "node:net";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ManualClock, Messages, SecretsStore, startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";
import { call, rawRequest, token, UUID_RE } from "./wire-client";

const T0 = new Date("2023-11-21T18:27:09.801Z");

let server: SecretsManagerServer;
let store: SecretsStore;
let url: string;

beforeEach(async () => {
  store = new SecretsStore({ clock: new ManualClock(T0), seed: 3 });
  server = await startSecretsManagerServer({ port: 0, store, maxBodyBytes: 4096 });
  url = server.url;
});

afterEach(async () => {
  await server.close();
});

const secretCount = () => [...store.allPartitions()].reduce((n, p) => n + p.secrets.size, 0);

describe("missing ClientRequestToken (only raw callers can omit it)", () => {
  test.each([
    ["CreateSecret", "InvalidRequestException", { Name: "db", SecretString: "v" }],
    ["PutSecretValue", "InvalidRequestException", { SecretId: "db", SecretString: "v" }],
    ["UpdateSecret", "InvalidRequestException", { SecretId: "db", SecretString: "v" }],
    ["RotateSecret", "InvalidParameterException", { SecretId: "db" }],
  ])("%s without a token: HTTP 400 %s, even though the secret does not exist", async (op, code, body) => {
    const res = await call(url, op, body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ __type: code, Message: Messages.tokenMissing });
    expect(res.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(res.headers.get("x-amzn-requestid")).toMatch(UUID_RE);
    expect(secretCount()).toBe(0);
  });

  test("a null token counts as missing", async () => {
    const res = await call(url, "CreateSecret", { Name: "db", SecretString: "v", ClientRequestToken: null });
    expect(res.json).toEqual({ __type: "InvalidRequestException", Message: Messages.tokenMissing });
  });

  test("with a token, the usual errors follow: PutSecretValue on a missing secret is ResourceNotFoundException", async () => {
    const res = await call(url, "PutSecretValue", { SecretId: "db", SecretString: "v", ClientRequestToken: token(1) });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ __type: "ResourceNotFoundException", Message: Messages.secretNotFound });
  });

  test("a token-less UpdateSecret on an existing secret changes nothing", async () => {
    await call(url, "CreateSecret", { Name: "db", SecretString: "v1", ClientRequestToken: token(1) });
    const res = await call(url, "UpdateSecret", { SecretId: "db", Description: "d" });
    expect(res.json.__type).toBe("InvalidRequestException");
    const d = await call(url, "DescribeSecret", { SecretId: "db" });
    expect(d.json.Description).toBeUndefined();
  });

  test("model validation comes first: no Name and no token is a ValidationException", async () => {
    const res = await call(url, "CreateSecret", { SecretString: "v" });
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe("ValidationException");
  });
});

describe("requests AWS can't route", () => {
  test.each([
    ["an unknown operation", { "x-amz-target": "secretsmanager.StealSecrets" }],
    ["another service's target", { "x-amz-target": "DynamoDB_20120810.ListTables" }],
    ["a lower-case operation name", { "x-amz-target": "secretsmanager.getSecretValue" }],
    ["a prototype key", { "x-amz-target": "secretsmanager.__proto__" }],
  ])("%s: HTTP 400 UnknownOperationException without a message", async (_what, headers) => {
    const res = await call(url, "ignored", {}, { headers });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ __type: "UnknownOperationException" });
    expect(res.headers.get("x-amzn-requestid")).toMatch(UUID_RE);
  });

  test("no X-Amz-Target at all: UnknownOperationException", async () => {
    const res = await rawRequest(url, { headers: { "content-type": "application/x-amz-json-1.1" }, chunks: [Buffer.from("{}")] });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({ __type: "UnknownOperationException" });
  });

  test.each([
    ["application/json", { "content-type": "application/json" }],
    ["application/octet-stream", { "content-type": "application/octet-stream" }],
  ])("content type %s: HTTP 404 <UnknownOperationException/>", async (_what, headers) => {
    const res = await call(url, "ListSecrets", {}, { headers });
    expect(res.status).toBe(404);
    expect(res.text).toBe("<UnknownOperationException/>\n");
    expect(secretCount()).toBe(0);
  });

  test("no content type: HTTP 404 <UnknownOperationException/>", async () => {
    const res = await rawRequest(url, {
      headers: { "x-amz-target": "secretsmanager.DescribeSecret" },
      chunks: [Buffer.from('{"SecretId":"x"}')],
    });
    expect(res.status).toBe(404);
    expect(res.text).toBe("<UnknownOperationException/>\n");
  });

  test("a charset parameter on the content type is accepted", async () => {
    const res = await call(
      url,
      "DescribeSecret",
      { SecretId: "x" },
      { headers: { "content-type": "application/x-amz-json-1.1; charset=utf-8" } },
    );
    expect(res.json.__type).toBe("ResourceNotFoundException");
  });

  test("GET is not the protocol: HTTP 404", async () => {
    const res = await rawRequest(url, { method: "GET", headers: { "x-amz-target": "secretsmanager.ListSecrets" } });
    expect(res.status).toBe(404);
  });
});

describe("malformed bodies", () => {
  test.each([
    ["truncated JSON", '{"Name": "db"'],
    ["not JSON", "Name=db"],
    ["invalid UTF-8", Buffer.from([0x7b, 0xff, 0x7d])],
  ])("%s: HTTP 400 SerializationException and nothing stored", async (_what, body) => {
    const res = await rawRequest(url, {
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "secretsmanager.CreateSecret" },
      chunks: [Buffer.from(body)],
    });
    expect(res.status).toBe(400);
    const json = JSON.parse(res.text);
    expect(json.__type).toBe("SerializationException");
    expect(typeof json.Message).toBe("string");
    expect(secretCount()).toBe(0);
  });

  test("a JSON array is not a structure: SerializationException", async () => {
    const res = await call(url, "DescribeSecret", "[]");
    expect(res.json.__type).toBe("SerializationException");
  });

  test("a member of the wrong JSON type: SerializationException", async () => {
    const res = await call(url, "DescribeSecret", { SecretId: 42 });
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe("SerializationException");
  });

  test("an empty body is an empty input (ValidationException for the missing SecretId)", async () => {
    const res = await call(url, "DescribeSecret", "");
    expect(res.json.__type).toBe("ValidationException");
  });
});

describe("body size cap", () => {
  test("a body over the cap: HTTP 413, nothing stored, the server keeps serving", async () => {
    const big = JSON.stringify({ Name: "db", ClientRequestToken: token(1), SecretString: "x".repeat(5000) });
    const res = await call(url, "CreateSecret", big);
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ __type: "RequestEntityTooLargeException", Message: "The request body is larger than 4096 bytes." });
    expect(secretCount()).toBe(0);
    const next = await call(url, "CreateSecret", { Name: "db", ClientRequestToken: token(1), SecretString: "small" });
    expect(next.status).toBe(200);
  });

  test("a chunked body that grows past the cap: HTTP 413", async () => {
    const res = await rawRequest(url, {
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "secretsmanager.CreateSecret",
        "transfer-encoding": "chunked",
      },
      chunks: Array.from({ length: 10 }, () => Buffer.alloc(1000, 0x20)),
    });
    expect(res.status).toBe(413);
    expect(secretCount()).toBe(0);
  });

  test("a declared length far over the cap is refused before the body is read", async () => {
    const res = await rawRequest(url, {
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "secretsmanager.CreateSecret",
        "content-length": 10_000_000,
      },
      chunks: [Buffer.from("{}")],
    }).catch((e: unknown) => ({ status: -1, text: (e as Error).message }));
    // The client may see the 413 or, having more to send, a closed connection: never a hang.
    expect([413, -1]).toContain(res.status);
    const next = await call(url, "DescribeSecret", { SecretId: "x" });
    expect(next.status).toBe(400);
  });

  test("a body exactly at the cap is read", async () => {
    const base = JSON.stringify({ SecretId: "x" });
    const padded = base.slice(0, -1) + " ".repeat(4096 - base.length) + "}";
    expect(Buffer.byteLength(padded)).toBe(4096);
    const res = await call(url, "DescribeSecret", padded);
    expect(res.json.__type).toBe("ResourceNotFoundException");
  });
});

describe("JSON forms on the wire", () => {
  test("SecretBinary is base64 both ways: footest <-> Zm9vdGVzdA==", async () => {
    const created = await call(url, "CreateSecret", { Name: "bin", ClientRequestToken: token(1), SecretBinary: "Zm9vdGVzdA==" });
    expect(created.status).toBe(200);
    const got = await call(url, "GetSecretValue", { SecretId: "bin" });
    expect(got.json.SecretBinary).toBe("Zm9vdGVzdA==");
    expect(got.json.SecretString).toBeUndefined();
    const v = store.getSecret(store.accountId, store.region, "bin")!.versions.get(token(1))!;
    expect(Buffer.from(v.secretBinary!).toString("utf8")).toBe("footest");
  });

  test("bytes stored through the SDK come back as base64 over raw HTTP, and the reverse", async () => {
    const sdk = new SecretsManagerClient({
      endpoint: url,
      region: store.region,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    await call(url, "CreateSecret", { Name: "raw", ClientRequestToken: token(2), SecretBinary: "AAH/" });
    const viaSdk = await sdk.send(new GetSecretValueCommand({ SecretId: "raw" }));
    expect(viaSdk.SecretBinary).toEqual(new Uint8Array([0, 1, 255]));
    sdk.destroy();
  });

  test("unpadded base64 is accepted", async () => {
    const created = await call(url, "CreateSecret", { Name: "bin", ClientRequestToken: token(1), SecretBinary: "Zm9vdGVzdA" });
    expect(created.status).toBe(200);
    expect((await call(url, "GetSecretValue", { SecretId: "bin" })).json.SecretBinary).toBe("Zm9vdGVzdA==");
  });

  test.each([["***"], ["Zm9v dGVz"], ["Zm9vZ"]])("invalid base64 %j: SerializationException, nothing stored", async (b64) => {
    const res = await call(url, "CreateSecret", { Name: "bin", ClientRequestToken: token(1), SecretBinary: b64 });
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe("SerializationException");
    expect(secretCount()).toBe(0);
  });

  test("a non-string SecretBinary: SerializationException", async () => {
    const res = await call(url, "CreateSecret", { Name: "bin", ClientRequestToken: token(1), SecretBinary: [1, 2] });
    expect(res.json.__type).toBe("SerializationException");
  });

  test("timestamps are epoch seconds as JSON numbers, milliseconds kept as a fraction", async () => {
    await call(url, "CreateSecret", { Name: "db", ClientRequestToken: token(1), SecretString: "v" });
    const d = await call(url, "DescribeSecret", { SecretId: "db" });
    expect(d.status).toBe(200);
    expect(d.json.CreatedDate).toBe(1700591229.801);
    expect(d.json.LastChangedDate).toBe(1700591229.801);
    expect(d.text).toContain('"CreatedDate":1700591229.801');
    const g = await call(url, "GetSecretValue", { SecretId: "db" });
    expect(g.json.CreatedDate).toBe(1700591229.801);
  });

  test("a success is HTTP 200 JSON with the protocol content type and a request id; absent members are left out", async () => {
    const res = await call(url, "CreateSecret", { Name: "db", ClientRequestToken: token(1) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(res.headers.get("x-amzn-requestid")).toMatch(UUID_RE);
    expect(Object.keys(res.json).sort()).toEqual(["ARN", "Name"]);
  });

  test("each response has its own request id", async () => {
    const a = await call(url, "DescribeSecret", { SecretId: "x" });
    const b = await call(url, "DescribeSecret", { SecretId: "x" });
    expect(a.headers.get("x-amzn-requestid")).not.toBe(b.headers.get("x-amzn-requestid"));
  });

  test("an error is HTTP 400 with __type and Message, and the error type header", async () => {
    const res = await call(url, "GetSecretValue", { SecretId: "nope" });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ __type: "ResourceNotFoundException", Message: "Secrets Manager can't find the specified secret." });
    expect(res.headers.get("x-amzn-errortype")).toBe("ResourceNotFoundException");
  });

  test("error messages never carry the secret value", async () => {
    const res = await call(url, "CreateSecret", {
      Name: "db",
      ClientRequestToken: token(1),
      SecretString: "hunter2",
      SecretBinary: "aHVudGVyMg==",
    });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain("hunter2");
    expect(res.text).not.toContain("aHVudGVyMg");
  });
});

describe("region from the SigV4 credential scope", () => {
  test("two regions see different secrets; an unsigned request uses the server's region", async () => {
    const west = await call(url, "CreateSecret", { Name: "db", ClientRequestToken: token(1), SecretString: "w" }, { region: "us-west-2" });
    expect(west.json.ARN).toMatch(/^arn:aws:secretsmanager:us-west-2:123456789012:secret:db-/);
    const eu = await call(url, "GetSecretValue", { SecretId: "db" }, { region: "eu-west-1" });
    expect(eu.json.__type).toBe("ResourceNotFoundException");
    const unsigned = await call(url, "GetSecretValue", { SecretId: "db" });
    expect(unsigned.json.__type).toBe("ResourceNotFoundException");
    const again = await call(url, "GetSecretValue", { SecretId: "db" }, { region: "us-west-2" });
    expect(again.json.SecretString).toBe("w");
    await call(url, "CreateSecret", { Name: "db", ClientRequestToken: token(2), SecretString: "e" }, { region: "eu-west-1" });
    expect((await call(url, "GetSecretValue", { SecretId: "db" }, { region: "eu-west-1" })).json.SecretString).toBe("e");
    expect((await call(url, "GetSecretValue", { SecretId: "db" }, { region: "us-west-2" })).json.SecretString).toBe("w");
  });

  test("an unreadable scope falls back to the server's region", async () => {
    const res = await call(url, "CreateSecret", { Name: "db", ClientRequestToken: token(1) }, { headers: { authorization: "Bearer abc" } });
    expect(res.json.ARN).toContain(`:${store.region}:`);
  });
});

describe("how requests are read and answered", () => {
  const host = () => `127.0.0.1:${server.port}`;
  const head = (target: string, length: number) =>
    `POST / HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: secretsmanager.${target}\r\nContent-Length: ${length}\r\n\r\n`;

  /** Opens a socket, hands it to `write`, and resolves with the `count` responses read off it (status and JSON body, in order). */
  function exchange(count: number, write: (socket: Socket) => Promise<void> | void): Promise<{ status: number; id: string; json: any }[]> {
    return new Promise((resolve, reject) => {
      const socket = connect(server.port, "127.0.0.1", () => void Promise.resolve(write(socket)).catch(reject));
      let data = Buffer.alloc(0);
      const responses: { status: number; id: string; json: any }[] = [];
      socket.on("data", (chunk: Buffer) => {
        data = Buffer.concat([data, chunk]);
        for (;;) {
          const end = data.indexOf("\r\n\r\n");
          if (end === -1) break;
          const headText = data.subarray(0, end).toString("latin1");
          const length = Number(/content-length: (\d+)/i.exec(headText)![1]);
          if (data.length < end + 4 + length) break;
          const status = Number(headText.split(" ")[1]);
          const id = /x-amzn-requestid: (\S+)/i.exec(headText)![1];
          responses.push({ status, id, json: JSON.parse(data.subarray(end + 4, end + 4 + length).toString("utf8")) });
          data = data.subarray(end + 4 + length);
        }
        if (responses.length === count) {
          socket.end();
          resolve(responses);
        }
      });
      socket.on("error", reject);
    });
  }

  const turn = () => new Promise((r) => setTimeout(r, 20));

  test("a body that arrives in pieces, a UTF-8 character split between two of them, is read whole", async () => {
    const body = Buffer.from(JSON.stringify({ Name: "db", ClientRequestToken: token(1), SecretString: "naïve – ☃ 😀" }));
    const cut = body.indexOf(Buffer.from("☃")) + 1;
    const [created] = await exchange(1, async (socket) => {
      socket.write(head("CreateSecret", body.length) + body.subarray(0, 10).toString("latin1"), "latin1");
      await turn();
      socket.write(body.subarray(10, cut));
      await turn();
      socket.write(body.subarray(cut));
    });
    expect(created.status).toBe(200);
    const got = await call(url, "GetSecretValue", { SecretId: "db" });
    expect(got.json.SecretString).toBe("naïve – ☃ 😀");
  });

  test("requests pipelined on one connection are answered in order, each with its own request id", async () => {
    const bodies = [
      ["CreateSecret", JSON.stringify({ Name: "p", ClientRequestToken: token(1), SecretString: "one" })],
      ["GetSecretValue", JSON.stringify({ SecretId: "p" })],
      ["DescribeSecret", JSON.stringify({ SecretId: "missing" })],
      ["PutSecretValue", JSON.stringify({ SecretId: "p", ClientRequestToken: token(2), SecretString: "two" })],
      ["GetSecretValue", JSON.stringify({ SecretId: "p" })],
    ] as const;
    const responses = await exchange(bodies.length, (socket) => {
      // One write: the server reads all five requests in the same turn.
      socket.write(bodies.map(([target, body]) => head(target, Buffer.byteLength(body)) + body).join(""));
    });
    expect(responses.map((r) => r.status)).toEqual([200, 200, 400, 200, 200]);
    expect(responses[1].json.SecretString).toBe("one");
    expect(responses[2].json.__type).toBe("ResourceNotFoundException");
    expect(responses[3].json.VersionId).toBe(token(2));
    expect(responses[4].json.SecretString).toBe("two");
    expect(new Set(responses.map((r) => r.id)).size).toBe(5);
  });

  test("many concurrent requests, answered together, each get their own answer", async () => {
    for (let i = 0; i < 30; i++)
      await call(url, "CreateSecret", { Name: `c${i}`, ClientRequestToken: token(i + 1), SecretString: `value-${i}` });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => call(url, "GetSecretValue", { SecretId: `c${29 - i}` })));
    expect(answers.map((a) => a.json.SecretString)).toEqual(Array.from({ length: 30 }, (_, i) => `value-${29 - i}`));
    const ids = answers.map((a) => a.headers.get("x-amzn-requestid"));
    expect(ids.every((id) => UUID_RE.test(id ?? ""))).toBe(true);
    expect(new Set(ids).size).toBe(30);
  });

  test("a request cut off in its body changes nothing, and the server goes on", async () => {
    const revision = store.revision;
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        socket.write(head("CreateSecret", 200) + `{"Name":"cut","ClientRequestToken":"${token(1)}",`);
        setTimeout(() => socket.destroy(), 20);
      });
      socket.on("close", () => resolve());
      socket.on("error", () => undefined);
    });
    await turn();
    expect(store.revision).toBe(revision);
    expect(secretCount()).toBe(0);
    expect((await call(url, "ListSecrets", {})).json.SecretList).toEqual([]);
  });
});
