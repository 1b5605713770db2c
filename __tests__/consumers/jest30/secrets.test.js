/** Jest 30, CommonJS: the helpers found through Jest's globals, the matchers, rotation, and the request handler. */
const {
  CreateSecretCommand,
  GetSecretValueCommand,
  ResourceNotFoundException,
  RotateSecretCommand,
  SecretsManagerClient,
  UpdateSecretCommand,
} = require("@aws-sdk/client-secrets-manager");
const { createSecretsManagerRequestHandler, passwordRotationFunction, SecretsStore } = require("secrets-manager-mock");
const { secretsManagerMatchers, useSecretsManagerMock } = require("secrets-manager-mock/jest");

expect.extend(secretsManagerMatchers);

describe("useSecretsManagerMock() with Jest's globals", () => {
  const sm = useSecretsManagerMock({
    seed: 1,
    fixtures: { secrets: { "app/db": { SecretString: JSON.stringify({ password: "initial" }) } } },
  });
  const client = new SecretsManagerClient({ region: "us-east-1" });

  test("reads the fixtures and records the calls", async () => {
    await client.send(new UpdateSecretCommand({ SecretId: "app/db", SecretString: JSON.stringify({ password: "changed" }) }));
    const got = await client.send(new GetSecretValueCommand({ SecretId: "app/db" }));
    expect(JSON.parse(got.SecretString).password).toBe("changed");
    expect(sm.mock).toHaveReceivedCommandWith(UpdateSecretCommand, { SecretId: "app/db" });
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
  });

  test("each test starts from the fixtures; errors are the SDK's classes", async () => {
    const got = await client.send(new GetSecretValueCommand({ SecretId: "app/db" }));
    expect(JSON.parse(got.SecretString).password).toBe("initial");
    await expect(client.send(new GetSecretValueCommand({ SecretId: "nope" }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  test("rotation runs the registered function (loaded lazily, without ESM support in Jest's VM)", async () => {
    const arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate";
    sm.store.registerRotationFunction(arn, passwordRotationFunction());
    await client.send(
      new RotateSecretCommand({ SecretId: "app/db", RotationLambdaARN: arn, RotationRules: { AutomaticallyAfterDays: 7 } }),
    );
    const got = await client.send(new GetSecretValueCommand({ SecretId: "app/db" }));
    expect(JSON.parse(got.SecretString).password).not.toBe("initial");
  });
});

test("the request handler serves a client through the SDK's own serializers", async () => {
  const store = new SecretsStore({ seed: 2 });
  const client = new SecretsManagerClient({
    region: "eu-west-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    requestHandler: createSecretsManagerRequestHandler(store),
  });
  const created = await client.send(new CreateSecretCommand({ Name: "wire", SecretBinary: new Uint8Array([1, 2, 3]) }));
  expect(created.ARN).toContain(":eu-west-1:123456789012:secret:wire-");
  const got = await client.send(new GetSecretValueCommand({ SecretId: "wire" }));
  expect(Array.from(got.SecretBinary)).toEqual([1, 2, 3]);
});
