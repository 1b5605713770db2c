// One lint for the whole tree: typescript-eslint's type-aware strict preset (strict-type-checked).
// Every rule turned down here says why; everything else is an error, run by `npm run lint` and `npm test`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    // Consumer projects under __tests__/consumers/*/ are packages of their own, checked by their own tools.
    ignores: [
      "dist/",
      "node_modules/",
      "coverage/",
      "docs/api-reference/",
      "__tests__/consumers/*/",
      "test-output/",
      "**/*.cjs",
      "**/*.mjs",
      "**/*.js",
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: "./__tests__/tsconfig.json", tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The store's invariants (a staging label always names a version that exists, an index entry
      // always names a record) are what `!` asserts; the model-based tests check them after every
      // step, and checking them again at run time would cost on the hot path.
      "@typescript-eslint/no-non-null-assertion": "off",
      // Numbers and booleans print unambiguously in messages; objects and undefined still may not.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      // `() => doSomething()` as a callback that returns nothing reads plainly; braces around every
      // one add noise and catch nothing the type checker does not.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true, ignoreVoidOperator: true }],
    },
  },
  {
    files: ["__tests__/**/*.ts", "examples/**/*.test.ts"],
    rules: {
      // Tests read what the wire and the SDK hand back (JSON bodies, error objects) without a schema;
      // the assertion right after is the check, so the unsafe-any family only adds casts.
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
);
