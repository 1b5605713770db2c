/**
 * deno test, type-checked: every entry a Deno user imports resolves and type-checks (the test
 * helpers' types need neither Jest nor Vitest installed), and `secrets-manager-mock/register`
 * serves an application run by `deno run`.
 */
import assert from "node:assert/strict";
import { SecretsStore } from "secrets-manager-mock";
import { secretsManagerMatchers, useSecretsManagerMock as forJest } from "secrets-manager-mock/jest";
import { assertReceivedCommand, useSecretsManagerMock as forNodeTest } from "secrets-manager-mock/node-test";
import { useSecretsManagerMock as forVitest } from "secrets-manager-mock/vitest";
// Types only: importing /register for its values would mock every client of this test file.
import type { storeOptionsFromEnv } from "secrets-manager-mock/register";

Deno.test("the helpers of every runner entry take hooks handed to them", () => {
  const registered: string[] = [];
  const hooks = { beforeEach: () => void registered.push("beforeEach"), afterEach: () => void registered.push("afterEach") };
  for (const use of [forJest, forVitest, forNodeTest]) assert.equal(use({ region: "ap-south-1" }, hooks).store.region, "ap-south-1");
  assert.deepEqual(registered, ["beforeEach", "afterEach", "beforeEach", "afterEach", "beforeEach", "afterEach"]);
  assert.equal(typeof secretsManagerMatchers.toHaveReceivedCommand, "function");
  assert.equal(typeof assertReceivedCommand, "function");
  assert.equal(new SecretsStore({ region: "us-west-2" }).region, "us-west-2");
  // /register's declarations (NodeJS.ProcessEnv) type-check with the Node types Deno brings.
  const fromEnv: typeof storeOptionsFromEnv = (env = {}) => ({ region: env.AWS_REGION });
  assert.deepEqual(fromEnv({ AWS_REGION: "sa-east-1" }), { region: "sa-east-1" });
});

Deno.test("secrets-manager-mock/register serves `deno run app.ts` its fixtures", async () => {
  const dir = await Deno.makeTempDir();
  const fixtures = `${dir}/fixtures.json`;
  await Deno.writeTextFile(fixtures, JSON.stringify({ secrets: { "app/key": { SecretString: "registered" } } }));
  const run = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-env", "--allow-read", "--allow-write", "app.ts", "app/key"],
    env: { SECRETS_MANAGER_MOCK_FIXTURES: fixtures, NO_COLOR: "1" },
  });
  const { code, stdout, stderr } = await run.output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  assert.equal(new TextDecoder().decode(stdout).trim(), "registered");
});
