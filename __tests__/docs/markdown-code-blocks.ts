/**
 * Finds the TypeScript code blocks of a Markdown page, so the docs' samples can be compiled.
 */

/** A fenced ```ts / ```typescript block of a Markdown page. */
export interface CodeBlock {
  /** 1-based line of the block's first code line (the line after the opening fence). */
  readonly line: number;
  readonly code: string;
  /** The reason given in a `<!-- not-checked: reason -->` comment just before the block, if any. */
  readonly notChecked?: string;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/;
const TYPESCRIPT = new Set(["ts", "typescript"]);
const NOT_CHECKED = /^<!--\s*not-checked:(.*?)-->\s*$/;

/**
 * The TypeScript blocks of `markdown`, in page order. Fences of other languages are skipped whole
 * (a ```` ```md ```` block may quote a ```ts fence without it counting).
 */
export function typescriptCodeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, language] = open;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !isClosingFence(lines[end], fence)) end++;
    if (TYPESCRIPT.has(language.toLowerCase())) {
      const body = lines.slice(start, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l));
      const marker = previousNonBlank(lines, i);
      const notChecked = marker === undefined ? undefined : NOT_CHECKED.exec(marker.trim())?.[1].trim();
      blocks.push({ line: start + 1, code: body.join("\n"), ...(notChecked !== undefined && { notChecked }) });
    }
    i = end;
  }
  return blocks;
}

function isClosingFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith(fence) && trimmed.replace(/[`~]/g, "") === "";
}

function previousNonBlank(lines: readonly string[], index: number): string | undefined {
  for (let j = index - 1; j >= 0; j--) if (lines[j].trim() !== "") return lines[j];
  return undefined;
}
