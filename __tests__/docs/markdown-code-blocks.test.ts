import { typescriptCodeBlocks } from "./markdown-code-blocks";

const page = [
  "# Title", //                                   1
  "", //                                          2
  "```ts", //                                     3
  "const a = 1;", //                              4
  "```", //                                       5
  "", //                                          6
  "<!-- not-checked: shows a fragment -->", //    7
  "", //                                          8
  "```typescript", //                             9
  "a + 1;", //                                    10
  "```", //                                       11
  "````md", //                                    12
  "```ts", //                                     13
  "quoted, not a sample", //                      14
  "```", //                                       15
  "````", //                                      16
  "- a list item:", //                            17
  "  ```ts", //                                   18
  "  const b = 2;", //                            19
  "    const c = 3;", //                          20
  "  ```", //                                     21
  "```sh", //                                     22
  "npm test", //                                  23
  "```", //                                       24
].join("\n");

test("finds ts and typescript blocks with their first line, skipping other languages and quoted fences", () => {
  expect(typescriptCodeBlocks(page)).toEqual([
    { line: 4, code: "const a = 1;" },
    { line: 10, code: "a + 1;", notChecked: "shows a fragment" },
    { line: 19, code: "const b = 2;\n  const c = 3;" },
  ]);
});

test("a not-checked comment applies only to the block right after it", () => {
  const blocks = typescriptCodeBlocks("<!-- not-checked: why -->\n\nSome text.\n\n```ts\nx;\n```\n");
  expect(blocks).toEqual([{ line: 6, code: "x;" }]);
});

test("an empty reason is kept as empty, so the docs test can refuse it", () => {
  expect(typescriptCodeBlocks("<!-- not-checked: -->\n```ts\nx;\n```\n")).toEqual([{ line: 3, code: "x;", notChecked: "" }]);
});
