/**
 * `console.js`: the page's code as the browser receives it. It is the compiled source of
 * {@link consoleApp}, taken from the function itself, so whichever tool builds the package
 * (tsdown for dist/, ts-jest in the tests, tsx for the CLI in development) compiles the page
 * along with the rest, and no asset file has to be found at run time.
 */
import { consoleApp } from "./console-app.js";

let script: string | undefined;

/**
 * The page's module script. esbuild (tsx, or a bundler with `keepNames`) wraps the names of inner
 * functions in calls to its `__name` helper, which lives outside the function: the script
 * provides a harmless one.
 */
export function consoleScript(): string {
  script ??= `const __name = (target) => target;\n(${consoleApp.toString()})();\n`;
  return script;
}
