/**
 * The in-process request handler: the SDK's own pipeline (token, signing, retries,
 * deserialization) over the wire protocol, without a socket.
 */
import { Readable } from "node:stream";
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  LimitExceededException,
  InternalServiceError,
  ResourceNotFoundException,
  SecretsManagerClient,
  SecretsManagerServiceException,
} from "@aws-sdk/client-secrets-manager";
import type { HttpRequest } from "@smithy/types";
import {
  createSecretsManagerRequestHandler,
  ManualClock,
  ServiceError,
  SecretsStore,
  startSecretsManagerServer,
  UnsupportedOperationError,
} from "secrets-manager-mock";
import { OPERATIONS } from "secrets-manager-mock/operations/index";
import { failure } from "../helpers/call-failure";
import { call, UUID_RE } from "../wire/wire-client";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const T0 = new Date("2024-05-01T12:00:00.250Z");

function clientFor(store: SecretsStore, region = "us-east-1", extra: { maxAttempts?: number } = {}) {
  return new SecretsManagerClient({ region, credentials, requestHandler: createSecretsManagerRequestHandler(store), ...extra });
}

function rawRequest(body: unknown, headers: Record<string, string> = {}): HttpRequest {
  return {
    method: "POST",
    protocol: "https:",
    hostname: "secretsmanager.us-east-1.amazonaws.com",
    path: "/",
    query: {},
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "secretsmanager.DescribeSecret", ...headers },
    body,
  };
}

async function readAll(body: unknown): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of body as Readable) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString("utf8");
}

describe("through a SecretsManagerClient", () => {
  test("the SDK's own idempotency token becomes the VersionId (no missing-token error on the typed path)", async () => {
    const store = new SecretsStore({ clock: new ManualClock(T0), seed: 9 });
    const client = clientFor(store);
    const created = await client.send(new CreateSecretCommand({ Name: "db", SecretString: "v" }));
    expect(created.VersionId).toMatch(UUID_RE);
    const got = await client.send(new GetSecretValueCommand({ SecretId: "db" }));
    expect(got.VersionId).toBe(created.VersionId);
    expect(got.CreatedDate).toEqual(T0);
    expect(got.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 });
    expect(got.$metadata.requestId).toMatch(UUID_RE);
  });

  test("the region is the one the client signs for", async () => {
    const store = new SecretsStore();
    await clientFor(store, "eu-west-3").send(new CreateSecretCommand({ Name: "db", SecretString: "v" }));
    expect(store.partition(store.accountId, "eu-west-3")?.secrets.has("db")).toBe(true);
    expect(await failure(clientFor(store, "us-east-1").send(new DescribeSecretCommand({ SecretId: "db" })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  test("binary values round-trip as bytes", async () => {
    const client = clientFor(new SecretsStore());
    const bytes = new Uint8Array([0, 1, 2, 0xff, 0xfe, 0xfd]);
    await client.send(new CreateSecretCommand({ Name: "bin", SecretBinary: bytes }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: "bin" }))).SecretBinary).toEqual(bytes);
  });

  test("errors are the SDK's classes, shaped by the SDK's deserializer", async () => {
    const client = clientFor(new SecretsStore());
    const err = await failure(client.send(new GetSecretValueCommand({ SecretId: "nope" })));
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.name).toBe("ResourceNotFoundException");
    expect(err.message).toBe("Secrets Manager can't find the specified secret.");
    expect(err.$fault).toBe("client");
    expect(err.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });
    // What the real SDK does with an AWS error body: `Message` folded into `message`, `__type` kept.
    expect(err.__type).toBe("ResourceNotFoundException");
    expect(err.Message).toBeUndefined();
  });

  test("unmodelled codes come back as SecretsManagerServiceException named after the code", async () => {
    const err = await failure(clientFor(new SecretsStore()).send(new CreateSecretCommand({ Name: "bad name!" })));
    expect(err).toBeInstanceOf(SecretsManagerServiceException);
    expect(err.name).toBe("ValidationException");
  });

  describe("SDK retries, as against AWS (default maxAttempts 3)", () => {
    const original = OPERATIONS.DescribeSecret;
    afterEach(() => {
      OPERATIONS.DescribeSecret = original;
    });

    test("LimitExceededException is retried: 3 attempts, then thrown", async () => {
      const op = jest.fn(() => {
        throw new ServiceError("LimitExceededException", "slow down");
      });
      OPERATIONS.DescribeSecret = op;
      const err = await failure(clientFor(new SecretsStore()).send(new DescribeSecretCommand({ SecretId: "x" })));
      expect(err).toBeInstanceOf(LimitExceededException);
      expect(err.$metadata.attempts).toBe(3);
      expect(op).toHaveBeenCalledTimes(3);
    });

    test("an unexpected failure inside an operation is InternalServiceError (HTTP 500), also retried", async () => {
      OPERATIONS.DescribeSecret = () => {
        throw new Error("bug");
      };
      const err = await failure(clientFor(new SecretsStore()).send(new DescribeSecretCommand({ SecretId: "x" })));
      expect(err).toBeInstanceOf(InternalServiceError);
      expect(err.$fault).toBe("server");
      expect(err.$metadata).toMatchObject({ httpStatusCode: 500, attempts: 3 });
      expect(err.message).not.toContain("bug");
    });

    test("ResourceNotFoundException is not retried", async () => {
      const err = await failure(clientFor(new SecretsStore()).send(new DescribeSecretCommand({ SecretId: "x" })));
      expect(err.$metadata.attempts).toBe(1);
    });
  });

  describe("an operation the mock does not implement", () => {
    const original = OPERATIONS.GetRandomPassword;
    beforeEach(() => {
      delete OPERATIONS.GetRandomPassword;
    });
    afterEach(() => {
      if (original) OPERATIONS.GetRandomPassword = original;
    });

    test("rejects with UnsupportedOperationError naming it (never a silent network call)", async () => {
      const err = await failure(clientFor(new SecretsStore(), "us-east-1", { maxAttempts: 1 }).send(new GetRandomPasswordCommand({})));
      expect(err).toBeInstanceOf(UnsupportedOperationError);
      expect(err.operation).toBe("GetRandomPassword");
    });

    test("the local endpoint answers HTTP 501 NotImplementedException naming it", async () => {
      const server = await startSecretsManagerServer({ port: 0 });
      try {
        const res = await call(server.url, "GetRandomPassword", {});
        expect(res.status).toBe(501);
        expect(res.json.__type).toBe("NotImplementedException");
        expect(res.json.Message).toContain("GetRandomPassword");
      } finally {
        await server.close();
      }
    });
  });
});

