/** mock.on(...): one-call stubs on top of the store, as aws-sdk-client-mock users write them. */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  RotateSecretCommand,
  SecretsManagerClient,
  SecretsManagerServiceException,
  type GetSecretValueCommandOutput,
} from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { mockSecretsManager, ServiceError, SecretsStore } from "secrets-manager-mock";
import { failure } from "../helpers/call-failure";

function setup() {
  const store = new SecretsStore({
    seed: 1,
    fixtures: { secrets: { db: { SecretString: "from-store" }, other: { SecretString: "other-value" } } },
  });
  const client = new SecretsManagerClient({ region: "us-east-1", maxAttempts: 1 });
  const mock = mockSecretsManager(client, { store });
  return { store, client, mock };
}

const get = (client: SecretsManagerClient, SecretId: string) => client.send(new GetSecretValueCommand({ SecretId }));

describe("resolves", () => {
  test("a matching call gets the stub's output with $metadata; the call is recorded; the store is not touched", async () => {
    const { client, mock, store } = setup();
    const before = store.snapshot();
    mock.on(GetSecretValueCommand, { SecretId: "missing" }).resolves({ Name: "missing", SecretString: "stubbed" });
    const out = await get(client, "missing");
    expect(out).toMatchObject({ Name: "missing", SecretString: "stubbed" });
    expect(out.$metadata).toEqual({ httpStatusCode: 200, requestId: expect.any(String), attempts: 1, totalRetryDelay: 0 });
    expect(mock.calls(GetSecretValueCommand, { includeSecrets: true })).toEqual([
      {
        operation: "GetSecretValue",
        input: { SecretId: "missing" },
        output: { Name: "missing", SecretString: "stubbed" },
        region: "us-east-1",
      },
    ]);
    expect(store.snapshot()).toEqual(before);
  });

  test("a stubbed write changes nothing in the store", async () => {
    const { client, mock } = setup();
    mock.on(PutSecretValueCommand).resolves({ Name: "db", VersionId: "stub-version" });
    expect((await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "never stored" }))).VersionId).toBe("stub-version");
    expect((await get(client, "db")).SecretString).toBe("from-store");
  });

  test("calls no stub matches go to the store; the test's output object is never changed", async () => {
    const { client, mock } = setup();
    const output = { SecretString: "stubbed" };
    mock.on(GetSecretValueCommand, { SecretId: "db" }).resolves(output);
    expect((await get(client, "db")).SecretString).toBe("stubbed");
    expect((await get(client, "other")).SecretString).toBe("other-value");
    expect((await client.send(new DescribeSecretCommand({ SecretId: "db" }))).Name).toBe("db");
    expect(output).toEqual({ SecretString: "stubbed" });
  });

  test("an operation name works like the command class; a promise is awaited", async () => {
    const { client, mock } = setup();
    mock.on("GetSecretValue").resolves(Promise.resolve({ SecretString: "later" }));
    expect((await get(client, "db")).SecretString).toBe("later");
  });

  test("a command the store can't serve can be stubbed (the store is never asked)", async () => {
    const { client, mock } = setup();
    mock
      .on(GetSecretValueCommand, { SecretId: "arn:aws:secretsmanager:eu-west-3:999999999999:secret:x-AbCdEf" })
      .resolves({ SecretString: "cross" });
    expect((await get(client, "arn:aws:secretsmanager:eu-west-3:999999999999:secret:x-AbCdEf")).SecretString).toBe("cross");
  });
});

