/** The parity command's parts on their own: normaliser, comparer, safety guard and estimate, eventual-consistency waits, cleanup. */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  ListSecretsCommand,
  type ListSecretsCommandOutput,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { mockSecretsManager, SecretsStore } from "secrets-manager-mock";
import { Cleanup } from "../../src/parity/cleanup";
import { compareTranscripts } from "../../src/parity/compare";
import { Normaliser } from "../../src/parity/normalise";
import { runScenario, type Side } from "../../src/parity/runner";
import { describePlan, estimateCost, guardCall, RUN_TAG_KEY, UnsafeCallError } from "../../src/parity/safety";
import type { ParityClient, Scenario, Transcript } from "../../src/parity/scenario";

const run = { runId: "0a1b2c3d", runPrefix: "smm-parity-0a1b2c3d" };
const T = Date.parse("2026-03-01T10:00:00Z");

describe("Normaliser", () => {
  const n = () => new Normaliser({ runPrefix: run.runPrefix, runId: run.runId, account: "111122223333", region: "us-east-1" });

  test("ARN suffixes, UUIDs and request ids become numbered placeholders, the same value the same number", () => {
    const norm = n();
    const arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:smm-parity-0a1b2c3d/x/Name-a1b2c3-Zz9Yy8";
    const v = "3f2b8c1e-1111-4222-8333-444455556666";
    expect(norm.value({ ARN: arn, VersionId: v, Other: `${arn} ${v}` }, T)).toEqual({
      ARN: "arn:aws:secretsmanager:<region>:<account>:secret:<run>/x/Name-a1b2c3-<suffix:1>",
      Other: "arn:aws:secretsmanager:<region>:<account>:secret:<run>/x/Name-a1b2c3-<suffix:1> <uuid:1>",
      VersionId: "<uuid:1>",
    });
    expect(norm.text("arn:aws:secretsmanager:eu-west-1:999988887777:secret:other-AbCdEf.")).toBe(
      "arn:aws:secretsmanager:eu-west-1:999988887777:secret:other-<suffix:2>.",
    );
    expect([
      norm.requestId("A1B2C3D4-0000-4000-8000-000000000001"),
      norm.requestId("a1b2c3d4-0000-4000-8000-000000000001"),
      norm.requestId("x-1"),
    ]).toEqual(["<request-id:1>", "<request-id:1>", "<request-id:not a UUID>"]);
    expect(norm.requestId(undefined)).toBe("<request-id:absent>");
  });

  test("dates: day granularity and distance in days from the call; a string is not a date", () => {
    const norm = n();
    expect(
      norm.value({ A: new Date(T), B: new Date(T + 7 * 86_400_000 + 1234), C: new Date("2026-03-01T00:00:00Z"), D: "2026-03-01" }, T),
    ).toEqual({
      A: "<date:+0d>",
      B: "<date:+7d>",
      C: "<date:day +0d>",
      D: "2026-03-01",
    });
  });

  test("secret values and passwords are never kept; labels are sorted; $metadata and undefined members are left out", () => {
    const norm = n();
    expect(
      norm.value(
        {
          SecretString: "hunter2",
          SecretBinary: new Uint8Array([1, 2]),
          RandomPassword: "aB3$ x",
          VersionStages: ["PUT0", "AWSCURRENT"],
          VersionIdsToStages: { "3f2b8c1e-1111-4222-8333-444455556666": ["b", "a"] },
          $metadata: { httpStatusCode: 200 },
          Missing: undefined,
        },
        T,
      ),
    ).toEqual({
      // Members are visited in name order: SecretBinary first.
      SecretString: "<secret:2>",
      SecretBinary: "<secret-binary:1>",
      RandomPassword: "<password length=6 upper,lower,digit,punctuation,space>",
      VersionStages: ["AWSCURRENT", "PUT0"],
      VersionIdsToStages: { "<uuid:1>": ["a", "b"] },
    });
    expect(norm.secret("hunter2")).toBe("<secret:2>");
  });

  test("errors: name, message (normalised), status and fault", () => {
    const e = Object.assign(new Error("secret smm-parity-0a1b2c3d/a in account 111122223333"), {
      name: "ResourceExistsException",
      $fault: "client",
      $metadata: { httpStatusCode: 400, requestId: "3f2b8c1e-1111-4222-8333-444455556666" },
    });
    expect(n().outcome({ error: e }, T)).toEqual({
      outcome: {
        error: { name: "ResourceExistsException", message: "secret <run>/a in account <account>", httpStatusCode: 400, fault: "client" },
      },
      requestId: "<request-id:1>",
    });
  });

  test("a member named __proto__ is just a name: kept as an own member, prototype untouched", () => {
    const answer = JSON.parse('{"Map":{"__proto__":{"x":1},"b":2}}') as unknown;
    const out = n().value(answer, T) as { Map: Record<string, unknown> };
    expect(Object.getPrototypeOf(out.Map)).toBe(Object.prototype);
    expect(Object.keys(out.Map)).toEqual(["__proto__", "b"]);
    expect(JSON.stringify(out)).toBe('{"Map":{"__proto__":{"x":1},"b":2}}');
  });
});

