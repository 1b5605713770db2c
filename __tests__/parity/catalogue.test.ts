/**
 * The parity catalogue as the project's own behaviour suite: every scenario runs against the mock
 * through each way in and must answer exactly what its recording under `recordings/` holds (made
 * with `parity --record` against `serve`, or contributed from AWS). A recording from AWS thus
 * becomes a regression test; the expectations below pin the recordings to the evidence in
 * docs/behaviour-notes.md, so the behaviour is described once, by the scenario.
 */
import * as path from "node:path";
import { SecretsStore } from "secrets-manager-mock";
import { CATALOGUE, compareTranscripts, readRecordings, recordingFileName, runScenario, skipReason } from "../../src/parity/index";
import type { Recording, Step } from "../../src/parity/index";
import type { Json } from "../../src/parity/scenario";
import { WAYS_IN } from "../helpers/ways-in";

const RECORDINGS = path.join(__dirname, "recordings");
const recordings = new Map<string, Recording>(readRecordings(RECORDINGS).map((r) => [r.scenario, r]));
const run = { runId: "0a1b2c3d", runPrefix: "smm-parity-0a1b2c3d" };

describe("the catalogue", () => {
  test("at least 40 scenarios run by default; names are unique secret-name segments; each is tagged and described", () => {
    expect(CATALOGUE.filter((s) => skipReason(s, undefined) === undefined).length).toBeGreaterThanOrEqual(40);
    const names = CATALOGUE.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const s of CATALOGUE) {
      expect(s.name).toMatch(/^[A-Za-z0-9/_+=.@-]+$/);
      expect(s.tags.length).toBeGreaterThan(0);
      expect(s.description).not.toBe("");
    }
  });

  test("the areas the catalogue must cover each have scenarios; replication is off by default", () => {
    const tags = new Set(CATALOGUE.flatMap((s) => s.tags));
    for (const tag of [
      "cli-examples",
      "modify-secret",
      "staging-labels",
      "tokens",
      "deletion",
      "list-secrets",
      "filters",
      "pagination",
      "batch-get-secret-value",
      "get-random-password",
      "errors",
      "replication",
    ]) {
      expect(tags).toContain(tag);
    }
    expect(CATALOGUE.filter((s) => s.tags.includes("replication")).every((s) => s.offByDefault === true)).toBe(true);
  });

  test("every scenario has a recording, and every recording a scenario", () => {
    expect([...recordings.keys()].sort()).toEqual(CATALOGUE.map((s) => s.name).sort());
    for (const s of CATALOGUE) expect(recordingFileName(s.name)).toBe(`${s.name.replaceAll("/", "__")}.json`);
  });
});

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("every scenario against the mock via %s answers as recorded", (_name, way) => {
  test.each(CATALOGUE.map((s) => [s.name, s] as const))("%s", async (_scenario, scenario) => {
    const store = new SecretsStore({ region: "us-east-1", seed: "catalogue" });
    const client = way.client(store);
    const transcript = await runScenario(
      scenario,
      {
        client,
        account: store.accountId,
        region: "us-east-1",
        otherRegion: "us-west-2",
        sleep: () => Promise.resolve(),
        now: () => Date.now(),
      },
      run,
    );
    const recording = recordings.get(scenario.name);
    expect(recording).toBeDefined();
    expect(compareTranscripts({ steps: recording?.steps ?? [], notes: [] }, transcript)).toEqual([]);
  });
});

