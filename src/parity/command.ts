/**
 * `secrets-manager-mock parity`: runs the catalogue against a target and against an in-process
 * mock of the same account and region, prints a table per scenario, and exits 0 when nothing
 * differs, 1 when something does, 2 on a usage error or when the user declines, 130 on Ctrl-C.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { SecretsManagerClient, type SecretsManagerClientConfig } from "@aws-sdk/client-secrets-manager";
import { mockSecretsManager } from "../sdk/mock-secrets-manager.js";
import { SecretsStore } from "../setup/secrets-store.js";
import { readClock } from "../store/clock.js";
import { DEFAULT_ACCOUNT_ID } from "../store/secrets-store.js";
import { callerAccount } from "./account.js";
import { CATALOGUE, catalogueTags, skipReason } from "./catalogue/index.js";
import { Cleanup, type CleanupResult } from "./cleanup.js";
import { compareTranscripts } from "./compare.js";
import { writeRecording } from "./recording.js";
import { formatScenario, formatSummary, type ParityReport, type ScenarioResult, type TargetDescription } from "./report.js";
import { type RunIdentity, RunInterrupted, runScenario, type Side } from "./runner.js";
import { describePlan, type RunPlan } from "./safety.js";
import type { ParityClient, Scenario } from "./scenario.js";

export const PARITY_USAGE = `Usage: secrets-manager-mock parity (--endpoint <url> | --aws [--profile <p>]) [options]

Runs a catalogue of Secrets Manager scenarios against a target and against an in-process mock of
the same account and region, and reports every difference (docs/parity.md).

Target (exactly one):
  --endpoint <url>   any Secrets Manager endpoint: LocalStack, moto, secrets-manager-mock serve, …
                     (sent dummy credentials, never yours)
  --aws              real AWS, with the credentials of the AWS SDK's default chain. Shows the
                     account, region, what it creates and the cost, and asks before it starts.
  --profile <name>   the shared-config profile to use with --aws

Options:
  --region <region>  region of the run (default: the SDK's for --aws, us-east-1 for --endpoint)
  --replica-region <region>
                     second region of the replication scenarios (default us-west-2, or
                     us-east-1 when the run's region is us-west-2)
  --only <tag,…>     run only scenarios with one of these tags (replication runs only when named)
  --report <file>    write the results as JSON
  --record <dir>     write the target's normalised answers, one file per scenario
  --yes              don't ask before running against AWS
  -h, --help         show this help

Exit status: 0 nothing differs, 1 something differs, 2 usage error or not confirmed, 130 interrupted.
`;

/** How the command talks to its user; the CLI passes the terminal, tests pass buffers. */
export interface ParityIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Asks a question and resolves with the answer line (undefined when the input ends). */
  ask(question: string): Promise<string | undefined>;
  /** Registers what Ctrl-C does during the run; returns a function that unregisters it. */
  onInterrupt(handler: () => void): () => void;
}

/** @internal Test-only seams; the CLI never sets them. */
export interface ParityTestHooks {
  /** With `--aws`: send to this endpoint instead of AWS's (a local endpoint standing in for AWS). */
  awsEndpoint?: string;
  /** With `--aws`: where STS GetCallerIdentity goes. */
  stsEndpoint?: string;
  /** Seed of the in-process mock's ids. */
  mockSeed?: string;
  /** Replaces the pause between attempts of an eventually consistent step. */
  sleep?: (ms: number) => Promise<void>;
  /** Wraps the target's client (to interrupt or fail a run at a chosen call). */
  wrapTarget?: (client: ParityClient) => ParityClient;
}

class UsageError extends Error {}

interface ParityOptions {
  endpoint: string | undefined;
  aws: boolean;
  profile: string | undefined;
  region: string | undefined;
  replicaRegion: string | undefined;
  only: string[] | undefined;
  report: string | undefined;
  record: string | undefined;
  yes: boolean;
}

function parseParityArgs(argv: string[]): ParityOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        endpoint: { type: "string" },
        aws: { type: "boolean" },
        profile: { type: "string" },
        region: { type: "string" },
        "replica-region": { type: "string" },
        only: { type: "string" },
        report: { type: "string" },
        record: { type: "string" },
        yes: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return "help";
  if (positionals.length !== 1 || positionals[0] !== "parity")
    throw new UsageError(`unexpected argument: ${positionals.slice(1).join(" ")}`);
  const aws = values.aws === true;
  if (aws && values.endpoint !== undefined) throw new UsageError("give either --endpoint or --aws, not both");
  if (!aws && values.endpoint === undefined) {
    throw new UsageError("say what to compare with: --endpoint <url>, or --aws for real AWS (nothing is sent to AWS without --aws)");
  }
  if (!aws && values.profile !== undefined) throw new UsageError("--profile goes with --aws");
  if (values.endpoint !== undefined && !/^https?:\/\//.test(values.endpoint))
    throw new UsageError(`--endpoint must be an http(s) URL: ${values.endpoint}`);
  let only: string[] | undefined;
  if (values.only !== undefined) {
    only = values.only
      .split(",")
      .map((t) => t.trim())
      .filter((t) => t !== "");
    const known = catalogueTags();
    const unknown = only.filter((t) => !known.includes(t));
    if (only.length === 0 || unknown.length > 0)
      throw new UsageError(
        `unknown tag${unknown.length === 1 ? "" : "s"} in --only: ${unknown.join(", ") || "(none given)"}; tags: ${known.join(", ")}`,
      );
  }
  return {
    endpoint: values.endpoint,
    aws,
    profile: values.profile,
    region: values.region,
    replicaRegion: values["replica-region"],
    only,
    report: values.report,
    record: values.record,
    yes: values.yes === true,
  };
}

