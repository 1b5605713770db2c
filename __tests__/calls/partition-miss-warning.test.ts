/**
 * A ResourceNotFoundException for a secret that exists in another region or account of the store
 * comes with one console.warn naming both and the fix; the AWS error stays exactly the same.
 */
import { DescribeSecretCommand, GetSecretValueCommand, ResourceNotFoundException } from "@aws-sdk/client-secrets-manager";
import { SecretsStore, startSecretsManagerServer } from "secrets-manager-mock";
import { failure } from "../helpers/call-failure";
import { withEnv } from "../helpers/aws-env";
import { WAYS_IN } from "../helpers/ways-in";
import { call } from "../wire/wire-client";

const FIXTURES = { secrets: { "app/db": { SecretString: "do-not-print-me" } } };

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => warn.mockRestore());

describe.each(WAYS_IN)("$name", (way) => {
  test("warns once per secret and searched partition, naming both and the fix; never the value", async () => {
    const store = new SecretsStore({ fixtures: FIXTURES });
    const client = way.client(store, "eu-west-1");
    const e = await failure(client.send(new GetSecretValueCommand({ SecretId: "app/db" })));
    expect(e).toBeInstanceOf(ResourceNotFoundException);
    expect(warn).toHaveBeenCalledTimes(1);
    const text = String(warn.mock.calls[0]![0]);
    expect(text).toContain('GetSecretValue answered ResourceNotFoundException for "app/db"');
    expect(text).toContain("nothing of that name in region eu-west-1 (account 123456789012)");
    expect(text).toContain("it exists in region us-east-1 (account 123456789012)");
    expect(text).toContain("`region` option");
    expect(text).toContain('"Region"');
    expect(text).not.toContain("do-not-print-me");
    // Once per pair: the same miss again, or by another operation, stays quiet.
    await failure(client.send(new GetSecretValueCommand({ SecretId: "app/db" })));
    await failure(client.send(new DescribeSecretCommand({ SecretId: "app/db" })));
    expect(warn).toHaveBeenCalledTimes(1);
    // Another searched partition is another pair.
    await failure(way.client(store, "ap-south-1").send(new GetSecretValueCommand({ SecretId: "app/db" })));
    expect(warn).toHaveBeenCalledTimes(2);
  });

  test("an ARN of another region is found there too", async () => {
    const store = new SecretsStore({ fixtures: FIXTURES });
    const arn = store.getSecret(store.accountId, "us-east-1", "app/db")!.arn;
    await failure(way.client(store, "eu-west-1").send(new GetSecretValueCommand({ SecretId: arn })));
    expect(String(warn.mock.calls[0]![0])).toContain("it exists in region us-east-1");
  });

  test("the error is the same as for a secret that exists nowhere", async () => {
    const store = new SecretsStore({ fixtures: FIXTURES, seed: 1 });
    const elsewhere = await failure(way.client(store, "eu-west-1").send(new GetSecretValueCommand({ SecretId: "app/db" })));
    const nowhere = await failure(way.client(store, "eu-west-1").send(new GetSecretValueCommand({ SecretId: "app/none" })));
    const shape = (e: any) => ({
      ...e,
      $metadata: { ...e.$metadata, requestId: undefined },
      message: e.message,
      name: e.name,
      stack: undefined,
    });
    expect(shape(elsewhere)).toEqual(shape(nowhere));
    expect(warn).toHaveBeenCalledTimes(1);
  });

  test("no warning when nothing exists elsewhere, for successful calls, or with warnings: false", async () => {
    const store = new SecretsStore({ fixtures: FIXTURES });
    await way.client(store, "us-east-1").send(new GetSecretValueCommand({ SecretId: "app/db" }));
    await failure(way.client(store, "eu-west-1").send(new GetSecretValueCommand({ SecretId: "app/none" })));
    const quiet = new SecretsStore({ fixtures: FIXTURES, warnings: false });
    await failure(way.client(quiet, "eu-west-1").send(new GetSecretValueCommand({ SecretId: "app/db" })));
    await withEnv({ SECRETS_MANAGER_MOCK_WARNINGS: "0" }, async () => {
      const off = new SecretsStore({ fixtures: FIXTURES });
      await failure(way.client(off, "eu-west-1").send(new GetSecretValueCommand({ SecretId: "app/db" })));
    });
    expect(warn).not.toHaveBeenCalled();
  });
});

test("another account: the fix names the account", async () => {
  const store = new SecretsStore({ fixtures: FIXTURES });
  const server = await startSecretsManagerServer({ port: 0, store, accountId: "999999999999" });
  try {
    const r = await call(server.url, "GetSecretValue", { SecretId: "app/db" });
    const nowhere = await call(server.url, "GetSecretValue", { SecretId: "app/none" });
    expect(r.status).toBe(400);
    // Byte for byte the body AWS sends for a secret that isn't there.
    expect(r.text).toBe(nowhere.text);
    expect(r.json).toEqual({ __type: "ResourceNotFoundException", Message: "Secrets Manager can't find the specified secret." });
    expect(String(warn.mock.calls[0]![0])).toContain("it exists in region us-east-1 (account 123456789012)");
    expect(String(warn.mock.calls[0]![0])).toContain("`accountId` option");
  } finally {
    await server.close();
  }
});
