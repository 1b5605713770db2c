/**
 * The API reference (`npm run docs`, TypeDoc over the package's entry points) builds without a
 * warning: every type the public API mentions is exported or deliberately internal, and every
 * `{@link}` in a TSDoc comment resolves. Nothing is written (`--emit none`).
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = join(__dirname, "..", "..");

test("TypeDoc reads every entry point with warnings treated as errors", async () => {
  const typedoc = join(root, "node_modules", "typedoc", "bin", "typedoc");
  const result = await run(process.execPath, [typedoc, "--emit", "none", "--treatWarningsAsErrors", "--disableSources"], {
    cwd: root,
  }).then(
    ({ stdout, stderr }) => ({ failed: false, output: stdout + stderr }),
    (e: unknown) => {
      const { stdout, stderr } = e as { stdout?: string; stderr?: string };
      return { failed: true, output: `${stdout ?? ""}${stderr ?? ""}` };
    },
  );
  expect(result).toEqual({ failed: false, output: "" });
}, 120_000);