/** Counts what the selected scenarios would create and call, by running them against a throwaway mock. */
async function planOf(scenarios: readonly Scenario[], region: string, otherRegion: string, run: RunIdentity): Promise<RunPlan> {
  const plan: RunPlan = { scenarios: scenarios.length, secrets: 0, calls: 0 };
  for (const scenario of scenarios) {
    const client = mockClient(DEFAULT_ACCOUNT_ID, region, undefined);
    const counting: ParityClient = {
      send: ((command: { input: Record<string, unknown>; constructor: { name: string } }) => {
        plan.calls++;
        const op = command.constructor.name;
        const replicas = command.input.AddReplicaRegions;
        if (op === "CreateSecretCommand") plan.secrets++;
        if (Array.isArray(replicas)) plan.secrets += replicas.length;
        return client.send(command as never);
      }) as ParityClient["send"],
    };
    await runScenario(
      scenario,
      { client: counting, account: DEFAULT_ACCOUNT_ID, region, otherRegion, sleep: async () => {}, now: wallClock },
      run,
    );
  }
  return plan;
}

/** A client answered by a fresh in-process store of `accountId` and `region`. */
function mockClient(accountId: string, region: string, seed: string | undefined): SecretsManagerClient {
  const store = new SecretsStore({ accountId, region, ...(seed !== undefined && { seed }) });
  const client = new SecretsManagerClient({ region, credentials: { accessKeyId: "parity", secretAccessKey: "parity" } });
  mockSecretsManager(client, { store });
  return client;
}

/** `url` as shown and reported: a user name or password in it (credentials) left out. */
function shownUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username === "" && parsed.password === "") return url;
  parsed.username = "";
  parsed.password = "";
  return parsed.href;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The wall clock: a run measures a real service, so its dates are compared with real time. */
const wallClock = () => readClock(undefined);

