/**
 * Recordings: a target's normalised answers to one scenario, written by `--record DIR` as one JSON
 * file per scenario. The project's tests replay them against the mock, so a recording made against
 * AWS becomes a regression test and evidence.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Step } from "./scenario.js";

/** One recording file. */
export interface Recording {
  scenario: string;
  tags: readonly string[];
  /** What answered: `aws` (evidence) or `endpoint` (another emulator, or the mock's own `serve`). */
  recordedAgainst: "aws" | "endpoint";
  /** The day it was recorded (UTC). */
  recordedOn: string;
  /** Waits and early ends the run noted. */
  notes: string[];
  steps: Step[];
}

/** The file name of a scenario's recording (`/` in the name becomes `__`). */
export function recordingFileName(scenario: string): string {
  return `${scenario.replaceAll("/", "__")}.json`;
}

/** Writes `recording` into `dir` (created when missing) and returns the file's path. */
export function writeRecording(dir: string, recording: Recording): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, recordingFileName(recording.scenario));
  fs.writeFileSync(file, `${JSON.stringify(recording, null, 2)}\n`);
  return file;
}

/** Every recording in `dir`, by file name order. */
export function readRecordings(dir: string): Recording[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Recording);
}
