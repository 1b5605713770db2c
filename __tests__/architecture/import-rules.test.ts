/**
 * The house's import rules (DESIGN.md, "Layers"; CONTRIBUTING.md, "The rooms"): imports point down
 * only. `store/` imports nothing above it; `operations/` imports only `store/` and `errors`; neither
 * loads the SDK at run time (type-only imports are erased). Above them, each folder of `src/` says
 * in its README.md which folders it may import (a line `May import: ...`) and lists every file it
 * holds; this test holds the code to those READMEs, finds every file cycle (strongly connected
 * components of the run-time import graph) and every folder cycle, and keeps each folder but
 * `operations/` to 15 files. Every import specifier of every source file is checked: static imports
 * and re-exports, `import()` and `require()`.
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

// ---------------------------------------------------------------------------------------------
// The rooms: folder rules read from each folder's README, the file graph and the folder graph.

/** The node of the folder graph a file of `src/` belongs to: its top-level folder, or the top-level module's name (`errors`, `index`, `cli`, ...). */
function areaOf(relFromSrc: string): string {
  return relFromSrc.split(/[\\/]/)[0].replace(/\.(c|m)?[jt]sx?$/, "");
}

/** The top-level modules of `src/` that are entry points: nothing inside `src/` may import them. */
const ENTRY_POINTS = new Set(["index", "cli", "register", "jest", "vitest", "node-test"]);
/** Top-level modules that are leaves of the graph and may be imported by every folder. */
const SHARED_MODULES = new Set(["errors"]);

/** What a folder's README says: the folders it may import, and the files it names. */
interface FolderRule {
  folder: string;
  mayImport: Set<string>;
  readme: string;
}

