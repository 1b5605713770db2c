/**
 * Every ```ts / ```typescript sample in README.md and docs/*.md compiles, so the docs cannot rot.
 * All samples go into one TypeScript Program (with the project's compiler options and its `paths`,
 * which map `secrets-manager-mock` and its subpaths to src/), each sample a module of its own.
 * A block marked `<!-- not-checked: reason -->` on the line before it is left out.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { type CodeBlock, typescriptCodeBlocks } from "./markdown-code-blocks";

const root = join(__dirname, "..", "..");
const sampleDir = join(root, "__docs_samples__"); // never written: the compiler host serves these files from memory

interface Sample {
  readonly page: string;
  readonly block: CodeBlock;
  readonly fileName: string;
}

/** The Markdown pages whose samples are checked: the README and every page under docs/. */
function documentationPages(): string[] {
  const docs = readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => join("docs", name));
  return ["README.md", ...docs];
}

/**
 * Vitest is not a dependency of this package; when it is not installed, the few declarations the
 * Vitest samples use stand in for it (their signatures as Vitest declares them).
 */
const VITEST_STAND_IN = `
export interface Assertion<T = any> { toEqual(expected: unknown): void; readonly not: Assertion<T> }
export interface ExpectStatic { <T>(actual: T): Assertion<T>; extend(matchers: Record<string, unknown>): void }
export declare const expect: ExpectStatic;
export declare function beforeEach(fn: () => unknown): void;
export declare function afterEach(fn: () => unknown): void;
export declare function test(name: string, fn: () => unknown): void;
`;

function compilerOptions(extraPaths: Record<string, string[]>): ts.CompilerOptions {
  const configPath = join(root, "tsconfig.json");
  const { config } = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configPath);
  return {
    ...parsed.options,
    noEmit: true,
    rootDir: undefined,
    types: ["node", "jest"],
    paths: { ...parsed.options.paths, ...extraPaths },
  };
}

function vitestIsInstalled(): boolean {
  try {
    require.resolve("vitest/package.json", { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

/** Type-checks `sources` (file name → code) in one Program; returns one line per diagnostic. */
function typeCheck(sources: ReadonlyMap<string, string>, locate: (fileName: string, line: number) => string): string[] {
  const extraPaths: Record<string, string[]> = {};
  const files = new Map(sources);
  if (!vitestIsInstalled()) {
    const standIn = join(sampleDir, "vitest-stand-in.d.ts");
    files.set(standIn, VITEST_STAND_IN);
    extraPaths.vitest = [standIn];
  }
  const options = compilerOptions(extraPaths);
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.fileExists = (fileName) => files.has(fileName) || fileExists(fileName);
  host.readFile = (fileName) => files.get(fileName) ?? readFile(fileName);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const text = files.get(fileName);
    return text === undefined
      ? getSourceFile(fileName, languageVersion, ...rest)
      : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  const program = ts.createProgram([...sources.keys()], options, host);
  // Only the samples are checked (src/ has its own type check); the files they import are read as needed.
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[...sources.keys()].flatMap((fileName) => {
      const file = program.getSourceFile(fileName);
      return file ? [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)] : [];
    }),
  ];
  return diagnostics.map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return `TS${d.code}: ${message}`;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${locate(d.file.fileName, line)}: TS${d.code}: ${message}`;
  });
}

const samples: Sample[] = documentationPages().flatMap((page) =>
  typescriptCodeBlocks(readFileSync(join(root, page), "utf8")).map((block, i) => ({
    page,
    block,
    fileName: join(sampleDir, `${page.replace(/[/.]/g, "-")}-${i + 1}.ts`),
  })),
);
const checked = samples.filter((s) => s.block.notChecked === undefined);

/** A sample that must not compile: proves the check reports errors in samples at all. */
const canary = join(sampleDir, "canary.ts");

let report: string[];

beforeAll(() => {
  const sources = new Map<string, string>([[canary, 'const n: number = "not a number";\nexport {};\n']]);
  // `export {}` makes every sample a module: its names stay its own, and top-level await is allowed.
  for (const s of checked) sources.set(s.fileName, `${s.block.code}\nexport {};\n`);
  const byFile = new Map(checked.map((s) => [s.fileName, s]));
  report = typeCheck(sources, (fileName, line) => {
    const s = byFile.get(fileName);
    return s ? `${s.page}:${s.block.line + line}` : `${relative(root, fileName)}:${line + 1}`;
  });
}, 120_000);

test("the README and every docs/ page have TypeScript samples to check", () => {
  const pages = new Set(checked.map((s) => s.page));
  expect(pages).toContain("README.md");
  expect(checked.length).toBeGreaterThanOrEqual(20);
});

test("a sample that does not compile is reported", () => {
  expect(report.filter((line) => line.startsWith("__docs_samples__/canary.ts"))).toEqual([
    "__docs_samples__/canary.ts:1: TS2322: Type 'string' is not assignable to type 'number'.",
  ]);
});

test("every TypeScript sample in README.md and docs/*.md compiles", () => {
  expect(report.filter((line) => !line.startsWith("__docs_samples__/canary.ts"))).toEqual([]);
});

test("every sample left out says why", () => {
  const unexplained = samples.filter((s) => s.block.notChecked === "").map((s) => `${s.page}:${s.block.line}`);
  expect(unexplained).toEqual([]);
});
