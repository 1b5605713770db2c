/**
 * Every program under examples/ is real and runs in CI: each must exit 0 (each checks its own
 * outputs with assertions). The Jest examples under examples/jest run as part of this suite.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = join(__dirname, "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const programs = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

jest.setTimeout(60_000);

test("examples/ holds the walkthrough and the rotation example", () => {
  expect(programs).toEqual(expect.arrayContaining(["update-secret-walkthrough.ts", "rotate-database-password.ts"]));
  expect(existsSync(tsx)).toBe(true);
});

test.each(programs)("examples/%s runs and passes its own checks", async (program) => {
  const { stdout } = await run(tsx, [join("examples", program)], {
    cwd: root,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  expect(stdout.length).toBeGreaterThan(0);
});

test("npm start's walkthrough prints every guide example and its own verdict", async () => {
  const { stdout } = await run(tsx, [join("examples", "update-secret-walkthrough.ts")], { cwd: root });
  for (const heading of [
    "Example 1: update the description of a secret",
    "Example 2: update the encryption key associated with a secret",
    "Example 3: store a new secret value in a secret",
    "Example 4: store a new secret value from credentials in a JSON file",
    "The old value is still there (AWSPREVIOUS)",
    "All walkthrough outputs match what AWS returns.",
  ]) {
    expect(stdout).toContain(heading);
  }
});
