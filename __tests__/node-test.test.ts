/**
 * secrets-manager-mock/node-test: suites under `node --test` against the built package (npm test
 * builds dist/ first), and the assertions themselves.
 */
import { AssertionError } from "node:assert";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { GetSecretValueCommand, SecretsManagerClient, UpdateSecretCommand } from "@aws-sdk/client-secrets-manager";
import {
  assertNotReceivedCommand,
  assertReceivedCommand,
  assertReceivedNthCommandWith,
  assertReceivedNthSpecificCommandWith,
  useSecretsManagerMock,
} from "secrets-manager-mock/node-test";

const run = promisify(execFile);
const root = join(__dirname, "..");
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };

jest.setTimeout(60_000);

/** Runs one fixture under `node --test`; its exit code and TAP report. */
async function nodeTest(file: string): Promise<{ code: number; out: string }> {
  const args = ["--test", "--test-reporter=tap", join(root, "__tests__", "fixtures", "node-test", file)];
  try {
    const { stdout } = await run(process.execPath, args, { cwd: root, env });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
}

test("a node:test suite passes: per-test store, per-test stubs, assertions", async () => {
  const { code, out } = await nodeTest("passing.test.mjs");
  expect(out).toMatch(/^# pass 4$/m);
  expect(out).toMatch(/^# fail 0$/m);
  expect(code).toBe(0);
});

test("a failing assertion fails the node:test run with the calls listed and no secret value shown", async () => {
  const { code, out } = await nodeTest("failing.test.mjs");
  expect(code).toBe(1);
  expect(out).toMatch(/^# fail 1$/m);
  expect(out).toContain("Expected SecretsManagerClient to receive 'UpdateSecretCommand' with { SecretString: '***' }");
  expect(out).toContain("1. UpdateSecretCommand: { SecretId: 'app/db', SecretString: '***' }");
  expect(out).toContain("name: 'AssertionError'");
  expect(out).not.toMatch(/the-real-password|the-expected-password/);
});

describe("the assertions", () => {
  const hooks: { before: Array<() => unknown>; after: Array<() => unknown> } = { before: [], after: [] };
  const sm = useSecretsManagerMock(
    { fixtures: { secrets: { db: { SecretString: "pw" } } } },
    { beforeEach: (fn) => hooks.before.push(fn), afterEach: (fn) => hooks.after.push(fn) },
  );
  beforeEach(async () => {
    for (const fn of hooks.before) await fn();
  });
  afterEach(async () => {
    for (const fn of hooks.after) await fn();
  });
  const client = new SecretsManagerClient({});

  test("throw node:assert's AssertionError, its stack starting at the failed assertion", async () => {
    await client.send(new GetSecretValueCommand({ SecretId: "db" }));
    let error: unknown;
    try {
      assertReceivedCommand(sm, UpdateSecretCommand);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AssertionError);
    const e = error as AssertionError;
    expect(e.operator).toBe("assertReceivedCommand");
    expect(e.message).toBe(
      "Expected SecretsManagerClient to receive 'UpdateSecretCommand'\nSecretsManagerClient received 'UpdateSecretCommand' 0 times\n\nCalls:\n  1. GetSecretValueCommand: { SecretId: 'db' }",
    );
    expect(e.stack!.split("\n").find((line) => line.trimStart().startsWith("at "))).toContain("node-test.test.ts");
  });

  test("pass and fail as the matchers do", async () => {
    await client.send(new UpdateSecretCommand({ SecretId: "db", SecretString: "new" }));
    await client.send(new GetSecretValueCommand({ SecretId: "db" }));
    assertReceivedCommand(sm, UpdateSecretCommand, { SecretString: "new" });
    assertNotReceivedCommand(sm, UpdateSecretCommand, { SecretString: "other" });
    expect(() => assertNotReceivedCommand(sm, "UpdateSecret")).toThrow(
      "Expected SecretsManagerClient to not receive 'UpdateSecretCommand'",
    );
    assertReceivedNthCommandWith(sm, 2, GetSecretValueCommand, { SecretId: "db" });
    expect(() => assertReceivedNthCommandWith(sm, 1, GetSecretValueCommand, { SecretId: "db" })).toThrow(AssertionError);
    assertReceivedNthSpecificCommandWith(sm, 1, GetSecretValueCommand, { SecretId: "db" });
    expect(() => assertReceivedNthSpecificCommandWith(sm, 2, "GetSecretValue", {})).toThrow("receive 2. 'GetSecretValueCommand'");
    // @ts-expect-error the input is typed with the SDK's UpdateSecretCommandInput
    expect(() => assertReceivedCommand(sm, UpdateSecretCommand, { SecretStrin: "new" })).toThrow(AssertionError);
  });
});
