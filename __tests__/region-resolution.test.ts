/**
 * With the region set the way users set it (AWS_REGION, or a profile in the shared config file),
 * fixtures without `Region` and clients without a region meet, through every entry point:
 * SecretsStore, mockSecretsManager (client and class), useSecretsManagerMock, the request handler
 * and `serve`. (The register entry: __tests__/examples/offline-app.test.ts.)
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { createSecretsManagerRequestHandler, mockSecretsManager, SecretsStore } from "secrets-manager-mock";
import { useSecretsManagerMockWith } from "secrets-manager-mock/testing/use-mock";
import { regionSettings, tempConfigFile, withEnv } from "./helpers/aws-env";

const REGION = "eu-west-1";
const FIXTURES = { secrets: { "app/db": { SecretString: "fixture value" } } };
const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const read = (client: SecretsManagerClient) => client.send(new GetSecretValueCommand({ SecretId: "app/db" }));

jest.setTimeout(60_000);

describe.each(regionSettings(REGION))("$name", ({ env }) => {
  const inEnv = (fn: () => Promise<void>) => withEnv(env(), fn);

  test("new SecretsStore({ fixtures }) puts them in that region; a region-less mocked client reads them", () =>
    inEnv(async () => {
      const store = new SecretsStore({ fixtures: FIXTURES });
      expect(store.region).toBe(REGION);
      expect(store.getSecret(store.accountId, REGION, "app/db")).toBeDefined();
      const client = new SecretsManagerClient({});
      mockSecretsManager(client, { store });
      expect((await read(client)).ARN).toMatch(/^arn:aws:secretsmanager:eu-west-1:/);
    }));

  test("mockSecretsManager(SecretsManagerClient, { fixtures })", () =>
    inEnv(async () => {
      const mock = mockSecretsManager(SecretsManagerClient, { fixtures: FIXTURES });
      try {
        expect((await read(new SecretsManagerClient({}))).SecretString).toBe("fixture value");
      } finally {
        mock.restore();
      }
    }));

  test("useSecretsManagerMock({ fixtures })", () =>
    inEnv(async () => {
      const before: Array<() => void | Promise<void>> = [];
      const after: Array<() => void | Promise<void>> = [];
      const handle = useSecretsManagerMockWith(
        { beforeEach: (fn) => before.push(fn), afterEach: (fn) => after.push(fn) },
        { fixtures: FIXTURES },
      );
      for (const fn of before) await fn();
      try {
        expect(handle.store.region).toBe(REGION);
        expect((await read(new SecretsManagerClient({}))).SecretString).toBe("fixture value");
      } finally {
        for (const fn of after) await fn();
      }
    }));

  test("createSecretsManagerRequestHandler(store): the client signs for the same region", () =>
    inEnv(async () => {
      const store = new SecretsStore({ fixtures: FIXTURES });
      const client = new SecretsManagerClient({ credentials, requestHandler: createSecretsManagerRequestHandler(store), maxAttempts: 1 });
      expect((await read(client)).SecretString).toBe("fixture value");
    }));

  test("serve --fixtures: the endpoint's store and a region-less client agree", () =>
    inEnv(async () => {
      const fixtures = tempConfigFile(JSON.stringify(FIXTURES));
      const child = spawn(
        process.execPath,
        ["--import", "tsx", path.join(__dirname, "../src/cli.ts"), "serve", "--port", "0", "--fixtures", fixtures],
        {
          cwd: path.join(__dirname, ".."),
          env: process.env,
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      const exited = new Promise((resolve) => child.on("exit", resolve));
      try {
        const banner = await new Promise<string>((resolve, reject) => {
          let out = "";
          child.stdout.on("data", (c: Buffer) => {
            out += c.toString();
            if (out.includes("\n")) resolve(out);
          });
          child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
        });
        expect(banner).toContain(`(region ${REGION}, account 123456789012)`);
        const url = /listening on (http:\/\/\S+)/.exec(banner)![1];
        const client = new SecretsManagerClient({ endpoint: url, credentials, maxAttempts: 1 });
        expect((await read(client)).SecretString).toBe("fixture value");
        client.destroy();
      } finally {
        child.kill("SIGTERM");
        await exited;
      }
    }));
});

test("an explicit region (option or SECRETS_MANAGER_MOCK_REGION) wins over AWS_REGION and the profile", () =>
  withEnv(
    { AWS_REGION: "eu-west-1", AWS_PROFILE: "dev", AWS_CONFIG_FILE: tempConfigFile("[profile dev]\nregion = ap-south-1\n") },
    async () => {
      expect(new SecretsStore().region).toBe("eu-west-1");
      expect(new SecretsStore({ region: "us-west-2" }).region).toBe("us-west-2");
      await withEnv({ SECRETS_MANAGER_MOCK_REGION: "ca-central-1" }, () => {
        expect(new SecretsStore().region).toBe("ca-central-1");
        expect(new SecretsStore({ region: "us-west-2" }).region).toBe("us-west-2");
      });
      await withEnv({ AWS_REGION: undefined }, () => expect(new SecretsStore().region).toBe("ap-south-1"));
    },
  ));

test("the environment is read when a store is created, not when the package is loaded", async () => {
  expect(new SecretsStore().region).toBe("us-east-1");
  await withEnv({ AWS_REGION: "eu-north-1" }, () => expect(new SecretsStore().region).toBe("eu-north-1"));
  expect(process.env.AWS_REGION).toBeUndefined();
});

describe("a mocked client's region", () => {
  const store = () =>
    new SecretsStore({
      fixtures: {
        secrets: {
          a: { SecretString: "east" },
          b: { SecretString: "south", Region: "ap-south-1" },
          c: { SecretString: "west", Region: "eu-west-2" },
        },
      },
    });

  test("the client's own region, and the region of the client's `profile`", () =>
    withEnv({ AWS_CONFIG_FILE: tempConfigFile("[default]\nregion = us-east-1\n[profile south]\nregion = ap-south-1\n") }, async () => {
      const s = store();
      const west = new SecretsManagerClient({ region: "eu-west-2" });
      mockSecretsManager(west, { store: s });
      expect((await west.send(new GetSecretValueCommand({ SecretId: "c" }))).SecretString).toBe("west");
      const south = new SecretsManagerClient({ profile: "south" });
      mockSecretsManager(south, { store: s });
      expect((await south.send(new GetSecretValueCommand({ SecretId: "b" }))).SecretString).toBe("south");
    }));
});

test("the account follows AWS_ACCOUNT_ID and the profile's aws_account_id; the accountId option wins", () =>
  withEnv({ AWS_PROFILE: "ci", AWS_CONFIG_FILE: tempConfigFile("[profile ci]\naws_account_id = 210987654321\n") }, async () => {
    const store = new SecretsStore({ fixtures: FIXTURES });
    expect(store.accountId).toBe("210987654321");
    expect(store.getSecret("210987654321", "us-east-1", "app/db")!.arn).toMatch(
      /^arn:aws:secretsmanager:us-east-1:210987654321:secret:app\/db-/,
    );
    await withEnv({ AWS_ACCOUNT_ID: "111122223333" }, () => expect(new SecretsStore().accountId).toBe("111122223333"));
    expect(new SecretsStore({ accountId: "999999999999" }).accountId).toBe("999999999999");
  }));
