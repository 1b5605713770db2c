/** secrets-manager-mock/jest: useSecretsManagerMock and the matchers, as a Jest user writes them. */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import { stripVTControlCharacters } from "node:util";
import { mockSecretsManager } from "secrets-manager-mock";
import { secretsManagerMatchers, useSecretsManagerMock } from "secrets-manager-mock/jest";

expect.extend(secretsManagerMatchers);

/** The `send` the client class has now: read to compare by identity, never called. */
// eslint-disable-next-line @typescript-eslint/unbound-method -- the method is compared by identity, never called unbound
const currentSend = (): unknown => SecretsManagerClient.prototype.send;

const originalSend = currentSend();

describe("useSecretsManagerMock (reset isolation)", () => {
  const sm = useSecretsManagerMock({ seed: 1, fixtures: { secrets: { "app/db": { SecretString: "initial" } } } });
  const client = new SecretsManagerClient({ region: "us-east-1" });

  test("every SecretsManagerClient is served from the fixtures", async () => {
    expect((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).SecretString).toBe("initial");
    await client.send(new PutSecretValueCommand({ SecretId: "app/db", SecretString: "changed by test 1" }));
    await client.send(new CreateSecretCommand({ Name: "extra", SecretString: "x" }));
    expect(sm.store.getSecret(sm.store.accountId, "us-east-1", "extra")).toBeDefined();
  });

  test("the next test starts from the fixtures again, with an empty call history", async () => {
    expect(sm.mock.calls()).toEqual([]);
    expect((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).SecretString).toBe("initial");
    await expect(client.send(new GetSecretValueCommand({ SecretId: "extra" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  test("faults injected in one test don't leak into the next (part 1)", async () => {
    sm.mock.failWhen(() => true, { code: "InternalServiceError" });
    await expect(client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).rejects.toMatchObject({ name: "InternalServiceError" });
  });

  test("faults injected in one test don't leak into the next (part 2)", async () => {
    expect((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).SecretString).toBe("initial");
  });

  test("stubs set in one test don't outlive it (part 1)", async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: "stubbed" });
    sm.mock.on(DescribeSecretCommand).rejects("InternalServiceError");
    expect((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).SecretString).toBe("stubbed");
  });

  test("stubs set in one test don't outlive it (part 2)", async () => {
    expect((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).SecretString).toBe("initial");
    expect((await client.send(new DescribeSecretCommand({ SecretId: "app/db" }))).Name).toBe("app/db");
    sm.on(GetSecretValueCommand).resolves({ SecretString: "stubbed" });
    sm.resetStubs();
    expect((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).SecretString).toBe("initial");
  });

  test("the mock is installed while a test runs", () => {
    expect(currentSend()).not.toBe(originalSend);
    expect(sm.mock.active).toBe(true);
  });
});

describe("after a suite using useSecretsManagerMock", () => {
  test("the client class is restored", () => {
    expect(currentSend()).toBe(originalSend);
  });
});

describe("useSecretsManagerMock (fresh isolation, one client)", () => {
  const client = new SecretsManagerClient({ region: "eu-west-1" });
  const sm = useSecretsManagerMock({ client, isolation: "fresh" });
  const stores: unknown[] = [];

  test("a new store per test (1)", async () => {
    stores.push(sm.store);
    await client.send(new CreateSecretCommand({ Name: "s", SecretString: "v" }));
  });

  test("a new store per test (2)", async () => {
    stores.push(sm.store);
    expect(stores[0]).not.toBe(stores[1]);
    await client.send(new CreateSecretCommand({ Name: "s", SecretString: "v" }));
    expect(currentSend()).toBe(originalSend);
  });
});

describe("matchers", () => {
  const sm = useSecretsManagerMock({ fixtures: { secrets: { db: { SecretString: "pw" } } } });
  const client = new SecretsManagerClient({});

  test("toHaveReceivedCommand / Times / With, on the mock or the handle", async () => {
    await client.send(new GetSecretValueCommand({ SecretId: "db" }));
    await client.send(new GetSecretValueCommand({ SecretId: "db", VersionStage: "AWSCURRENT" }));
    await client.send(new UpdateSecretCommand({ SecretId: "db", SecretString: "new-password" }));
    expect(sm.mock).toHaveReceivedCommand(GetSecretValueCommand);
    expect(sm).toHaveReceivedCommand("UpdateSecret");
    expect(sm.mock).not.toHaveReceivedCommand(CreateSecretCommand);
    expect(sm.mock).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
    expect(sm.mock).not.toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(sm.mock).toHaveReceivedCommandWith(GetSecretValueCommand, { VersionStage: "AWSCURRENT" });
    expect(sm.mock).toHaveReceivedCommandWith(UpdateSecretCommand, { SecretId: "db", SecretString: "new-password" });
    expect(sm.mock).toHaveReceivedCommandWith(UpdateSecretCommand, { SecretString: expect.stringContaining("new") });
    expect(sm.mock).not.toHaveReceivedCommandWith(UpdateSecretCommand, { SecretString: "other" });
  });

  test("the Nth and Any matchers", async () => {
    expect(sm).not.toHaveReceivedAnyCommand();
    await client.send(new GetSecretValueCommand({ SecretId: "db" }));
    await client.send(new DescribeSecretCommand({ SecretId: "db" }));
    await client.send(new GetSecretValueCommand({ SecretId: "db", VersionStage: "AWSCURRENT" }));
    expect(sm).toHaveReceivedAnyCommand();
    expect(sm.mock).toHaveReceivedNthCommandWith(2, DescribeSecretCommand, { SecretId: "db" });
    expect(sm.mock).not.toHaveReceivedNthCommandWith(2, GetSecretValueCommand, { SecretId: "db" });
    expect(sm.mock).toHaveReceivedNthCommandWith(3, "GetSecretValue", { VersionStage: expect.stringMatching(/CURRENT/) });
    expect(sm.mock).toHaveReceivedNthSpecificCommandWith(2, GetSecretValueCommand, { VersionStage: "AWSCURRENT" });
    expect(sm.mock).not.toHaveReceivedNthSpecificCommandWith(1, GetSecretValueCommand, { VersionStage: "AWSCURRENT" });
    expect(sm.mock).not.toHaveReceivedNthSpecificCommandWith(3, GetSecretValueCommand, {});
  });

  test("failure messages list the calls received and never show secret values", async () => {
    await client.send(new UpdateSecretCommand({ SecretId: "db", SecretString: "hidden-value" }));
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretBinary: new Uint8Array([104, 105, 100]) }));
    const messageOf = (assertion: () => void) => {
      try {
        assertion();
      } catch (e) {
        return stripVTControlCharacters((e as Error).message);
      }
      throw new Error("expected the assertion to fail");
    };
    const messages = [
      messageOf(() => expect(sm.mock).toHaveReceivedCommandWith(UpdateSecretCommand, { SecretId: "other", SecretString: "also-hidden" })),
      messageOf(() => expect(sm.mock).toHaveReceivedNthCommandWith(1, UpdateSecretCommand, { SecretString: "also-hidden" })),
      messageOf(() =>
        expect(sm.mock).toHaveReceivedNthSpecificCommandWith(1, PutSecretValueCommand, { SecretBinary: new Uint8Array([1]) }),
      ),
      messageOf(() => expect(sm.mock).not.toHaveReceivedAnyCommand()),
      messageOf(() => expect(sm.mock).toHaveReceivedCommandTimes(UpdateSecretCommand, 3)),
    ];
    expect(messages[0]).toContain(
      'Expected SecretsManagerClient to receive "UpdateSecretCommand" with {"SecretId": "other", "SecretString": "***"}',
    );
    expect(messages[0]).toContain('SecretsManagerClient received matching "UpdateSecretCommand" 0 times');
    expect(messages[1]).toContain('Expected SecretsManagerClient to receive 1. "UpdateSecretCommand" with {"SecretString": "***"}');
    expect(messages[1]).toContain('+   "SecretId": "db",');
    expect(messages[3]).toContain("Expected SecretsManagerClient to not receive any command");
    expect(messages[4]).toContain('SecretsManagerClient received "UpdateSecretCommand" 1 times');
    for (const m of messages) {
      expect(m).toContain(
        '\nCalls:\n  1. UpdateSecretCommand: {"SecretId": "db", "SecretString": "***"}\n  2. PutSecretValueCommand: {"SecretBinary": "***", "SecretId": "db"}',
      );
      expect(m).not.toMatch(/hidden-value|also-hidden|104, 105, 100/);
    }
    expect(() => expect({}).toHaveReceivedCommand(CreateSecretCommand)).toThrow("needs a SecretsManagerMock");
    expect(() => expect(sm.mock).toHaveReceivedCommand("NoSuchOperation" as never)).toThrow(
      "NoSuchOperation is not a Secrets Manager command",
    );
  });
});