describe("Once answers, chaining and precedence", () => {
  test("Once answers are used in order, then the lasting answer, and with none the store", async () => {
    const { client, mock } = setup();
    mock
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: "first" })
      .rejectsOnce("ThrottlingException")
      .resolvesOnce({ SecretString: "third" });
    expect((await get(client, "db")).SecretString).toBe("first");
    expect((await failure(get(client, "db"))).name).toBe("ThrottlingException");
    expect((await get(client, "db")).SecretString).toBe("third");
    expect((await get(client, "db")).SecretString).toBe("from-store");

    mock.on(DescribeSecretCommand).resolvesOnce({ Name: "once" }).resolves({ Name: "always" });
    const names = [];
    for (let i = 0; i < 3; i++) names.push((await client.send(new DescribeSecretCommand({ SecretId: "db" }))).Name);
    expect(names).toEqual(["once", "always", "always"]);
  });

  test("on() with the same command and input adds to the same stub's queue", async () => {
    const { client, mock } = setup();
    mock.on(GetSecretValueCommand, { SecretId: "db" }).resolvesOnce({ SecretString: "a" });
    mock.on(GetSecretValueCommand, { SecretId: "db" }).resolvesOnce({ SecretString: "b" });
    expect([
      (await get(client, "db")).SecretString,
      (await get(client, "db")).SecretString,
      (await get(client, "db")).SecretString,
    ]).toEqual(["a", "b", "from-store"]);
  });

  test("the newest matching stub answers; definitions chain with .on", async () => {
    const { client, mock } = setup();
    mock
      .on(GetSecretValueCommand)
      .resolves({ SecretString: "any" })
      .on(GetSecretValueCommand, { SecretId: "other" })
      .resolves({ SecretString: "specific" })
      .on(DescribeSecretCommand)
      .resolves({ Name: "described" });
    expect((await get(client, "db")).SecretString).toBe("any");
    expect((await get(client, "other")).SecretString).toBe("specific");
    expect((await client.send(new DescribeSecretCommand({ SecretId: "db" }))).Name).toBe("described");
  });

  test("resetStubs: the store answers everything again", async () => {
    const { client, mock } = setup();
    mock.on(GetSecretValueCommand).resolves({ SecretString: "stubbed" });
    mock.resetStubs();
    expect((await get(client, "db")).SecretString).toBe("from-store");
  });

  test("injected faults come first: failNext fails a stubbed call", async () => {
    const { client, mock } = setup();
    mock.on(GetSecretValueCommand).resolves({ SecretString: "stubbed" });
    mock.failNext("GetSecretValue", { code: "InternalServiceError" });
    expect((await failure(get(client, "db"))).name).toBe("InternalServiceError");
    expect((await get(client, "db")).SecretString).toBe("stubbed");
  });
});

