/** secrets-manager-mock/jest: useSecretsManagerMock and the matchers, as a Jest user writes them. */
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
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
    await expect(client.send(new GetSecretValueCommand({ SecretId: "extra" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  test("faults injected in one test don't leak into the next (part 1)", async () => {
    sm.mock.failWhen(() => true, { code: "InternalServiceError" });
    await expect(client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).rejects.toMatchObject({ name: "InternalServiceError" });
  });

  test("faults injected in one test don't leak into the next (part 2)", async () => {
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

  test("failure messages say what was received and never show secret values", async () => {
    await client.send(new UpdateSecretCommand({ SecretId: "db", SecretString: "hidden-value" }));
    let message = "";
    try {
      expect(sm.mock).toHaveReceivedCommandWith(UpdateSecretCommand, { SecretId: "other", SecretString: "also-hidden" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("expected the mock to have received UpdateSecret with");
    expect(message).toContain('{"SecretId":"db","SecretString":"***"}');
    expect(message).not.toMatch(/hidden-value|also-hidden/);
    expect(() => expect(sm.mock).toHaveReceivedCommandTimes(UpdateSecretCommand, 3)).toThrow("received it 1 time(s)");
    expect(() => expect(sm.mock).toHaveReceivedCommand(CreateSecretCommand)).toThrow("but it never did");
    expect(() => expect({}).toHaveReceivedCommand(CreateSecretCommand)).toThrow("needs a SecretsManagerMock");
  });
});

describe("outside a test", () => {
  test("the handle's mock can only be used while a test runs", () => {
    const hooks = { beforeEach: () => undefined, afterEach: () => undefined };
    const h = useSecretsManagerMock({}, hooks);
    expect(() => h.mock).toThrow(/only while a test runs/);
    expect(h.store).toBeDefined();
  });
});