function folderRules(): Map<string, FolderRule> {
  const rules = new Map<string, FolderRule>();
  for (const entry of fs.readdirSync(SRC, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const readmePath = path.join(SRC, entry.name, "README.md");
    const readme = fs.existsSync(readmePath) ? fs.readFileSync(readmePath, "utf8") : "";
    const line = /^May import: *(.*)$/m.exec(readme)?.[1] ?? "";
    const mayImport = new Set(
      line
        .replace(/`/g, "")
        .split(/[,\s]+/)
        .map((w) => w.replace(/\/$/, ""))
        .filter((w) => w !== "" && w !== "nothing"),
    );
    rules.set(entry.name, { folder: entry.name, mayImport, readme });
  }
  return rules;
}

/** A run-time (or any, with `types`) import edge between two files of `src/`, relative to `src/`. */
interface Edge {
  from: string;
  to: string;
  line: number;
  typeOnly: boolean;
}

/** Resolves a relative specifier of `file` to a source file of `src/` (`./x.js` -> `x.ts`, `./dir` -> `dir/index.ts`). */
function resolveSpecifier(file: string, specifier: string, exists: (abs: string) => boolean): string | undefined {
  const base = path.resolve(path.dirname(file), specifier);
  const stem = base.replace(/\.(c|m)?js$/, "");
  for (const candidate of [base, `${stem}.ts`, `${stem}.mts`, `${stem}.cts`, `${stem}.tsx`, path.join(base, "index.ts")]) {
    if (exists(candidate)) return path.relative(SRC, candidate);
  }
  return undefined;
}

/** The import edges of a set of files given as (path relative to src, text). */
function edgesOf(files: ReadonlyMap<string, string>): Edge[] {
  const known = new Set([...files.keys()].map((f) => path.join(SRC, f)));
  const edges: Edge[] = [];
  for (const [rel, text] of files) {
    const abs = path.join(SRC, rel);
    for (const site of importsOf(text, abs)) {
      if (!site.specifier.startsWith(".")) continue;
      const to = resolveSpecifier(abs, site.specifier, (a) => known.has(a));
      if (to !== undefined) edges.push({ from: rel, to, line: site.line, typeOnly: site.typeOnly });
    }
  }
  return edges;
}

/** The strongly connected components with more than one node (or a self-loop): the cycles (Tarjan). */
function cycles(nodes: Iterable<string>, edges: readonly { from: string; to: string }[]): string[][] {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of out.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = (out.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) found.push(component.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return found;
}

/** The folder-level edges of file edges (within a folder not counted). */
function folderEdges(edges: readonly Edge[]): { from: string; to: string; via: Edge }[] {
  return edges.map((e) => ({ from: areaOf(e.from), to: areaOf(e.to), via: e })).filter((e) => e.from !== e.to);
}

/** What breaks the rooms' rules: an arrow a folder's README does not allow, an import of an entry point, an unknown folder. */
function roomViolations(edges: readonly Edge[], rules: ReadonlyMap<string, FolderRule>): string[] {
  const found: string[] = [];
  for (const { from, to, via } of folderEdges(edges)) {
    const where = `${via.from}:${via.line} imports ${via.to}`;
    if (ENTRY_POINTS.has(to)) found.push(`${where}: ${to} is an entry point, which nothing inside src/ imports`);
    else if (SHARED_MODULES.has(to)) continue;
    else if (ENTRY_POINTS.has(from) || SHARED_MODULES.has(from)) continue;
    else {
      const rule = rules.get(from);
      if (rule === undefined) found.push(`${where}: ${from}/ has no rule`);
      else if (!rule.mayImport.has(to))
        found.push(`${where}: ${from}/README.md allows only ${[...rule.mayImport].join(", ") || "nothing"}`);
    }
  }
  return found;
}

function readSources(): Map<string, string> {
  return new Map(sourceFiles(SRC).map((f) => [path.relative(SRC, f), fs.readFileSync(f, "utf8")]));
}

describe("the rooms of src/", () => {
  const files = readSources();
  const edges = edgesOf(files);
  const rules = folderRules();

  test("no file cycle in the run-time import graph (import(), require() and re-exports included)", () => {
    const runTime = edges.filter((e) => !e.typeOnly);
    expect(runTime.length).toBeGreaterThan(100);
    expect(cycles(files.keys(), runTime)).toEqual([]);
  });

  test("no folder cycle (type-only imports included: a type is an arrow too)", () => {
    const arrows = folderEdges(edges);
    expect(cycles(new Set(arrows.flatMap((a) => [a.from, a.to])), arrows)).toEqual([]);
  });

  test("every arrow between folders is one its README allows", () => {
    expect(roomViolations(edges, rules)).toEqual([]);
  });

  test("every folder has a README.md with a `May import:` line that names existing folders, and lists each of its files", () => {
    const problems: string[] = [];
    const folders = new Set([...rules.keys(), ...SHARED_MODULES]);
    for (const rule of rules.values()) {
      if (rule.readme === "") problems.push(`${rule.folder}/ has no README.md`);
      else if (!/^May import:/m.test(rule.readme)) problems.push(`${rule.folder}/README.md has no "May import:" line`);
      for (const name of rule.mayImport)
        if (!folders.has(name)) problems.push(`${rule.folder}/README.md names an unknown folder "${name}"`);
      const own = [...files.keys()].filter((f) => areaOf(f) === rule.folder);
      for (const f of own) {
        const inFolder = f.split(/[\\/]/).slice(1).join("/");
        if (!rule.readme.includes(inFolder)) problems.push(`${rule.folder}/README.md does not list ${inFolder}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("no folder but operations/ holds more than 15 files directly", () => {
    const crowded = [...rules.keys()]
      .filter((folder) => folder !== "operations")
      .map((folder) => ({
        folder,
        files: fs.readdirSync(path.join(SRC, folder), { withFileTypes: true }).filter((e) => e.isFile() && !e.name.endsWith(".md")).length,
      }))
      .filter((f) => f.files > 15);
    expect(crowded).toEqual([]);
  });
});

describe("the room checks themselves", () => {
  const file = (name: string, ...imports: string[]): [string, string] => [name, imports.map((i) => `import { x } from "${i}";`).join("\n")];
  const exists = (files: Map<string, string>) => (abs: string) => files.has(path.relative(SRC, abs));

  test("resolves .js specifiers to .ts files and folders to their index", () => {
    const files = new Map([file("a/x.ts", "../b/y.js", "../c"), file("b/y.ts"), file("c/index.ts")]);
    expect(resolveSpecifier(path.join(SRC, "a/x.ts"), "../b/y.js", exists(files))).toBe(path.join("b", "y.ts"));
    expect(resolveSpecifier(path.join(SRC, "a/x.ts"), "../c", exists(files))).toBe(path.join("c", "index.ts"));
  });

  test("finds a file cycle through a dynamic import, and none in a DAG", () => {
    const cyclic = new Map([
      file("calls/answer.ts", "../rotation/invoker.js"),
      ["rotation/invoker.ts", `export const f = () => import("../sdk/middleware.js");`] as [string, string],
      file("sdk/middleware.ts", "../calls/answer.js"),
      file("store/s.ts"),
    ]);
    expect(cycles(cyclic.keys(), edgesOf(cyclic))).toEqual([
      [path.join("calls", "answer.ts"), path.join("rotation", "invoker.ts"), path.join("sdk", "middleware.ts")],
    ]);
    const dag = new Map([file("sdk/m.ts", "../calls/a.js"), file("calls/a.ts", "../store/s.js"), file("store/s.ts")]);
    expect(cycles(dag.keys(), edgesOf(dag))).toEqual([]);
  });

  test("a type-only import does not make a file cycle, but does make a folder arrow", () => {
    const files = new Map<string, string>([
      ["server/a.ts", `import { consoleModule } from "../console/b.js";`],
      ["console/b.ts", `import type { ServerContext } from "../server/a.js";`],
    ]);
    const edges = edgesOf(files);
    expect(
      cycles(
        files.keys(),
        edges.filter((e) => !e.typeOnly),
      ),
    ).toEqual([]);
    const arrows = folderEdges(edges);
    expect(cycles(new Set(arrows.flatMap((a) => [a.from, a.to])), arrows)).toEqual([["console", "server"]]);
  });

  test("finds an arrow a README forbids, an import of an entry point, and a folder without a rule", () => {
    const rules = new Map<string, FolderRule>([
      ["wire", { folder: "wire", mayImport: new Set(["calls"]), readme: "May import: calls" }],
      ["calls", { folder: "calls", mayImport: new Set(), readme: "May import: nothing" }],
    ]);
    const files = new Map([
      file("wire/h.ts", "../calls/a.js", "../sdk/stubs.js", "../errors.js"),
      file("calls/a.ts", "../index.js"),
      file("sdk/stubs.ts", "../wire/h.js"),
      file("index.ts"),
      file("errors.ts"),
    ]);
    const found = roomViolations(edgesOf(files), rules);
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/wire\/h\.ts:2 imports sdk\/stubs\.ts: wire\/README\.md allows only calls/);
    expect(found[1]).toMatch(/index is an entry point/);
    expect(found[2]).toMatch(/sdk\/ has no rule/);
  });
});