describe("handle() directly", () => {
  const handler = createSecretsManagerRequestHandler(new SecretsStore(), { maxBodyBytes: 64 });

  test.each([
    ["a string", '{"SecretId":"x"}'],
    ["a Uint8Array", new TextEncoder().encode('{"SecretId":"x"}')],
    ["a Readable", Readable.from([Buffer.from('{"Secret'), Buffer.from('Id":"x"}')])],
  ])("accepts %s body; answers with a byte stream like node-http-handler", async (_what, body) => {
    const { response } = await handler.handle(rawRequest(body));
    expect(response.statusCode).toBe(400);
    expect(response.body).toBeInstanceOf(Readable);
    expect(response.headers["content-type"]).toBe("application/x-amz-json-1.1");
    expect(JSON.parse(await readAll(response.body)).__type).toBe("ResourceNotFoundException");
  });

  test("header names are matched case-insensitively", async () => {
    const { response } = await handler.handle(rawRequest("{}", { "X-AMZ-TARGET": "secretsmanager.Nope" }));
    expect(JSON.parse(await readAll(response.body))).toEqual({ __type: "UnknownOperationException" });
  });

  test("a body over the cap is HTTP 413, for buffers and streams alike", async () => {
    const big = JSON.stringify({ SecretId: "x".repeat(100) });
    expect((await handler.handle(rawRequest(big))).response.statusCode).toBe(413);
    expect((await handler.handle(rawRequest(Readable.from([Buffer.from(big)])))).response.statusCode).toBe(413);
  });

  test("a raw request without a token is refused just like over HTTP", async () => {
    const { response } = await handler.handle(rawRequest('{"Name":"db"}', { "X-Amz-Target": "secretsmanager.CreateSecret" }));
    expect(JSON.parse(await readAll(response.body)).__type).toBe("InvalidRequestException");
  });

  test("an already aborted request is rejected with AbortError", async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await failure(handler.handle(rawRequest("{}"), { abortSignal: controller.signal }));
    expect(err.name).toBe("AbortError");
  });

  test("the HttpHandler housekeeping methods exist and do nothing harmful", () => {
    expect(handler.metadata.handlerProtocol).toBe("http/1.1");
    expect(handler.httpHandlerConfigs()).toEqual({});
    expect(() => handler.destroy()).not.toThrow();
  });
});
