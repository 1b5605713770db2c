/**
 * Runs one scenario against one side (the target, or the mock) and records every call as a
 * normalised step. Each call is checked by the safety guard first and every new secret gets the
 * run's tag, on both sides alike, so both answer the same requests.
 */
import type { ServiceInputTypes, ServiceOutputTypes } from "@aws-sdk/client-secrets-manager";
import { Normaliser } from "./normalise.js";
import { guardCall, RUN_TAG_KEY } from "./safety.js";
import {
  type Json,
  type ParityClient,
  type RetryLimits,
  type Scenario,
  type ScenarioContext,
  type SmCommand,
  type Step,
  StepFailed,
  type Transcript,
} from "./scenario.js";

/** What one side of a comparison is. */
export interface Side {
  client: ParityClient;
  /** The side's account, when known (it becomes `<account>` in ARNs). */
  account: string | undefined;
  region: string;
  otherRegion: string;
  /** Waits between attempts of an eventually consistent step (injected so tests never wait). */
  sleep(ms: number): Promise<void>;
  /** Milliseconds since the epoch; dates are measured from it. */
  now(): number;
  /** True once the run was interrupted (Ctrl-C): the scenario stops before its next call. */
  interrupted?(): boolean;
  /** Told of every secret name a CreateSecret is about to use (what the cleanup deletes; it finds replicas itself). */
  willCreate?(name: string): void;
}

/** The run's identity: every secret name starts with `runPrefix`; the run tag's value is `runId`. */
export interface RunIdentity {
  runId: string;
  runPrefix: string;
}

/** Thrown between calls once the run was interrupted. */
export class RunInterrupted extends Error {
  constructor() {
    super("interrupted");
    this.name = "RunInterrupted";
  }
}

const DEFAULT_LIMITS: Required<RetryLimits> = { maxWaitMs: 60_000, intervalMs: 2_000 };

function operationOf(command: object): string {
  return command.constructor.name.replace(/Command$/, "");
}

/** Runs `scenario` on `side` and returns its transcript (a failed `must` step ends it early, recorded). */
export async function runScenario(scenario: Scenario, side: Side, run: RunIdentity): Promise<Transcript> {
  const normaliser = new Normaliser({ runPrefix: run.runPrefix, runId: run.runId, account: side.account, region: side.region });
  const transcript: Transcript = { steps: [], notes: [] };
  const prefix = `${run.runPrefix}/${scenario.name}/`;
  const labels = new Set<string>();
  const label = (step: string) => {
    let unique = step;
    for (let n = 2; labels.has(unique); n++) unique = `${step} #${n}`;
    labels.add(unique);
    return unique;
  };

  async function call<I extends ServiceInputTypes, O extends ServiceOutputTypes>(
    command: SmCommand<I, O>,
  ): Promise<{ output: O; callTime: number } | { error: unknown; callTime: number }> {
    if (side.interrupted?.() === true) throw new RunInterrupted();
    const operation = operationOf(command);
    let input = command.input as Record<string, unknown>;
    if (operation === "CreateSecret") {
      const tags = Array.isArray(input.Tags) ? (input.Tags as unknown[]) : [];
      input = { ...input, Tags: [{ Key: RUN_TAG_KEY, Value: run.runId }, ...tags] };
      command = new (command.constructor as new (input: unknown) => SmCommand<I, O>)(input);
    }
    guardCall(operation, input, run);
    // Values sent are numbered first, so an answer holding another value than the one written shows.
    for (const member of ["SecretString", "SecretBinary"]) {
      const v = input[member];
      if (typeof v === "string" || v instanceof Uint8Array) normaliser.secret(v);
    }
    if (operation === "CreateSecret" && typeof input.Name === "string") side.willCreate?.(input.Name);
    const callTime = side.now();
    try {
      const output = await side.client.send(command);
      // A target's account shows in the first ARN it answers (when nothing told it before).
      const arn = (output as { ARN?: unknown }).ARN;
      if (side.account === undefined && typeof arn === "string") side.account = /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(arn)?.[1];
      return { output, callTime };
    } catch (error) {
      return { error, callTime };
    }
  }

  function record(
    step: string,
    operation: string,
    result: { output: unknown; callTime: number } | { error: unknown; callTime: number },
  ): void {
    const { outcome, requestId } = normaliser.outcome(result, result.callTime);
    transcript.steps.push({ step: label(step), operation, outcome, requestId } satisfies Step);
  }

  const ctx: ScenarioContext = {
    prefix,
    region: side.region,
    otherRegion: side.otherRegion,
    name: (suffix) => `${prefix}${suffix}`,
    async send(step, command) {
      const result = await call(command);
      record(step, operationOf(command), result);
      return "output" in result ? result.output : undefined;
    },
    async must(step, command) {
      const result = await call(command);
      record(step, operationOf(command), result);
      if (!("output" in result)) throw new StepFailed(step);
      return result.output;
    },
    async eventually(step, command, done, limits) {
      const { maxWaitMs, intervalMs } = { ...DEFAULT_LIMITS, ...limits };
      const started = side.now();
      let result = await call(command);
      let retries = 0;
      const finished = () => ("output" in result ? done(result.output, undefined) : done(undefined, result.error));
      while (!finished() && side.now() - started + intervalMs <= maxWaitMs) {
        await side.sleep(intervalMs);
        retries++;
        result = await call(command);
      }
      if (retries > 0) {
        const waited = Math.round((side.now() - started) / 1000);
        transcript.notes.push(
          `${step}: waited ${waited} s (${retries} ${retries === 1 ? "retry" : "retries"}, limit ${maxWaitMs / 1000} s)${finished() ? "" : " and gave up"}`,
        );
      }
      record(step, operationOf(command), result);
      return "output" in result ? result.output : undefined;
    },
    check(step, value: Json) {
      transcript.steps.push({ step: label(step), operation: "check", outcome: { output: normaliser.value(value, side.now()) } });
    },
  };

  try {
    await scenario.run(ctx);
  } catch (e) {
    if (e instanceof StepFailed) transcript.notes.push(e.message);
    else throw e;
  }
  return transcript;
}