/** Runs `secrets-manager-mock parity <argv…>` and resolves with the exit status. */
export async function runParity(argv: string[], io: ParityIo, hooks: ParityTestHooks = {}): Promise<number> {
  let options: ParityOptions | "help";
  try {
    options = parseParityArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`secrets-manager-mock parity: ${e.message}\n\n${PARITY_USAGE}`);
    return 2;
  }
  if (options === "help") {
    io.stdout(PARITY_USAGE);
    return 0;
  }

  const runId = randomBytes(4).toString("hex");
  const run: RunIdentity = { runId, runPrefix: `smm-parity-${runId}` };
  let client: SecretsManagerClient;
  let region: string;
  let account: string | undefined;
  if (options.aws) {
    const config: SecretsManagerClientConfig = {
      ...(options.region !== undefined && { region: options.region }),
      ...(options.profile !== undefined && { profile: options.profile }),
      ...(hooks.awsEndpoint !== undefined && { endpoint: hooks.awsEndpoint }),
    };
    client = new SecretsManagerClient(config);
    try {
      region = await client.config.region();
    } catch {
      io.stderr("secrets-manager-mock parity: no region: pass --region, or set one in your AWS configuration\n");
      return 2;
    }
  } else {
    region = options.region ?? "us-east-1";
    client = new SecretsManagerClient({
      endpoint: options.endpoint,
      region,
      credentials: { accessKeyId: "parity", secretAccessKey: "parity" },
      maxAttempts: 1,
    });
  }
  const otherRegion = options.replicaRegion ?? (region === "us-west-2" ? "us-east-1" : "us-west-2");
  const selected = CATALOGUE.filter((s) => skipReason(s, options.only) === undefined);
  const target: TargetDescription = {
    kind: options.aws ? "aws" : "endpoint",
    endpoint: shownUrl(options.endpoint ?? hooks.awsEndpoint ?? `https://secretsmanager.${region}.amazonaws.com`),
    region,
    ...(options.profile !== undefined && { profile: options.profile }),
  };

  if (options.aws) {
    let shownAccount: string;
    try {
      account = await callerAccount(client, region, hooks.stsEndpoint);
      shownAccount = account;
    } catch (e) {
      shownAccount = `unknown (${(e as Error).message}); it will be read from the first secret's ARN`;
    }
    const plan = await planOf(selected, region, otherRegion, run);
    io.stdout(
      `${describePlan(plan, { account: shownAccount, region, runPrefix: run.runPrefix, ...(options.only?.includes("replication") === true && { otherRegion }) })}\n`,
    );
    if (!options.yes) {
      const answer = await io.ask("Run it? Type yes to go on: ");
      if (answer?.trim().toLowerCase() !== "yes") {
        io.stderr("Not confirmed: nothing was sent to Secrets Manager.\n");
        return 2;
      }
    }
  } else {
    io.stdout(
      `Comparing ${target.endpoint} (region ${region}) with the mock: ${selected.length} scenarios; secrets are named ${run.runPrefix}/…\n`,
    );
  }

  const cleanup = new Cleanup();
  const targetClient = hooks.wrapTarget?.(client) ?? client;
  // An object, not a let: the handler sets it while the loop below reads it.
  const signal = { interrupted: false };
  const stopListening = io.onInterrupt(() => {
    if (!signal.interrupted) io.stderr("\nInterrupted: finishing the current call, then deleting what the run created…\n");
    else io.stderr("Still deleting what the run created; please wait.\n");
    signal.interrupted = true;
  });
  const targetSide: Side = {
    client: targetClient,
    account,
    region,
    otherRegion,
    sleep: hooks.sleep ?? sleep,
    now: wallClock,
    interrupted: () => signal.interrupted,
    willCreate: (name) => {
      cleanup.track(name);
    },
  };
  const results: ScenarioResult[] = [];
  const startedAt = new Date(wallClock()).toISOString();
  let cleanupResult: CleanupResult;
  let failure: unknown;
  try {
    for (const scenario of CATALOGUE) {
      const base = { name: scenario.name, tags: scenario.tags, description: scenario.description };
      const reason = signal.interrupted ? "interrupted" : skipReason(scenario, options.only);
      if (reason !== undefined) {
        results.push({ ...base, status: "skipped", differences: [], skipped: reason, notes: [] });
        if (signal.interrupted) io.stdout(formatScenario(results[results.length - 1]));
        continue;
      }
      let targetRun;
      try {
        targetRun = await runScenario(scenario, targetSide, run);
      } catch (e) {
        if (!(e instanceof RunInterrupted)) throw e;
        results.push({ ...base, status: "skipped", differences: [], skipped: "interrupted", notes: [] });
        io.stdout(formatScenario(results[results.length - 1]));
        continue;
      }
      // The mock plays the target's account, so ARNs and messages compare alike.
      const mockAccount = targetSide.account ?? DEFAULT_ACCOUNT_ID;
      const mockRun = await runScenario(
        scenario,
        {
          client: mockClient(mockAccount, region, hooks.mockSeed),
          account: mockAccount,
          region,
          otherRegion,
          sleep: async () => {},
          now: wallClock,
        },
        run,
      );
      const differences = compareTranscripts(targetRun, mockRun);
      const result: ScenarioResult = {
        ...base,
        status: differences.length === 0 ? "same" : "differs",
        differences,
        notes: targetRun.notes,
      };
      results.push(result);
      io.stdout(formatScenario(result));
      if (options.record !== undefined) {
        writeRecording(options.record, {
          scenario: scenario.name,
          tags: scenario.tags,
          recordedAgainst: target.kind,
          recordedOn: startedAt.slice(0, 10),
          notes: targetRun.notes,
          steps: targetRun.steps,
        });
      }
    }
  } catch (e) {
    failure = e;
  } finally {
    cleanupResult = await cleanup.run(client);
    stopListening();
    client.destroy();
  }
  if (targetSide.account !== undefined) target.account = targetSide.account;
  const count = (status: ScenarioResult["status"]) => results.filter((r) => r.status === status).length;
  const report: ParityReport = {
    tool: "secrets-manager-mock parity",
    target,
    startedAt,
    runPrefix: run.runPrefix,
    summary: { same: count("same"), differs: count("differs"), skipped: count("skipped") },
    interrupted: signal.interrupted,
    scenarios: results,
    cleanup: cleanupResult,
  };
  io.stdout(formatSummary(report));
  if (options.report !== undefined) {
    fs.mkdirSync(path.dirname(path.resolve(options.report)), { recursive: true });
    fs.writeFileSync(options.report, `${JSON.stringify(report, null, 2)}\n`);
  }
  if (failure !== undefined) {
    io.stderr(`secrets-manager-mock parity: the run stopped: ${(failure as Error).message}\n`);
    return 1;
  }
  if (signal.interrupted) return 130;
  return report.summary.differs > 0 ? 1 : 0;
}