describe("compareTranscripts", () => {
  test("member by member, an outcome that failed on one side only, and steps one side never reached", () => {
    const target: Transcript = {
      notes: [],
      steps: [
        { step: "a", operation: "DescribeSecret", outcome: { output: { Name: "n", Tags: [{ Key: "k", Value: "1" }] } } },
        { step: "b", operation: "GetSecretValue", outcome: { error: { name: "InvalidRequestException", message: "m" } } },
        { step: "c", operation: "ListSecrets", outcome: { output: {} } },
      ],
    };
    const mock: Transcript = {
      notes: [],
      steps: [
        { step: "a", operation: "DescribeSecret", outcome: { output: { Name: "n", Description: "d", Tags: [{ Key: "k", Value: "2" }] } } },
        { step: "b", operation: "GetSecretValue", outcome: { output: {} } },
        { step: "d", operation: "ListSecrets", outcome: { output: {} } },
      ],
    };
    expect(compareTranscripts(target, mock)).toEqual([
      { step: "a", member: "Description", target: "(absent)", mock: '"d"' },
      { step: "a", member: "Tags[0].Value", target: '"1"', mock: '"2"' },
      { step: "b", member: "outcome", target: "InvalidRequestException: m", mock: "GetSecretValue succeeded" },
      { step: "c", member: "step", target: "ListSecrets succeeded", mock: "(not reached)" },
      { step: "d", member: "step", target: "(not reached)", mock: "ListSecrets succeeded" },
    ]);
  });

  test("a member named __proto__ present on one side only is absent on the other, not the prototype", () => {
    const step = (output: string): Transcript => ({
      notes: [],
      steps: [{ step: "a", operation: "DescribeSecret", outcome: { output: JSON.parse(output) as { [key: string]: never } } }],
    });
    expect(compareTranscripts(step('{"M":{"__proto__":"x"}}'), step('{"M":{}}'))).toEqual([
      { step: "a", member: "M.__proto__", target: '"x"', mock: "(absent)" },
    ]);
  });
});

