/**
 * The house's import rules (DESIGN.md, "Layers"): imports point down only. `store/` imports
 * nothing above it; `operations/` imports only `store/` and `errors`; neither loads the SDK at run
 * time (type-only imports are erased); `setup/`, which hands the store what it needs from above,
 * reaches no adapter. Every import specifier of every source file is checked:
 * static imports and re-exports, `import()` and `require()`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const SRC = path.join(__dirname, "../../src");

interface ImportSite {
  specifier: string;
  /** True for `import type` / `export type` (and imports whose every name is a type). */
  typeOnly: boolean;
  line: number;
}

/** Every module specifier `text` imports, re-exports, `import()`s or `require()`s. */
function importsOf(text: string, fileName = "file.ts"): ImportSite[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const sites: ImportSite[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined, typeOnly: boolean) => {
    if (spec === undefined) return;
    // A computed specifier can't be checked: it counts as a violation of every rule.
    const specifier = ts.isStringLiteralLike(spec) ? spec.text : `<computed: ${spec.getText(source)}>`;
    sites.push({ specifier, typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const namedOnlyTypes =
        clause !== undefined &&
        clause.name === undefined &&
        clause.namedBindings !== undefined &&
        ts.isNamedImports(clause.namedBindings) &&
        clause.namedBindings.elements.length > 0 &&
        clause.namedBindings.elements.every((e) => e.isTypeOnly);
      add(node, node.moduleSpecifier, clause?.phaseModifier === ts.SyntaxKind.TypeKeyword || namedOnlyTypes);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
      if (isImport || isRequire) add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

/** The `src/` directory (or top-level module) a relative specifier of `file` lands in, e.g. `store` or `errors`. */
function targetArea(file: string, specifier: string): string {
  const target = path.relative(SRC, path.resolve(path.dirname(file), specifier));
  return target.split(path.sep)[0].replace(/\.(c|m)?[jt]sx?$/, "");
}

interface Rule {
  /** The source directory the rule is about. */
  area: string;
  /** `src/` directories and top-level files it may import from (itself included). */
  mayImport: readonly string[];
}

const RULES: readonly Rule[] = [
  { area: "store", mayImport: ["store", "errors"] },
  { area: "operations", mayImport: ["operations", "store", "errors"] },
  // What the store is handed from above (fixture documents, defaults from the environment).
  { area: "setup", mayImport: ["setup", "operations", "store", "errors"] },
];

/** Packages a core layer may load at run time: Node's own modules and the one runtime dependency. */
const RUNTIME_PACKAGES = /^(node:|uuid$)/;

/** The violations of `rule` by one file's imports. */
function violations(rule: Rule, file: string, text: string): string[] {
  const out: string[] = [];
  for (const site of importsOf(text, file)) {
    const where = `${path.relative(SRC, file)}:${site.line} imports "${site.specifier}"`;
    if (site.specifier.startsWith("<computed")) out.push(`${where} (a computed specifier can't be checked)`);
    else if (site.specifier.startsWith(".")) {
      const area = targetArea(file, site.specifier);
      if (!rule.mayImport.includes(area)) out.push(`${where}: ${rule.area}/ may import only ${rule.mayImport.join(", ")}`);
    } else if (!site.typeOnly && !RUNTIME_PACKAGES.test(site.specifier)) {
      out.push(`${where} at run time: ${rule.area}/ loads no package but Node's and uuid (type-only imports are fine)`);
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(c|m)?tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe.each(RULES)("$area/", (rule) => {
  test(`imports only ${rule.mayImport.join(", ")} (and no package at run time but Node's and uuid)`, () => {
    const files = sourceFiles(path.join(SRC, rule.area));
    expect(files.length).toBeGreaterThan(2);
    const found = files.flatMap((f) => violations(rule, f, fs.readFileSync(f, "utf8")));
    expect(found).toEqual([]);
  });
});

describe("the checker itself", () => {
  const store = RULES[0];
  const operations = RULES[1];
  const inStore = path.join(SRC, "store/example.ts");
  const inOperations = path.join(SRC, "operations/example.ts");

  test.each([
    ["a static import", `import { applyFixtures } from "../setup/seed-fixtures.js";`],
    ["a type-only import from above", `import type { OperationContext } from "../operations/context.js";`],
    ["a re-export", `export { dispatch } from "../operations/index.js";`],
    ["a dynamic import", `async function f() { await import("../adapters/middleware.js"); }`],
    ["a require", `const m = require("../testing/use-mock.js");`],
    ["an import type expression", `let x: import("../console/page.js").Page;`],
    ["a computed specifier", `const name = "x"; await import(name);`],
    ["a run-time SDK import", `import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";`],
  ])("catches %s", (_what, text) => {
    expect(violations(store, inStore, text)).toHaveLength(1);
  });

  test("allows what the rules allow", () => {
    const text = [
      `import * as fs from "node:fs";`,
      `import { v4 } from "uuid";`,
      `import type { SecretListEntry } from "@aws-sdk/client-secrets-manager";`,
      `import { type TagRecord } from "./records.js";`,
      `import { errors } from "../errors.js";`,
    ].join("\n");
    expect(violations(store, inStore, text)).toEqual([]);
    expect(violations(operations, inOperations, `import { attachLabel } from "../store/staging-labels.js";`)).toEqual([]);
    expect(violations(operations, inOperations, `const r = await import("../rotation/invoke-rotation-function.js");`)).toHaveLength(1);
  });
});