/** Facts from docs/behaviour-notes.md (most recorded on AWS) that the recordings must show. */
const EXPECTATIONS: Array<[scenario: string, step: string, outcome: Step["outcome"]]> = [
  [
    "errors/not-found",
    "get",
    {
      error: {
        name: "ResourceNotFoundException",
        message: "Secrets Manager can't find the specified secret.",
        httpStatusCode: 400,
        fault: "client",
      },
    },
  ],
  [
    "errors/name-exists",
    "create again",
    {
      error: {
        name: "ResourceExistsException",
        message: "The operation failed because the secret <run>/errors/name-exists/app already exists.",
        httpStatusCode: 400,
        fault: "client",
      },
    },
  ],
  [
    "errors/invalid-name",
    "get with a star",
    {
      error: {
        name: "ValidationException",
        message: "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!",
        httpStatusCode: 400,
        fault: "client",
      },
    },
  ],
  [
    "deletion/calls-on-scheduled-secret",
    "get",
    {
      error: {
        name: "InvalidRequestException",
        message: "You can't perform this operation on the secret because it was marked for deletion.",
        httpStatusCode: 400,
        fault: "client",
      },
    },
  ],
  [
    "deletion/calls-on-scheduled-secret",
    "create the same name",
    {
      error: {
        name: "InvalidRequestException",
        message: "You can't create this secret because a secret with this name is already scheduled for deletion.",
        httpStatusCode: 400,
        fault: "client",
      },
    },
  ],
  [
    "labels/version-errors",
    "get AWSPREVIOUS when none",
    {
      error: {
        name: "ResourceNotFoundException",
        message: "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS",
        httpStatusCode: 400,
        fault: "client",
      },
    },
  ],
  [
    "labels/version-errors",
    "get VersionId with a stage it lacks",
    {
      error: {
        name: "InvalidRequestException",
        message: "You provided a VersionStage that is not associated to the provided VersionId.",
        httpStatusCode: 400,
        fault: "client",
      },
    },
  ],
  [
    "modify/rotation-without-lambda",
    "rotate without a Lambda",
    {
      error: {
        name: "InvalidRequestException",
        message: "No Lambda rotation function ARN is associated with this secret.",
        httpStatusCode: 400,
        fault: "client",
      },
    },
  ],
  [
    "tokens/create-conflicts",
    "same token, other value",
    {
      error: {
        name: "ResourceExistsException",
        message:
          "You can't use ClientRequestToken <uuid:1> because that value is already in use for a version of secret arn:aws:secretsmanager:<region>:<account>:secret:<run>/tokens/create-conflicts/app-<suffix:1>.",
        httpStatusCode: 400,
        fault: "client",
      },
    },
  ],
  [
    "deletion/window-and-restore",
    "delete with 7 days",
    { output: { ARN: expect.any(String), Name: "<run>/deletion/window-and-restore/app", DeletionDate: "<date:+7d>" } },
  ],
  [
    "deletion/default-window",
    "delete",
    { output: { ARN: expect.any(String), Name: "<run>/deletion/default-window/app", DeletionDate: "<date:+30d>" } },
  ],
  ["password/defaults", "get random password", { output: { RandomPassword: "<password length=32 upper,lower,digit,punctuation>" } }],
  ["modify/update-nothing", "update nothing", { output: { ARN: expect.any(String), Name: "<run>/modify/update-nothing/app" } }],
  // The label moves and version counts the behaviour tests used to spell out (aws-behaviour.md §2).
  [
    "labels/worked-sequence",
    "after second move: describe",
    {
      output: expect.objectContaining({
        VersionIdsToStages: {
          "<uuid:2>": ["PUT0"],
          "<uuid:3>": ["AWSPREVIOUS", "PUT1"],
          "<uuid:4>": ["AWSCURRENT", "AWSPENDING", "PUT2"],
        },
      }) as Json,
    },
  ],
  [
    "labels/default-put-moves-current",
    "after v3: list versions with deprecated",
    {
      output: expect.objectContaining({
        Versions: [
          expect.not.objectContaining({ VersionStages: expect.anything() }),
          expect.objectContaining({ VersionId: "<uuid:2>", VersionStages: ["AWSPREVIOUS"] }),
          expect.objectContaining({ VersionId: "<uuid:3>", VersionStages: ["AWSCURRENT"] }),
        ],
      }) as Json,
    },
  ],
  [
    "labels/default-put-moves-current",
    "get the deprecated v1 by id",
    { output: expect.objectContaining({ VersionId: "<uuid:1>", VersionStages: [], SecretString: "<secret:1>" }) as Json },
  ],
  [
    "labels/move-current-without-remove-from",
    "move AWSCURRENT",
    {
      error: {
        name: "InvalidParameterException",
        message:
          "The parameter RemoveFromVersionId can't be empty. Staging label AWSCURRENT is currently attached to version <uuid:1>, so you must explicitly reference that version in RemoveFromVersionId.",
        httpStatusCode: 400,
        fault: "client",
      },
    },
  ],
  // Reported from AWS in getmoto/moto#6461: the range check runs before the conjunction check.
  [
    "deletion/window-out-of-range",
    "window 0 with force",
    {
      error: {
        name: "InvalidParameterException",
        message: "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).",
        httpStatusCode: 400,
        fault: "client",
      },
    },
  ],
  // Rows of the AWS-recorded filter table.
  ["list/filters", "description a secret: names", { output: ["/testing2/two-1", "testing1/one-1"] }],
  ["list/filters", "name not starting with /: names", { output: ["testing1/one-1", "testing3/three-1"] }],
  ["list/filters", "same-key filters ANDed: names", { output: ["testing1/one-1"] }],
];

test.each(EXPECTATIONS)("recording of %s, step %j, shows the documented answer", (scenario, step, outcome) => {
  const found = recordings.get(scenario)?.steps.find((s) => s.step === step);
  expect(found?.outcome).toEqual(outcome);
});