describe("guardCall", () => {
  const tag = [{ Key: RUN_TAG_KEY, Value: run.runId }];
  test.each([
    ["CreateSecret", { Name: "prod/db", Tags: tag }, "the name is not under the run prefix"],
    ["CreateSecret", { Name: `${run.runPrefix}/x`, Tags: [] }, "the secret lacks the run tag"],
    ["GetSecretValue", { SecretId: "prod/db" }, "the secret id is not under the run prefix"],
    ["GetSecretValue", { SecretId: `${run.runPrefix}-other/x` }, "the secret id is not under the run prefix"],
    [
      "DescribeSecret",
      { SecretId: "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf" },
      "the secret id is not under the run prefix",
    ],
    ["ListSecrets", {}, "a listing needs a name filter on the run prefix"],
    ["ListSecrets", { Filters: [{ Key: "name", Values: [`!${run.runPrefix}/`] }] }, "a listing needs a name filter on the run prefix"],
    [
      "ListSecrets",
      { Filters: [{ Key: "description", Values: [`${run.runPrefix}/`] }] },
      "a listing needs a name filter on the run prefix",
    ],
    ["BatchGetSecretValue", { Filters: [{ Key: "tag-key", Values: ["team"] }] }, "filters need a name filter on the run prefix"],
    ["BatchGetSecretValue", { SecretIdList: [`${run.runPrefix}/a`, "prod/db"] }, "a secret id is not under the run prefix"],
    ["DeleteSecret", { SecretId: undefined }, "the secret id is not under the run prefix"],
  ])("refuses %s %j", (operation, input, why) => {
    expect(() => guardCall(operation, input, run)).toThrow(new UnsafeCallError(operation, why));
  });

  test.each([
    ["CreateSecret", { Name: `${run.runPrefix}/x`, Tags: tag }],
    ["GetSecretValue", { SecretId: `arn:aws:secretsmanager:us-east-1:111122223333:secret:${run.runPrefix}/x-AbCdEf` }],
    [
      "ListSecrets",
      {
        Filters: [
          { Key: "name", Values: [`${run.runPrefix}/`] },
          { Key: "description", Values: ["!a"] },
        ],
      },
    ],
    ["BatchGetSecretValue", { SecretIdList: [`${run.runPrefix}/a`] }],
    ["GetRandomPassword", {}],
    ["ValidateResourcePolicy", { ResourcePolicy: "{}" }],
  ])("lets %s %j through", (operation, input) => {
    expect(() => guardCall(operation, input, run)).not.toThrow();
  });

  test("a scenario that reaches outside the run is stopped before the call is sent", async () => {
    const sent: string[] = [];
    const client: ParityClient = {
      send: ((c: { constructor: { name: string } }) => (sent.push(c.constructor.name), Promise.resolve({}))) as ParityClient["send"],
    };
    const rogue: Scenario = {
      name: "rogue",
      tags: ["x"],
      description: "reads someone else's secret",
      run: async (ctx) => {
        await ctx.send("describe", new DescribeSecretCommand({ SecretId: "prod/db" }));
      },
    };
    await expect(runScenario(rogue, side(client), run)).rejects.toThrow(UnsafeCallError);
    expect(sent).toEqual([]);
  });
});

describe("the plan and its cost", () => {
  test("secrets prorated by the hour at $0.40 a month, calls at $0.05 per 10,000", () => {
    const cost = estimateCost({ scenarios: 50, secrets: 73, calls: 10_000 });
    expect(cost.secretsUsd).toBeCloseTo((73 * 0.4) / 730, 10);
    expect(cost.callsUsd).toBeCloseTo(0.05, 10);
    const text = describePlan(
      { scenarios: 50, secrets: 73, calls: 10_000 },
      { account: "111122223333", region: "eu-west-1", runPrefix: run.runPrefix },
    );
    expect(text).toContain("Account:  111122223333");
    expect(text).toContain(`up to 73 secrets named ${run.runPrefix}/…`);
    expect(text).toContain("Cost:     about $0.09 (73 secrets prorated at $0.4/secret-month, at most one hour each: $0.04;");
  });
});

function side(client: ParityClient, extra: Partial<Side> = {}): Side {
  return {
    client,
    account: "123456789012",
    region: "us-east-1",
    otherRegion: "us-west-2",
    sleep: () => Promise.resolve(),
    now: () => T,
    ...extra,
  };
}

