/**
 * secrets-manager-mock/vitest: a Vitest suite run by Vitest against the built package (npm test
 * builds dist/ first), and the entry's runner-agnostic hooks driven by a minimal runner.
 */
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { secretsManagerMatchers, useSecretsManagerMock } from "secrets-manager-mock/vitest";

/** A tiny runner: collects hooks and runs "tests" between them. */
function miniRunner() {
  const before: (() => unknown)[] = [];
  const after: (() => unknown)[] = [];
  return {
    hooks: { beforeEach: (fn: () => unknown) => before.push(fn), afterEach: (fn: () => unknown) => after.push(fn) },
    async run(test: () => Promise<void>) {
      for (const fn of before) await fn();
      try {
        await test();
      } finally {
        for (const fn of after) await fn();
      }
    },
  };
}

test("a Vitest suite passes: stubs, the six matchers typed on Vitest's expect, Vitest's diffs with secret values hidden", async () => {
  const root = path.join(__dirname, "../..");
  const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", NO_COLOR: "1" };
  const { stdout } = await promisify(execFile)(process.execPath, [vitest, "run", "--root", path.join(__dirname, "../fixtures/vitest-consumer")], { cwd: root, env });
  expect(stdout).toMatch(/Tests\s+4 passed \(4\)/);
}, 60_000);

test("works with hooks passed in (Vitest without globals)", async () => {
  const runner = miniRunner();
  const originalSend = SecretsManagerClient.prototype.send;
  const sm = useSecretsManagerMock({ fixtures: { secrets: { db: { SecretString: "pw" } } } }, runner.hooks);
  const client = new SecretsManagerClient({});
  await runner.run(async () => {
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "changed" }));
    expect(secretsManagerMatchers.toHaveReceivedCommandTimes.call({}, sm, PutSecretValueCommand, 1).pass).toBe(true);
  });
  expect(SecretsManagerClient.prototype.send).toBe(originalSend);
  await runner.run(async () => {
    expect((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("pw");
    expect(secretsManagerMatchers.toHaveReceivedCommand.call({}, sm.mock, PutSecretValueCommand).pass).toBe(false);
    expect(secretsManagerMatchers.toHaveReceivedCommandWith.call({}, sm.mock, "GetSecretValue", { SecretId: "db" }).pass).toBe(true);
  });
});

test("without globals and without hooks, the error says how to pass them", () => {
  const g = globalThis as Record<string, unknown>;
  const saved = g.beforeEach;
  g.beforeEach = undefined;
  try {
    expect(() => useSecretsManagerMock()).toThrow("secrets-manager-mock/vitest: no global beforeEach/afterEach. Pass them");
  } finally {
    g.beforeEach = saved;
  }
});

test("the vitest entry imports nothing from Vitest or Jest", () => {
  const files = ["vitest.ts", "testing/use-mock.ts", "testing/matchers.ts"].map((f) => fs.readFileSync(path.join(__dirname, "../../src", f), "utf8"));
  for (const text of files) {
    // Type-only imports and `declare module` are erased from the JavaScript.
    const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "").replace(/^import type .*$/gm, "");
    expect(code).toMatch(/^import /m);
    expect(code).not.toMatch(/from ["'](vitest|@jest\/globals|jest)["']/);
    expect(code).not.toMatch(/\bvi\.|\bjest\./);
  }
});
