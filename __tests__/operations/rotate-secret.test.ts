/**
 * RotateSecret / CancelRotateSecret (reference/aws-behaviour.md §3.11, aws-api-facts.md §5.15)
 * with in-process rotation functions, through every way in.
 */
import {
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  InvalidRequestException,
  PutSecretValueCommand,
  ResourceNotFoundException,
  RotateSecretCommand,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import {
  ManualClock,
  passwordRotationFunction,
  type RotationEvent,
  type RotationFunction,
  runDueRotations,
  type SecretsStore,
} from "secrets-manager-mock";
import { setup, WAYS_IN, type WayIn } from "../helpers/ways-in";
import { failure } from "../helpers/call-failure";

const T0 = new Date("2024-03-01T10:30:00Z");
const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:rotate-db";
const TOKEN_A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const TOKEN_B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
/** A rotation function that records its events and otherwise does what `inner` does. */
function recording(inner?: RotationFunction): { fn: RotationFunction; events: RotationEvent[] } {
  const events: RotationEvent[] = [];
  return {
    events,
    fn: async (event, tools) => {
      events.push(event);
      await inner?.(event, tools);
    },
  };
}

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("RotateSecret via %s", (_name, way: WayIn) => {
  async function withSecret(options: { region?: string } = {}) {
    const clock = new ManualClock(T0);
    const ctx = setup(way, { seed: 1, clock }, options.region);
    const created = await ctx.client.send(
      new CreateSecretCommand({ Name: "db", SecretString: JSON.stringify({ username: "app", password: "initial" }) }),
    );
    return { ...ctx, clock, arn: created.ARN!, v1: created.VersionId! };
  }

  const current = async (client: any) => JSON.parse((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString);

  it("rotates with the ready password function: new AWSCURRENT, old AWSPREVIOUS, settings shown", async () => {
    const { client, store, arn, v1 } = await withSecret();
    store.registerRotationFunction(LAMBDA, passwordRotationFunction());
    const out = await client.send(
      new RotateSecretCommand({
        SecretId: "db",
        RotationLambdaARN: LAMBDA,
        RotationRules: { AutomaticallyAfterDays: 1 },
        ClientRequestToken: TOKEN_A,
      }),
    );
    expect(Object.keys(out).sort()).toEqual(["$metadata", "ARN", "Name", "VersionId"]);
    expect(out).toMatchObject({ ARN: arn, Name: "db", VersionId: TOKEN_A });

    const now = await current(client);
    expect(now.username).toBe("app");
    expect(now.password).toHaveLength(32);
    expect(now.password).not.toBe("initial");
    const prev = await client.send(new GetSecretValueCommand({ SecretId: "db", VersionStage: "AWSPREVIOUS" }));
    expect(JSON.parse(prev.SecretString!).password).toBe("initial");
    expect(prev.VersionId).toBe(v1);

    const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(d.RotationEnabled).toBe(true);
    expect(d.RotationLambdaARN).toBe(LAMBDA);
    expect(d.RotationRules).toEqual({ AutomaticallyAfterDays: 1 });
    expect(d.LastRotatedDate).toEqual(T0);
    expect(d.NextRotationDate).toEqual(new Date("2024-03-02T23:59:59Z"));
    expect(d.VersionIdsToStages).toEqual({ [v1]: ["AWSPREVIOUS"], [TOKEN_A]: ["AWSCURRENT"] });
    expect(store.rotationFailures).toEqual([]);
  });

  it("calls the function for the four steps with the Lambda event, RotationEnabled already true", async () => {
    const { client, store, arn } = await withSecret();
    const seen: unknown[] = [];
    const { fn, events } = recording(async (event, { client: inner }) => {
      if (event.Step !== "createSecret") return;
      const d = await inner.send(new DescribeSecretCommand({ SecretId: event.SecretId }));
      seen.push(d.RotationEnabled, d.VersionIdsToStages?.[event.ClientRequestToken]);
      // The pending version has no value yet.
      const e = await failure(inner.send(new GetSecretValueCommand({ SecretId: event.SecretId, VersionStage: "AWSPENDING" })));
      seen.push(e instanceof ResourceNotFoundException);
    });
    store.registerRotationFunction(LAMBDA, fn);
    const out = await client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: LAMBDA }));
    expect(events.map((e) => e.Step)).toEqual(["createSecret", "setSecret", "testSecret", "finishSecret"]);
    for (const e of events) expect(e).toEqual({ SecretId: arn, ClientRequestToken: out.VersionId, Step: e.Step });
    expect(seen).toEqual([true, ["AWSPENDING"], true]);
    // Nothing moved AWSCURRENT: the pending version is still there, without a value.
    const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(d.VersionIdsToStages![out.VersionId!]).toEqual(["AWSPENDING"]);
    expect(d.LastRotatedDate).toEqual(T0);
    // Without rules there is no schedule.
    expect(d).not.toHaveProperty("RotationRules");
    expect(d).not.toHaveProperty("NextRotationDate");
  });

  it("a later RotateSecret without parameters reuses the stored Lambda ARN and rules", async () => {
    const { client, store, clock } = await withSecret();
    store.registerRotationFunction(LAMBDA, passwordRotationFunction());
    await client.send(
      new RotateSecretCommand({
        SecretId: "db",
        RotationLambdaARN: LAMBDA,
        RotationRules: { AutomaticallyAfterDays: 7 },
        ClientRequestToken: TOKEN_A,
      }),
    );
    const first = (await current(client)).password;
    clock.advance({ days: 2 });
    const again = await client.send(new RotateSecretCommand({ SecretId: "db", ClientRequestToken: TOKEN_B }));
    expect(again.VersionId).toBe(TOKEN_B);
    const second = (await current(client)).password;
    expect(second).not.toBe(first);
    const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(d.VersionIdsToStages).toEqual({ [TOKEN_A]: ["AWSPREVIOUS"], [TOKEN_B]: ["AWSCURRENT"] });
    expect(d.RotationRules).toEqual({ AutomaticallyAfterDays: 7 });
    expect(d.LastRotatedDate).toEqual(new Date("2024-03-03T10:30:00Z"));
    expect(d.NextRotationDate).toEqual(new Date("2024-03-10T23:59:59Z"));
  });

  // Its code, text and status, and DescribeSecret after it: parity scenario modify/rotation-missing-lambda.
  it("an ARN with no registered function is AccessDeniedException and changes nothing", async () => {
    const { client, store } = await withSecret();
    const before = store.revision;
    const e = await failure(
      client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: 1 } })),
    );
    expect(e.name).toBe("AccessDeniedException");
    expect(store.revision).toBe(before);
  });

  it("unregistering a function makes its ARN uninvokable again", async () => {
    const { client, store } = await withSecret();
    const off = store.registerRotationFunction(LAMBDA, passwordRotationFunction());
    off();
    const e = await failure(client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: LAMBDA })));
    expect(e.name).toBe("AccessDeniedException");
    store.registerRotationFunction(LAMBDA, passwordRotationFunction());
    expect(store.unregisterRotationFunction(LAMBDA)).toBe(true);
    expect(store.unregisterRotationFunction(LAMBDA)).toBe(false);
  });

  // Its text (with rotation rules): parity scenario modify/rotation-without-lambda.
  it("no ARN given and none stored is InvalidRequestException, changing nothing", async () => {
    const { client, store } = await withSecret();
    const before = store.revision;
    const e = await failure(client.send(new RotateSecretCommand({ SecretId: "db" })));
    expect(e).toBeInstanceOf(InvalidRequestException);
    expect(store.revision).toBe(before);
  });

  it("unknown, deleted and invalid secrets", async () => {
    const { client, store } = await withSecret();
    store.registerRotationFunction(LAMBDA, passwordRotationFunction());
    expect(await failure(client.send(new RotateSecretCommand({ SecretId: "nope", RotationLambdaARN: LAMBDA })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect((await failure(client.send(new RotateSecretCommand({ SecretId: "bad name", RotationLambdaARN: LAMBDA })))).name).toBe(
      "ValidationException",
    );
    await client.send(new DeleteSecretCommand({ SecretId: "db" }));
    const e = await failure(client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: LAMBDA })));
    expect(e).toBeInstanceOf(InvalidRequestException);
    expect(e.message).toBe("You can't perform this operation on the secret because it was marked for deletion.");
  });

  it("a failing function: the call succeeds, AWSPENDING stays and blocks the next rotation", async () => {
    const { client, store, arn, v1 } = await withSecret();
    store.registerRotationFunction(LAMBDA, async (event, tools) => {
      if (event.Step === "setSecret") throw new Error("database unreachable");
      await passwordRotationFunction()(event, tools);
    });
    const out = await client.send(
      new RotateSecretCommand({
        SecretId: "db",
        RotationLambdaARN: LAMBDA,
        RotationRules: { AutomaticallyAfterDays: 30 },
        ClientRequestToken: TOKEN_A,
      }),
    );
    expect(out.VersionId).toBe(TOKEN_A);
    expect(store.rotationFailures).toHaveLength(1);
    expect(store.rotationFailures[0]).toMatchObject({ secretArn: arn, clientRequestToken: TOKEN_A, step: "setSecret" });
    expect((store.rotationFailures[0].error as Error).message).toBe("database unreachable");

    const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(d.VersionIdsToStages).toEqual({ [v1]: ["AWSCURRENT"], [TOKEN_A]: ["AWSPENDING"] });
    expect(d.RotationEnabled).toBe(true);
    expect(d).not.toHaveProperty("LastRotatedDate");
    expect((await current(client)).password).toBe("initial");

    const before = store.revision;
    const e = await failure(client.send(new RotateSecretCommand({ SecretId: "db", ClientRequestToken: TOKEN_B })));
    expect(e).toBeInstanceOf(InvalidRequestException);
    expect(e.message).toBe("A previous rotation isn't complete. That rotation will be reattempted.");
    expect(store.revision).toBe(before);

    // CancelRotateSecret names the pending version; rotation is off but the rules stay.
    const cancel = await client.send(new CancelRotateSecretCommand({ SecretId: "db" }));
    expect(Object.keys(cancel).sort()).toEqual(["$metadata", "ARN", "Name", "VersionId"]);
    expect(cancel).toMatchObject({ ARN: arn, Name: "db", VersionId: TOKEN_A });
    const after = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(after.RotationEnabled).toBe(false);
    expect(after.RotationRules).toEqual({ AutomaticallyAfterDays: 30 });
    expect(after.RotationLambdaARN).toBe(LAMBDA);
    expect(after).not.toHaveProperty("NextRotationDate");
    expect(after.VersionIdsToStages![TOKEN_A]).toEqual(["AWSPENDING"]);

    // Clearing AWSPENDING unblocks rotation.
    await client.send(new UpdateSecretVersionStageCommand({ SecretId: "db", VersionStage: "AWSPENDING", RemoveFromVersionId: TOKEN_A }));
    store.registerRotationFunction(LAMBDA, passwordRotationFunction());
    await client.send(new RotateSecretCommand({ SecretId: "db", ClientRequestToken: TOKEN_B }));
    expect((await current(client)).password).not.toBe("initial");
    expect((await client.send(new DescribeSecretCommand({ SecretId: "db" }))).RotationEnabled).toBe(true);
  });

  it("AWSPENDING on the AWSCURRENT version does not block a rotation", async () => {
    const { client, store, v1 } = await withSecret();
    await client.send(new UpdateSecretVersionStageCommand({ SecretId: "db", VersionStage: "AWSPENDING", MoveToVersionId: v1 }));
    store.registerRotationFunction(LAMBDA, passwordRotationFunction());
    await client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: LAMBDA, ClientRequestToken: TOKEN_A }));
    const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(d.VersionIdsToStages).toEqual({ [v1]: ["AWSPREVIOUS"], [TOKEN_A]: ["AWSCURRENT"] });
  });

  it("a retried call with the same token answers the same and does not rotate again", async () => {
    const { client, store } = await withSecret();
    const { fn, events } = recording(passwordRotationFunction());
    store.registerRotationFunction(LAMBDA, fn);
    const a = await client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: LAMBDA, ClientRequestToken: TOKEN_A }));
    const b = await client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: LAMBDA, ClientRequestToken: TOKEN_A }));
    expect(b.VersionId).toBe(a.VersionId);
    expect(events).toHaveLength(4);
  });

  it("RotateImmediately=false only tests a copy of the current value and removes it", async () => {
    const { client, store, v1 } = await withSecret();
    const pendingSeen: string[] = [];
    const { fn, events } = recording(async (event, { client: inner }) => {
      const p = await inner.send(new GetSecretValueCommand({ SecretId: event.SecretId, VersionStage: "AWSPENDING" }));
      pendingSeen.push(p.SecretString!, p.VersionId!);
    });
    store.registerRotationFunction(LAMBDA, fn);
    const out = await client.send(
      new RotateSecretCommand({
        SecretId: "db",
        RotationLambdaARN: LAMBDA,
        RotationRules: { AutomaticallyAfterDays: 10 },
        RotateImmediately: false,
        ClientRequestToken: TOKEN_A,
      }),
    );
    expect(out.VersionId).toBe(TOKEN_A);
    expect(events.map((e) => e.Step)).toEqual(["testSecret"]);
    expect(pendingSeen).toEqual([JSON.stringify({ username: "app", password: "initial" }), TOKEN_A]);
    const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(d.VersionIdsToStages).toEqual({ [v1]: ["AWSCURRENT"] });
    expect(d.RotationEnabled).toBe(true);
    expect(d).not.toHaveProperty("LastRotatedDate");
    expect(d.NextRotationDate).toEqual(new Date("2024-03-11T23:59:59Z"));
  });

  it("rejects invalid rotation rules before changing anything", async () => {
    const { client, store } = await withSecret();
    store.registerRotationFunction(LAMBDA, passwordRotationFunction());
    const before = store.revision;
    for (const RotationRules of [{ AutomaticallyAfterDays: 0 }, { AutomaticallyAfterDays: 1001 }, { Duration: "3" }]) {
      const e = await failure(client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: LAMBDA, RotationRules })));
      expect(e.name).toBe("ValidationException");
    }
    for (const RotationRules of [
      { AutomaticallyAfterDays: 3, ScheduleExpression: "rate(3 days)" },
      { Duration: "3h" },
      { ScheduleExpression: "rate(2 hours)" },
      { ScheduleExpression: "rate(0 days)" },
      { ScheduleExpression: "every day" },
      { ScheduleExpression: "cron(0 1 * * ? *)", Duration: "25h" },
      { ScheduleExpression: "rate(6 hours)", Duration: "7h" },
      { ScheduleExpression: "cron(0 70 * * ? *)" },
      { ScheduleExpression: "cron(0 0/2 * * ? *)" },
    ]) {
      const e = await failure(client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: LAMBDA, RotationRules })));
      expect(e).toBeInstanceOf(InvalidParameterException);
    }
    expect(store.revision).toBe(before);
  });

  it.each([
    [{ ScheduleExpression: "rate(10 days)", Duration: "3h" }, "2024-03-11T02:59:59Z"],
    [{ ScheduleExpression: "rate(1 day)" }, "2024-03-02T23:59:59Z"],
    [{ ScheduleExpression: "rate(6 hours)" }, "2024-03-01T12:59:59Z"],
    [{ ScheduleExpression: "rate(6 hours)", Duration: "2h" }, "2024-03-01T13:59:59Z"],
    [{ ScheduleExpression: "rate(48 hours)" }, "2024-03-03T23:59:59Z"],
    [{ ScheduleExpression: "cron(0 16 ? * MON *)" }, "2024-03-04T23:59:59Z"],
    [{ ScheduleExpression: "cron(0 16 ? * MON *)", Duration: "2h" }, "2024-03-04T17:59:59Z"],
    [{ ScheduleExpression: "cron(0 8 1 * ? *)", Duration: "4h" }, "2024-04-01T11:59:59Z"],
    [{ ScheduleExpression: "cron(0 0,12 * * ? *)" }, "2024-03-01T12:59:59Z"],
  ])("schedule %j gives NextRotationDate %s", async (RotationRules, expected) => {
    const { client, store } = await withSecret();
    store.registerRotationFunction(LAMBDA, passwordRotationFunction());
    await client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: LAMBDA, RotationRules }));
    const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(d.RotationRules).toEqual(RotationRules);
    expect(d.NextRotationDate).toEqual(new Date(expected));
  });

  // CancelRotateSecret on a secret never configured: parity scenario modify/rotation-missing-lambda.
  it("CancelRotateSecret without a pending version omits VersionId", async () => {
    const { client, store, arn } = await withSecret();
    store.registerRotationFunction(LAMBDA, passwordRotationFunction());
    await client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: 5 } }));
    const out = await client.send(new CancelRotateSecretCommand({ SecretId: "db" }));
    expect(Object.keys(out).sort()).toEqual(["$metadata", "ARN", "Name"]);
    expect(out.ARN).toBe(arn);
    const d = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(d.RotationEnabled).toBe(false);
    expect(d.LastRotatedDate).toEqual(T0);
    expect(d).not.toHaveProperty("NextRotationDate");
    // Rotating again turns it back on with the stored settings.
    await client.send(new RotateSecretCommand({ SecretId: "db" }));
    expect((await client.send(new DescribeSecretCommand({ SecretId: "db" }))).RotationEnabled).toBe(true);
  });

  it("the function's client works in the secret's region", async () => {
    const { client, store } = await withSecret({ region: "eu-west-1" });
    const arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate";
    store.registerRotationFunction(
      arn,
      passwordRotationFunction({ passwordKey: "pw", password: { PasswordLength: 12, ExcludePunctuation: true } }),
    );
    await client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: arn }));
    const v = await current(client);
    expect(v.pw).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(v.password).toBe("initial");
  });

  it("passwordRotationFunction hooks run in setSecret and testSecret, and a failing test keeps AWSCURRENT", async () => {
    const { client, store } = await withSecret();
    const calls: string[] = [];
    store.registerRotationFunction(
      LAMBDA,
      passwordRotationFunction({
        setSecret: (pending, cur) => {
          calls.push(`set ${cur.password === "initial"} ${pending.password !== "initial"}`);
        },
        testSecret: () => {
          calls.push("test");
          throw new Error("login failed");
        },
      }),
    );
    await client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: LAMBDA }));
    expect(calls).toEqual(["set true true", "test"]);
    expect(store.rotationFailures.map((f) => f.step)).toEqual(["testSecret"]);
    expect((await current(client)).password).toBe("initial");
  });

  it("passwordRotationFunction refuses a secret whose value is not a JSON object, without echoing it", async () => {
    const { client, store } = await withSecret();
    await client.send(new PutSecretValueCommand({ SecretId: "db", SecretString: "plain-secret-text" }));
    store.registerRotationFunction(LAMBDA, passwordRotationFunction());
    await client.send(new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: LAMBDA }));
    expect(store.rotationFailures).toHaveLength(1);
    const message = (store.rotationFailures[0].error as Error).message;
    expect(message).toMatch(/not JSON/);
    expect(message).not.toContain("plain-secret-text");
  });
});

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("scheduled rotation via %s", (_name, way: WayIn) => {
  async function scheduled(store: SecretsStore, client: any, name: string, days: number) {
    await client.send(new CreateSecretCommand({ Name: name, SecretString: JSON.stringify({ password: "p0" }) }));
    await client.send(
      new RotateSecretCommand({ SecretId: name, RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: days } }),
    );
  }

  it("runDueRotations rotates the secrets whose NextRotationDate has passed", async () => {
    const clock = new ManualClock(T0);
    const { client, store } = setup(way, { seed: 3, clock });
    const { fn, events } = recording(passwordRotationFunction());
    store.registerRotationFunction(LAMBDA, fn);
    await scheduled(store, client, "weekly", 7);
    await scheduled(store, client, "monthly", 30);
    events.length = 0;

    expect(await runDueRotations(store)).toEqual([]);
    clock.set("2024-03-08T23:59:58Z");
    expect(await runDueRotations(store)).toEqual([]);
    clock.set("2024-03-08T23:59:59Z");
    const before = (await client.send(new GetSecretValueCommand({ SecretId: "weekly" }))).SecretString;
    const done = await runDueRotations(store);
    expect(done).toHaveLength(1);
    expect(done[0].secretArn).toMatch(/:secret:weekly-/);
    expect(done[0].versionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(events.map((e) => e.Step)).toEqual(["createSecret", "setSecret", "testSecret", "finishSecret"]);
    const after = await client.send(new GetSecretValueCommand({ SecretId: "weekly" }));
    expect(after.SecretString).not.toBe(before);
    expect(after.VersionId).toBe(done[0].versionId);
    const d = await client.send(new DescribeSecretCommand({ SecretId: "weekly" }));
    expect(d.LastRotatedDate).toEqual(new Date("2024-03-08T23:59:59Z"));
    expect(d.NextRotationDate).toEqual(new Date("2024-03-15T23:59:59Z"));
    expect(await runDueRotations(store)).toEqual([]);
  });

  it("skips cancelled and deleted secrets, and reports a rotation that can't start", async () => {
    const clock = new ManualClock(T0);
    const { client, store } = setup(way, { seed: 4, clock });
    store.registerRotationFunction(LAMBDA, passwordRotationFunction());
    await scheduled(store, client, "cancelled", 1);
    await scheduled(store, client, "deleted", 1);
    await scheduled(store, client, "stuck", 1);
    await client.send(new CancelRotateSecretCommand({ SecretId: "cancelled" }));
    await client.send(new DeleteSecretCommand({ SecretId: "deleted" }));
    await client.send(new PutSecretValueCommand({ SecretId: "stuck", SecretString: "{}", VersionStages: ["AWSPENDING"] }));
    clock.advance({ days: 3 });
    const done = await runDueRotations(store);
    expect(done).toHaveLength(1);
    expect(done[0].secretArn).toMatch(/:secret:stuck-/);
    expect(done[0].error).toMatchObject({
      code: "InvalidRequestException",
      message: "A previous rotation isn't complete. That rotation will be reattempted.",
    });
    expect(await runDueRotations(store, { region: "eu-west-1" })).toEqual([]);
  });
});
