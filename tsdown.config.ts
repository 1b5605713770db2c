/**
 * The build: every public entry point in ESM (`.mjs`) and CommonJS (`.cjs`), each format with its
 * own declaration files (`.d.mts`/`.d.cts`), so Node16/NodeNext resolution reads ESM types for
 * `import` and CommonJS types for `require`. tsdown writes the `exports` map of package.json from
 * `entry`: adding an entry point is one line here, then `npm run build` and commit package.json.
 * `tsc` still type-checks (`npm run typecheck`); this only emits.
 */
import { defineConfig } from "tsdown";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    register: "src/register.ts",
    jest: "src/jest.ts",
    vitest: "src/vitest.ts",
    "node-test": "src/node-test.ts",
    cli: "src/cli.ts",
  },
  format: ["esm", "cjs"],
  platform: "node",
  dts: true,
  // The CLI is reached through `bin`, not imported.
  exports: { exclude: ["cli"] },
  // Hashed chunk names would change with every edit and make dist/ diffs and stack traces noisy.
  hash: false,
  checks: { legacyCjs: false },
});
