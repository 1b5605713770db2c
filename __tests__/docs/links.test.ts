/**
 * Every relative link of the README, CONTRIBUTING, CHANGELOG and docs/*.md pages points at a file
 * that exists and, for `page.md#anchor` links, at a heading of that page (GitHub's anchors).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const root = join(__dirname, "..", "..");

const pages = [
  "README.md",
  "CONTRIBUTING.md",
  "CHANGELOG.md",
  ...readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => join("docs", name)),
].map((page) => join(root, page));

/** Markdown outside fenced code blocks (links inside samples are not links). */
function prose(markdown: string): string {
  return markdown.replace(/^([ \t]*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm, "");
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of prose(readFileSync(file, "utf8")).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}_ -]/gu, "")
      .replace(/ /g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

function brokenLinks(page: string): string[] {
  const broken: string[] = [];
  for (const [, target] of prose(readFileSync(page, "utf8")).matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target)) continue; // https:, mailto: …
    const [path, anchor] = target.split("#") as [string, string?];
    const file = path === "" ? page : join(dirname(page), path);
    if (!existsSync(file)) broken.push(`${relative(root, page)}: ${target} (no such file)`);
    else if (anchor !== undefined && file.endsWith(".md") && !anchorsOf(file).has(anchor))
      broken.push(`${relative(root, page)}: ${target} (no such heading)`);
  }
  return broken;
}

test("relative links in the README and docs/ lead to existing files and headings", () => {
  expect(pages.flatMap(brokenLinks)).toEqual([]);
});

test("the README links to every docs/ page", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const docs = readdirSync(join(root, "docs")).filter((name) => name.endsWith(".md"));
  expect(docs.filter((name) => !readme.includes(`](docs/${name}`))).toEqual([]);
});
