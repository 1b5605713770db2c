/**
 * The build: every public entry point in ESM (`.mjs`) and CommonJS (`.cjs`), each format with its
 * own declaration files (`.d.mts`/`.d.cts`), so Node16/NodeNext resolution reads ESM types for
 * `import` and CommonJS types for `require`. tsdown writes the `exports` map (and this config the
 * `typesVersions` map) of package.json from `entry`: adding an entry point is one line in
 * `entry`, then `npm run build` and commit package.json. `tsc` still type-checks
 * (`npm run typecheck`); this only emits.
 */
import { defineConfig } from "tsdown";

/** Built but not exported: the CLI is reached through `bin`. */
const BIN_ONLY = ["cli"];
/** Source modules; not the declaration modules the same build makes for `.d.mts`/`.d.cts`. */
const SRC = /[\\/]src[\\/].*(?<!\.d)\.ts$/;
const LOADED_ON_USE =
  /[\\/]src[\\/](?:(?:index|cli|register|jest|vitest)\.ts$|testing[\\/]|console[\\/]|server[\\/]|sidecars[\\/]|endpoint[\\/]endpoint\.ts$|wire[\\/](?!wire-loader|bad-gateway)|sdk[\\/]rotation-runner\.ts$)/;

const ENTRY = {
  index: "src/index.ts",
  register: "src/register.ts",
  jest: "src/jest.ts",
  vitest: "src/vitest.ts",
  "node-test": "src/node-test.ts",
  cli: "src/cli.ts",
};

export default defineConfig({
  entry: ENTRY,
  format: ["esm", "cjs"],
  platform: "node",
  dts: true,
  exports: {
    exclude: BIN_ONLY,
    customExports(exports: Record<string, unknown>, { pkg }) {
      // TypeScript's `node10` resolution (its default with `module: commonjs`, so in many ts-jest
      // setups) ignores `exports`: typesVersions shows it each subpath's CommonJS declarations.
      const subpaths = Object.keys(exports).filter((key) => key !== "." && key !== "./package.json");
      pkg.typesVersions = { "*": Object.fromEntries(subpaths.map((key) => [key.slice(2), [`./dist/${key.slice(2)}.d.cts`]])) };
      return exports;
    },
  },
  // Hashed chunk names would change with every edit and make dist/ diffs and stack traces noisy.
  hash: false,
  // Plugin timings depend on how busy the machine is, not on this build.
  checks: { legacyCjs: false, pluginTimings: false },
  // What `import "secrets-manager-mock"` evaluates goes into one chunk (ESM pays about 0.5 ms per
  // file it loads): the bundler's helpers and every module of src/ but the entry points and what
  // loads only when used (the HTTP server and console, the wire codec, the rotation invoker, the
  // test-runner helpers). Left to itself, the bundler cut that code into a chunk per set of entry
  // points sharing it, eight files for the main entry. npm test checks what loads when.
  outputOptions: (options) => ({
    ...options,
    codeSplitting: { groups: [{ name: "core", test: (id) => SRC.test(id) && !LOADED_ON_USE.test(id) }] },
    // A shared chunk named after a module such as src/operations/index.ts would take an entry
    // point's file name (the entry then becomes `index2`, and `types` points at the chunk): such
    // chunks get a prefix.
    chunkFileNames: (chunk) => {
      const pattern =
        typeof options.chunkFileNames === "function" ? options.chunkFileNames(chunk) : (options.chunkFileNames ?? "[name].js");
      return chunk.name.replace(/\.d$/, "") in ENTRY ? `shared-${pattern}` : pattern;
    },
  }),
});