describe("input matching", () => {
  test("strict: the input must be exactly the one given", async () => {
    const { client, mock } = setup();
    mock.on(GetSecretValueCommand, { SecretId: "db" }, true).resolves({ SecretString: "strict" });
    expect((await get(client, "db")).SecretString).toBe("strict");
    expect((await client.send(new GetSecretValueCommand({ SecretId: "db", VersionStage: "AWSCURRENT" }))).SecretString).toBe("from-store");
  });

  test("matches like aws-sdk-client-mock (sinon's match: nested objects partially, arrays whole)", async () => {
    const input = {
      SecretId: "db",
      RotationLambdaARN: "arn:aws:lambda:us-east-1:123456789012:function:rotate",
      RotationRules: { AutomaticallyAfterDays: 7, Duration: "2h" },
    };
    const tagged = {
      Name: "t",
      SecretString: "v",
      Tags: [
        { Key: "a", Value: "1" },
        { Key: "b", Value: "2" },
      ],
    };
    const cases: Array<[object, object | undefined, boolean]> = [
      [input, undefined, false],
      [input, {}, false],
      [input, { SecretId: "db" }, false],
      [input, { SecretId: "other" }, false],
      [input, { RotationRules: { AutomaticallyAfterDays: 7 } }, false],
      [input, { RotationRules: { AutomaticallyAfterDays: 8 } }, false],
      [input, { RotationRules: { ScheduleExpression: "rate(1 day)" } }, false],
      [input, { RotationRules: {} }, false],
      [input, { RotationRules: { AutomaticallyAfterDays: 7 } }, true],
      [input, { ...input }, true],
      [input, { ...input, RotationRules: { ...input.RotationRules } }, true],
      [{ SecretId: "db" }, { SecretId: "db", RotationRules: { AutomaticallyAfterDays: 7 } }, false],
      [tagged, { Tags: [{ Key: "a" }] }, false],
      [tagged, { Tags: [{ Key: "a", Value: "1" }] }, false],
      [
        tagged,
        {
          Tags: [
            { Key: "a", Value: "1" },
            { Key: "b", Value: "2" },
          ],
        },
        false,
      ],
      [
        tagged,
        {
          Tags: [
            { Key: "b", Value: "2" },
            { Key: "a", Value: "1" },
          ],
        },
        false,
      ],
    ];
    const theirClient = new SecretsManagerClient({ region: "us-east-1" });
    const theirs = mockClient(theirClient);
    const { client, mock } = setup();
    const command = (i: object) => ("Tags" in i ? new CreateSecretCommand(i as never) : new RotateSecretCommand(i as never));
    const Command = (i: object) => ("Tags" in i ? CreateSecretCommand : RotateSecretCommand);
    try {
      for (const [sent, expected, strict] of cases) {
        theirs.reset();
        mock.resetStubs();
        theirs.on(Command(sent) as never, expected, strict).resolves({ ARN: "stubbed" });
        mock.on(Command(sent) as never, expected, strict).resolves({ ARN: "stubbed" } as never);
        const theirsMatched = ((await theirClient.send(command(sent) as never)) as { ARN?: string } | undefined)?.ARN === "stubbed";
        const oursMatched = await client.send(command(sent) as never).then(
          (o) => (o as { ARN?: string }).ARN === "stubbed",
          () => false,
        );
        expect({ sent, expected, strict, matched: oursMatched }).toEqual({ sent, expected, strict, matched: theirsMatched });
      }
    } finally {
      theirs.restore();
    }
  });

  test("asymmetric matchers work in a stub's input", async () => {
    const { client, mock } = setup();
    mock.on(GetSecretValueCommand, { SecretId: expect.stringMatching(/^prod\//) }).resolves({ SecretString: "prod" });
    expect((await get(client, "prod/db")).SecretString).toBe("prod");
    expect((await get(client, "db")).SecretString).toBe("from-store");
  });

  test("on() refuses what isn't a Secrets Manager command, and an input that isn't an object", () => {
    const { mock } = setup();
    // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- stands for another service's command class
    class PutObjectCommand {}
    expect(() => mock.on(PutObjectCommand as never)).toThrow(
      "secrets-manager-mock on(): PutObjectCommand is not a Secrets Manager command",
    );
    expect(() => mock.on("GetSecret" as never)).toThrow("GetSecret is not a Secrets Manager command");
    expect(() => mock.on(GetSecretValueCommand, "db" as never)).toThrow("input must be an object");
  });
});

describe("rejects", () => {
  test("an AWS code gives the same SDK exception as an injected fault", async () => {
    const { client, mock } = setup();
    mock.on(GetSecretValueCommand, { SecretId: "db" }).rejectsOnce("ResourceNotFoundException");
    const stubbed = await failure(get(client, "db"));
    mock.failNext("GetSecretValue", { code: "ResourceNotFoundException" });
    const injected = await failure(get(client, "db"));
    expect(stubbed).toBeInstanceOf(ResourceNotFoundException);
    const shape = (e: any) => ({
      ctor: e.constructor,
      name: e.name,
      message: e.message,
      $fault: e.$fault,
      __type: e.__type,
      status: e.$metadata.httpStatusCode,
      keys: Object.keys(e).sort(),
    });
    expect(shape(stubbed)).toEqual(shape(injected));
    expect(mock.calls(GetSecretValueCommand)[0].error).toEqual({
      code: "ResourceNotFoundException",
      message: "Secrets Manager can't find the specified secret.",
    });
  });

  test("{ code, message } and aws-sdk-client-mock's { name, message } give SDK exceptions too", async () => {
    const { client, mock } = setup();
    mock
      .on(GetSecretValueCommand)
      .rejectsOnce({ code: "ThrottlingException" })
      .rejectsOnce({ name: "ResourceNotFoundException", message: "gone" })
      .rejectsOnce({ Code: "AccessDeniedException", message: "no", $metadata: { httpStatusCode: 403 } });
    const throttled = await failure(get(client, "db"));
    expect(throttled).toBeInstanceOf(SecretsManagerServiceException);
    expect([throttled.name, throttled.message, throttled.$metadata.httpStatusCode]).toEqual(["ThrottlingException", "Rate exceeded", 400]);
    const gone = await failure(get(client, "db"));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(gone.message).toBe("gone");
    const denied = await failure(get(client, "db"));
    expect([denied.name, denied.message, denied.$metadata.httpStatusCode]).toEqual(["AccessDeniedException", "no", 403]);
  });

  test("an Error is thrown as it is; a message becomes a plain Error; both are recorded", async () => {
    const { client, mock } = setup();
    const boom = new TypeError("socket hang up");
    mock.on(GetSecretValueCommand).rejectsOnce(boom).rejectsOnce("something went wrong").rejectsOnce();
    expect(await failure(get(client, "db"))).toBe(boom);
    const plain = await failure(get(client, "db"));
    expect([plain.constructor, plain.message]).toEqual([Error, "something went wrong"]);
    expect((await failure(get(client, "db"))).constructor).toBe(Error);
    expect(mock.calls().map((c) => c.error)).toEqual([
      { code: "TypeError", message: "socket hang up" },
      { code: "Error", message: "something went wrong" },
      { code: "Error", message: "" },
    ]);
  });
});

describe("callsFake", () => {
  test("gets the input and the store; its answer is the output", async () => {
    const { client, mock, store } = setup();
    const seen: unknown[] = [];
    mock.on(GetSecretValueCommand).callsFake((input, s) => {
      seen.push(input.SecretId, s === store);
      return { Name: input.SecretId, SecretString: "faked" };
    });
    expect(await get(client, "db")).toMatchObject({ Name: "db", SecretString: "faked", $metadata: { httpStatusCode: 200 } });
    expect(seen).toEqual(["db", true]);
  });

  test("async fakes, fakes that throw ServiceErrors or AWS codes, Once fakes", async () => {
    const { client, mock } = setup();
    mock
      .on(GetSecretValueCommand)
      .callsFakeOnce(() => Promise.resolve({ SecretString: "async" }))
      .callsFakeOnce(() => {
        throw new ServiceError("ResourceNotFoundException", "thrown by a fake");
      })
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a fake rejecting with an AWS code, as users write it
      .callsFakeOnce(() => Promise.reject("ThrottlingException"))
      .callsFakeOnce(() => undefined);
    expect((await get(client, "db")).SecretString).toBe("async");
    const thrown = await failure(get(client, "db"));
    expect([thrown.constructor, thrown.message]).toEqual([ResourceNotFoundException, "thrown by a fake"]);
    expect((await failure(get(client, "db"))).name).toBe("ThrottlingException");
    const empty = await get(client, "db");
    expect(Object.keys(empty)).toEqual(["$metadata"]);
    expect((await get(client, "db")).SecretString).toBe("from-store");
  });

  test("a fake can answer from the store it is given", async () => {
    const { client, mock } = setup();
    mock.on(ListSecretsCommand).callsFake((_input, store) => ({
      SecretList: ["db", "gone"].flatMap((name) => {
        const secret = store.getSecret(store.accountId, "us-east-1", name);
        return secret === undefined ? [] : [{ Name: `${secret.name}-listed`, ARN: secret.arn }];
      }),
    }));
    expect((await client.send(new ListSecretsCommand({}))).SecretList).toEqual([
      { Name: "db-listed", ARN: expect.stringMatching(/:secret:db-/) },
    ]);
  });
});

test("stubs are typed with the SDK's input and output types", () => {
  const { mock } = setup();
  const behaviour = mock.on(GetSecretValueCommand, { SecretId: "db" });
  const typed: (output: Partial<GetSecretValueCommandOutput>) => unknown = behaviour.resolves.bind(behaviour);
  expect(typeof typed).toBe("function");
  // @ts-expect-error SecretString is a string
  mock.on(GetSecretValueCommand).resolves({ SecretString: 42 });
  // @ts-expect-error GetSecretValue has no member Nmae
  mock.on(GetSecretValueCommand, { Nmae: "db" });
  // @ts-expect-error typed by the operation name too
  mock.on("GetSecretValue").resolves({ SecretString: 42 });
  mock.on("DescribeSecret").callsFake((input) => ({ Name: input.SecretId?.toUpperCase() }));
  // @ts-expect-error DescribeSecret's output has no SecretString
  mock.on("DescribeSecret").resolves({ SecretString: "x" });
  mock.resetStubs();
});

describe.each(["middleware", "request-handler"] as const)("through via: %s", (via) => {
  function viaSetup() {
    const store = new SecretsStore({ seed: 1, fixtures: { secrets: { db: { SecretString: "from-store" } } } });
    const client = new SecretsManagerClient({ region: "us-east-1", maxAttempts: 1 });
    const mock = mockSecretsManager(client, { store, via });
    return { store, client, mock };
  }

  test("a stub answers (dates and bytes as the SDK gives them), the store answers the rest, the history has both", async () => {
    const { client, mock, store } = viaSetup();
    const before = store.snapshot();
    const created = new Date("2024-05-06T07:08:09.000Z");
    mock
      .on(GetSecretValueCommand, { SecretId: "db" })
      .resolvesOnce({ Name: "db", SecretBinary: new Uint8Array([1, 2]), CreatedDate: created });
    const stubbed = await get(client, "db");
    expect(stubbed).toMatchObject({
      Name: "db",
      SecretBinary: new Uint8Array([1, 2]),
      CreatedDate: created,
      $metadata: { httpStatusCode: 200 },
    });
    expect(store.snapshot()).toEqual(before);
    expect((await get(client, "db")).SecretString).toBe("from-store");
    expect(mock.calls(GetSecretValueCommand).map((c) => c.output?.Name)).toEqual(["db", "db"]);
  });

  test("an AWS code arrives as the SDK's exception class; a fake gets the input and the store", async () => {
    const { client, mock, store } = viaSetup();
    mock
      .on(GetSecretValueCommand)
      .rejectsOnce("ResourceNotFoundException")
      .callsFakeOnce((input, s) => ({ Name: input.SecretId, SecretString: s === store ? "faked" : "wrong store" }));
    const e = await failure(get(client, "db"));
    expect(e).toBeInstanceOf(ResourceNotFoundException);
    expect([e.message, e.$metadata.httpStatusCode]).toEqual(["Secrets Manager can't find the specified secret.", 400]);
    expect(await get(client, "db")).toMatchObject({ Name: "db", SecretString: "faked" });
    expect(mock.calls().map((c) => c.error?.code)).toEqual(["ResourceNotFoundException", undefined]);
  });

  test("an Error a stub was given reaches the caller as it is", async () => {
    const { client, mock } = viaSetup();
    const boom = new TypeError("socket hang up");
    mock.on(GetSecretValueCommand).rejectsOnce(boom);
    expect(await failure(get(client, "db"))).toBe(boom);
    expect(mock.calls()[0].error).toEqual({ code: "TypeError", message: "socket hang up" });
  });
});
