/**
 * What a parity scenario is: a named, tagged sequence of Secrets Manager calls written once and run
 * against any target (AWS, another emulator, the mock), each call's answer recorded as a step.
 */
import type {
  SecretsManagerClient,
  SecretsManagerClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes,
} from "@aws-sdk/client-secrets-manager";
import type { Command } from "@smithy/types";

/** A JSON value: what a step records after normalisation. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How one call ended, normalised (random and time-dependent parts replaced by stable placeholders). */
export type StepOutcome = { output: Json } | { error: { name: string; message: string; httpStatusCode?: number; fault?: string } };

/** One recorded step of a scenario: a call, or a check the scenario computed from earlier answers. */
export interface Step {
  /** The scenario's label for the step (unique within the scenario). */
  step: string;
  /** The operation called (`CreateSecret`), or `check` for a computed value. */
  operation: string;
  outcome: StepOutcome;
  /** The request id's placeholder (`<request-id:N>`: a UUID, the N-th distinct one of the scenario). */
  requestId?: string;
}

/** Everything a scenario's run left: its steps, and notes such as eventual-consistency waits. */
export interface Transcript {
  steps: Step[];
  /** Human notes (e.g. "ListSecrets: waited 4 s (2 retries) for the listing to catch up"); never compared. */
  notes: string[];
}

/** Limits of {@link ScenarioContext.eventually}: how long a step may be retried on an eventually consistent target. */
export interface RetryLimits {
  /** Give up after this many milliseconds (default 60 000, as AWS-validated suites poll ListSecrets). */
  maxWaitMs?: number;
  /** Pause between attempts, in milliseconds (default 2 000). */
  intervalMs?: number;
}

/** A Secrets Manager command (`new CreateSecretCommand({...})`), with the output type `O` it answers. */
export type SmCommand<I extends ServiceInputTypes, O extends ServiceOutputTypes> = Command<
  ServiceInputTypes,
  I,
  ServiceOutputTypes,
  O,
  SecretsManagerClientResolvedConfig
>;

/** What a running scenario can do. Every call goes through it, so it is recorded, normalised and guarded. */
export interface ScenarioContext {
  /** A secret name of this scenario: `<run prefix>/<scenario name>/<suffix>`. */
  name(suffix: string): string;
  /** The prefix every name of this scenario starts with (ends with `/`); ListSecrets filters must start with it. */
  readonly prefix: string;
  /** The region the run targets. */
  readonly region: string;
  /** A region other than {@link region}, for replication scenarios. */
  readonly otherRegion: string;
  /**
   * Sends `command`, records its normalised outcome under `step`, and returns the output
   * (`undefined` when the call failed).
   */
  send<I extends ServiceInputTypes, O extends ServiceOutputTypes>(step: string, command: SmCommand<I, O>): Promise<O | undefined>;
  /** Like {@link send}, but a failure ends the scenario (it is recorded first). */
  must<I extends ServiceInputTypes, O extends ServiceOutputTypes>(step: string, command: SmCommand<I, O>): Promise<O>;
  /**
   * Sends `command` until `done(output, error)` holds or the limits run out, then records the last
   * outcome under `step`. Real AWS is eventually consistent (a new secret may be missing from
   * ListSecrets for a while; a force-deleted name stays reserved for seconds); a note says how long
   * the scenario waited.
   */
  eventually<I extends ServiceInputTypes, O extends ServiceOutputTypes>(
    step: string,
    command: SmCommand<I, O>,
    done: (output: O | undefined, error: unknown) => boolean,
    limits?: RetryLimits,
  ): Promise<O | undefined>;
  /** Records a value the scenario computed (a comparison of dates, the shape of a password) as a step. */
  check(step: string, value: Json): void;
}

/** One scenario of the catalogue. */
export interface Scenario {
  /** Unique name, also the secret-name segment of the scenario: letters, digits and `-/_+=.@` only. */
  name: string;
  /** Tags `--only` selects by (e.g. `update-secret`, `staging-labels`, `errors`). */
  tags: readonly string[];
  /** What the scenario shows, in one sentence (printed in the report). */
  description: string;
  /** Not run unless one of its tags is named by `--only` (replication: replicas cost money and take time). */
  offByDefault?: boolean;
  run(ctx: ScenarioContext): Promise<void>;
}

/** Thrown by {@link ScenarioContext.must} when a step the scenario depends on failed; ends the scenario. */
export class StepFailed extends Error {
  constructor(readonly step: string) {
    super(`step "${step}" failed; the scenario stops here`);
    this.name = "StepFailed";
  }
}

/** A client the runner sends through, so commands are typed by the SDK. */
export type ParityClient = Pick<SecretsManagerClient, "send">;