describe("eventually consistent steps", () => {
  function laggingTarget(lag: number) {
    const client = new SecretsManagerClient({ region: "us-east-1" });
    mockSecretsManager(client, { store: new SecretsStore({ region: "us-east-1", seed: 1 }) });
    let lists = 0;
    const lagging: ParityClient = {
      send: (async (command: { constructor: { name: string } }) => {
        const out: ListSecretsCommandOutput = await client.send(command as never);
        if (command.constructor.name === "ListSecretsCommand" && ++lists <= lag) return { ...out, SecretList: [] };
        return out;
      }) as ParityClient["send"],
    };
    return lagging;
  }
  const scenario: Scenario = {
    name: "lag",
    tags: ["x"],
    description: "a listing that lags",
    async run(ctx) {
      await ctx.must("create", new CreateSecretCommand({ Name: ctx.name("a"), SecretString: "v" }));
      await ctx.eventually(
        "list",
        new ListSecretsCommand({ Filters: [{ Key: "name", Values: [ctx.prefix] }] }),
        (o) => o?.SecretList?.length === 1,
        {
          maxWaitMs: 10_000,
          intervalMs: 2_000,
        },
      );
    },
  };

  test("waits and retries until the listing catches up, and says how long it waited", async () => {
    let now = T;
    const waits: number[] = [];
    const t = await runScenario(
      scenario,
      side(laggingTarget(2), { now: () => now, sleep: (ms) => ((now += ms), waits.push(ms), Promise.resolve()) }),
      run,
    );
    expect(waits).toEqual([2000, 2000]);
    expect(t.notes).toEqual(["list: waited 4 s (2 retries, limit 10 s)"]);
    expect(t.steps.map((s) => s.step)).toEqual(["create", "list"]);
    expect(t.steps[1].outcome).toMatchObject({ output: { SecretList: [{ Name: "<run>/lag/a" }] } });
  });

  test("gives up at the limit, records the last answer and says so", async () => {
    let now = T;
    const t = await runScenario(
      scenario,
      side(laggingTarget(100), { now: () => now, sleep: (ms) => ((now += ms), Promise.resolve()) }),
      run,
    );
    expect(t.notes).toEqual(["list: waited 10 s (5 retries, limit 10 s) and gave up"]);
    expect(t.steps[1].outcome).toEqual({ output: { SecretList: [] } });
  });
});

describe("Cleanup", () => {
  test("force-deletes every tracked name, removing replicas first; runs once; skips names that were invalid", async () => {
    const store = new SecretsStore({ region: "us-east-1", seed: 2 });
    const client = new SecretsManagerClient({ region: "us-east-1" });
    mockSecretsManager(client, { store });
    await client.send(new CreateSecretCommand({ Name: "p/plain", SecretString: "v" }));
    await client.send(new CreateSecretCommand({ Name: "p/replicated", SecretString: "v", AddReplicaRegions: [{ Region: "us-west-2" }] }));
    await client.send(new CreateSecretCommand({ Name: "p/scheduled", SecretString: "v" }));
    await client.send(new DeleteSecretCommand({ SecretId: "p/scheduled", RecoveryWindowInDays: 7 }));
    const cleanup = new Cleanup();
    for (const name of ["p/plain", "p/replicated", "p/scheduled", "p/never-created", "p/Inv Name"]) cleanup.track(name);
    const result = await cleanup.run(client);
    expect(result).toEqual({ deleted: ["p/never-created", "p/scheduled", "p/replicated", "p/plain"], notDeleted: [] });
    expect(await cleanup.run(client)).toBe(result);
    expect(store.partition(store.accountId, "us-east-1")?.secrets.size ?? 0).toBe(0);
    expect(store.partition(store.accountId, "us-west-2")?.secrets.size ?? 0).toBe(0);
  });

  test("says what it could not delete and why", async () => {
    const failing: ParityClient = {
      send: (() =>
        Promise.reject(
          Object.assign(new Error("User is not authorized to perform: secretsmanager:DeleteSecret"), { name: "AccessDeniedException" }),
        )) as ParityClient["send"],
    };
    const cleanup = new Cleanup();
    cleanup.track("p/a");
    expect(await cleanup.run(failing)).toEqual({
      deleted: [],
      notDeleted: [{ name: "p/a", error: "AccessDeniedException: User is not authorized to perform: secretsmanager:DeleteSecret" }],
    });
  });

  test("GetRandomPassword needs no cleanup and no prefix", () => {
    expect(() => guardCall("GetRandomPassword", new GetRandomPasswordCommand({}).input as Record<string, unknown>, run)).not.toThrow();
  });
});
