/**
 * `src/parity/`: the `secrets-manager-mock parity` command, which runs a catalogue of Secrets
 * Manager scenarios against a target (any endpoint, or real AWS with `--aws`) and against an
 * in-process mock, and reports every difference (docs/parity.md).
 *
 * What it holds: the scenario contract (`scenario.ts`) and the catalogue (`catalogue/`, shared with
 * the project's tests), the runner that records normalised steps, the normaliser and comparer, the
 * safety guard and cost estimate, the cleanup, the STS account look-up, recordings, the report, and
 * the command itself.
 *
 * What it may import: Node, `@aws-sdk/client-secrets-manager` (the user's peer copy) and
 * `@smithy/types` (types), and the package's layers below it: the SDK adapters (mockSecretsManager),
 * `setup/` and `store/`. Nothing imports it but the CLI, lazily (`import()`), so `serve` and the
 * library never load it.
 *
 * @packageDocumentation
 */
import * as readline from "node:readline";
import { runParity, type ParityIo } from "./command.js";

export { runParity, PARITY_USAGE } from "./command.js";
export type { ParityIo, ParityTestHooks } from "./command.js";
export { CATALOGUE, catalogueTags, skipReason } from "./catalogue/index.js";
export { compareTranscripts } from "./compare.js";
export type { Difference } from "./compare.js";
export { runScenario, RunInterrupted } from "./runner.js";
export type { RunIdentity, Side } from "./runner.js";
export { readRecordings, recordingFileName, writeRecording } from "./recording.js";
export type { Recording } from "./recording.js";
export type { Scenario, ScenarioContext, Step, Transcript } from "./scenario.js";

/** The terminal: stdout/stderr, a question on stdin, Ctrl-C as SIGINT. */
function terminalIo(): ParityIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    ask: (question) =>
      new Promise((resolve) => {
        const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
        let answered = false;
        rl.question(question, (answer) => {
          answered = true;
          rl.close();
          resolve(answer);
        });
        // Ctrl-C at the question is a no (readline would otherwise only pause).
        rl.on("SIGINT", () => rl.close());
        rl.on("close", () => {
          if (!answered) resolve(undefined);
        });
      }),
    onInterrupt(handler) {
      process.on("SIGINT", handler);
      return () => process.off("SIGINT", handler);
    },
  };
}

/** Runs the command on the terminal; resolves with the exit status. */
export function runParityCli(argv: string[]): Promise<number> {
  return runParity(argv, terminalIo());
}
