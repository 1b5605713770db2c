/**
 * secrets-manager-mock/vitest: runner-agnostic (Vitest isn't installed here, so a minimal runner
 * drives the hooks exactly as Vitest would call them).
 */
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import * as fs from "node:fs";
import * as path from "node:path";
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

/** The `send` the client class has now: read to compare by identity, never called. */
// eslint-disable-next-line @typescript-eslint/unbound-method -- the method is compared by identity, never called unbound
const currentSend = (): unknown => SecretsManagerClient.prototype.send;

test("works with hooks passed in (Vitest without globals)", async () => {
  const runner = miniRunner();
  const originalSend = currentSend();
  const sm = useSecretsManagerMock({ fixtures: { secrets: { db: { SecretString: "pw" } } } }, runner.hooks);
  const client = new SecretsManagerClient({});
  await runner.run(async () => {
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "changed" }));
    expect(secretsManagerMatchers.toHaveReceivedCommandTimes.call({}, sm, PutSecretValueCommand, 1).pass).toBe(true);
  });
  expect(currentSend()).toBe(originalSend);
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
    const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    expect(code).toMatch(/^import /m);
    expect(code).not.toMatch(/from ["'](vitest|@jest\/globals|jest)["']/);
    expect(code).not.toMatch(/\bvi\.|\bjest\./);
  }
});