test("the matchers are typed with the SDK's command inputs", () => {
  const typeChecks = (mock: object) => {
    // @ts-expect-error GetSecretValue has no member Nmae
    expect(mock).toHaveReceivedCommandWith(GetSecretValueCommand, { Nmae: "db" });
    // @ts-expect-error the call number comes first
    expect(mock).toHaveReceivedNthCommandWith(GetSecretValueCommand, 1, {});
    // @ts-expect-error typed by operation name too
    expect(mock).toHaveReceivedNthSpecificCommandWith(1, "GetSecretValue", { Nmae: "db" });
    expect(mock).toReceiveNthCommandWith(1, "GetSecretValue", { SecretId: expect.any(String) });
  };
  expect(typeof typeChecks).toBe("function");
});

test("the matchers call the runner's printers as methods of its utils (Bun's refuse any other `this`)", async () => {
  const client = new SecretsManagerClient({ region: "us-east-1" });
  const mock = mockSecretsManager(client);
  try {
    await client.send(new DescribeSecretCommand({ SecretId: "app/db" })).catch(() => undefined);
    class BunLikeUtils {
      printExpected(value: unknown): string {
        if (!(this instanceof BunLikeUtils)) throw new TypeError("Expected this to be instanceof ExpectMatcherUtils");
        return `<${String(value)}>`;
      }
      printReceived(value: unknown): string {
        if (!(this instanceof BunLikeUtils)) throw new TypeError("Expected this to be instanceof ExpectMatcherUtils");
        return `[${String(value)}]`;
      }
    }
    const result = secretsManagerMatchers.toHaveReceivedCommand.call(
      { isNot: false, utils: new BunLikeUtils() },
      mock,
      UpdateSecretCommand,
    );
    expect(result.pass).toBe(false);
    expect(result.message()).toContain("<UpdateSecretCommand>");
    expect(result.message()).toContain("[0]");
  } finally {
    mock.restore();
  }
});

describe("outside a test", () => {
  test("the handle's mock can only be used while a test runs", () => {
    const hooks = { beforeEach: () => undefined, afterEach: () => undefined };
    const h = useSecretsManagerMock({}, hooks);
    expect(() => h.mock).toThrow(/only while a test runs/);
    expect(h.store).toBeDefined();
  });
});
