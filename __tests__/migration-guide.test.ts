/**
 * docs/migrating-from-aws-sdk-client-mock.md shows real code: each TypeScript block is, verbatim, a
 * file of examples/migrating-from-aws-sdk-client-mock/ (which CI type-checks and runs).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");
const doc = readFileSync(join(root, "docs", "migrating-from-aws-sdk-client-mock.md"), "utf8");
const dir = join(root, "examples", "migrating-from-aws-sdk-client-mock");
const files = readdirSync(dir).sort();
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

test("the worked example is the three example files: code, the suite before, the suite after", () => {
  expect(files).toEqual(["after.test.ts", "before.test.ts", "feature-flags.ts"]);
  expect(blocks).toEqual(["feature-flags.ts", "before.test.ts", "after.test.ts"].map((f) => readFileSync(join(dir, f), "utf8")));
});

test("the API table names every matcher and stub method", () => {
  for (const name of [
    "toHaveReceivedCommand",
    "toHaveReceivedCommandTimes",
    "toHaveReceivedCommandWith",
    "toHaveReceivedNthCommandWith",
    "toHaveReceivedNthSpecificCommandWith",
    "toHaveReceivedAnyCommand",
    ".resolvesOnce(output)",
    ".rejectsOnce(error)",
    ".callsFake(",
    "mock.resetStubs()",
    "mock.calls(Command)",
    "assertReceivedCommand(mock, Command, input?)",
  ]) {
    expect(doc).toContain(name);
  }
});
