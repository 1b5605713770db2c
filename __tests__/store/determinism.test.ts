/**
 * Determinism and time: a seeded store driven by the same calls gives byte-identical outputs, and
 * every time-based value comes from the store's clock.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore, type SecretsStoreOptions } from "secrets-manager-mock";
import { middlewareWay, setup, WAYS_IN } from "../helpers/ways-in";

/**
 * A fixed script of calls; returns every output (with $metadata) as JSON. Over the wire the SDK
 * itself fills a missing ClientRequestToken with a random UUID (it becomes the VersionId), so
 * `tokens` passes them explicitly there; through the middleware the mock generates them from the seed.
 */
async function script(client: SecretsManagerClient, tokens = false): Promise<string> {
  const outs: unknown[] = [];
  const token = (n: number) => (tokens ? { ClientRequestToken: `00000000-0000-4000-8000-00000000000${n}` } : {});
  outs.push(await client.send(new CreateSecretCommand({ Name: "app/db", SecretString: "one", ...token(1) })));
  outs.push(await client.send(new CreateSecretCommand({ Name: "app/bin", SecretBinary: new Uint8Array([1, 2, 3]), ...token(2) })));
  outs.push(await client.send(new PutSecretValueCommand({ SecretId: "app/db", SecretString: "two", ...token(3) })));
  outs.push(await client.send(new UpdateSecretCommand({ SecretId: "app/db", Description: "d" })));
  outs.push(await client.send(new GetSecretValueCommand({ SecretId: "app/db", VersionStage: "AWSPREVIOUS" })));
  outs.push(await client.send(new DescribeSecretCommand({ SecretId: "app/db" })));
  try {
    await client.send(new GetSecretValueCommand({ SecretId: "missing" }));
  } catch (e) {
    outs.push({ name: (e as Error).name, $metadata: (e as { $metadata: unknown }).$metadata });
  }
  return JSON.stringify(outs);
}

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("determinism via %s", (_n, way) => {
  const run = async (options: SecretsStoreOptions) => {
    const { store, client } = setup(way, options);
    return { out: await script(client, true), state: JSON.stringify(store.exportState()) };
  };

  test("the same seed and the same calls give byte-identical outputs and state", async () => {
    const start = "2024-03-01T10:00:00.000Z";
    const a = await run({ seed: 7, clock: new ManualClock(start) });
    const b = await run({ seed: 7, clock: new ManualClock(start) });
    expect(a.out).toBe(b.out);
    expect(a.state).toBe(b.state);
    // The outputs really carry generated values (VersionIds, ARN suffixes, request ids).
    expect(a.out).toMatch(/secret:app\/db-[A-Za-z0-9]{6}"/);
    expect(a.out).toMatch(/"requestId":"[0-9a-f-]{36}"/);
  });

  test("another seed, or no seed, gives other ids", async () => {
    const clock = () => new ManualClock("2024-03-01T10:00:00.000Z");
    const a = await run({ seed: 7, clock: clock() });
    const b = await run({ seed: 8, clock: clock() });
    const c = await run({ clock: clock() });
    const d = await run({ clock: clock() });
    expect(a.out).not.toBe(b.out);
    expect(c.out).not.toBe(d.out);
    expect(a.out).not.toBe(c.out);
  });

  test("string and number seeds with the same text are the same seed", async () => {
    const clock = () => new ManualClock(0);
    expect((await run({ seed: 42, clock: clock() })).out).toBe((await run({ seed: "42", clock: clock() })).out);
  });
});

describe("determinism of generated VersionIds (middleware: the mock generates ClientRequestToken)", () => {
  const run = async (options: SecretsStoreOptions) => {
    const { store, client } = setup(middlewareWay, options);
    return { out: await script(client), state: JSON.stringify(store.exportState()) };
  };

  test("same seed: identical VersionIds, ARNs and request ids", async () => {
    const a = await run({ seed: "abc", clock: new ManualClock(5) });
    const b = await run({ seed: "abc", clock: new ManualClock(5) });
    expect(a.out).toBe(b.out);
    expect(a.state).toBe(b.state);
    expect(a.out).toMatch(/"VersionId":"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"/);
  });

  test("no seed: different VersionIds", async () => {
    const a = await run({ clock: new ManualClock(5) });
    const b = await run({ clock: new ManualClock(5) });
    const ids = (s: string) => [...s.matchAll(/"VersionId":"([^"]+)"/g)].map((m) => m[1]);
    expect(ids(a.out).length).toBeGreaterThan(0);
    expect(ids(a.out)).not.toEqual(ids(b.out));
    // node:crypto's randomUUID: version 4, RFC variant, as the seeded ones.
    for (const id of ids(a.out)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("a seeded store rebuilt from its own state (the seed's sequence starts again)", () => {
  const reopen = async () => {
    const first = setup(middlewareWay, { seed: 11, clock: new ManualClock(0) });
    const created = await first.client.send(new CreateSecretCommand({ Name: "s", SecretString: "one" }));
    const again = SecretsStore.fromState(first.store.exportState(), { seed: 11, clock: new ManualClock(1000) });
    const client = middlewareWay.client(again);
    return { created, client, store: again };
  };

  test("a PutSecretValue without a token gets a new VersionId, not the one the sequence gave before", async () => {
    const { created, client } = await reopen();
    const put = await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "two" }));
    expect(put.VersionId).not.toBe(created.VersionId);
    expect(put.VersionStages).toEqual(["AWSCURRENT"]);
    const previous = await client.send(new GetSecretValueCommand({ SecretId: "s", VersionStage: "AWSPREVIOUS" }));
    expect(previous).toMatchObject({ VersionId: created.VersionId, SecretString: "one" });
  });

  test("a CreateSecret of the same name and value without a token is not taken for a retry", async () => {
    const { client } = await reopen();
    await expect(client.send(new CreateSecretCommand({ Name: "s", SecretString: "one" }))).rejects.toMatchObject({
      name: "ResourceExistsException",
    });
  });
});

describe("request ids", () => {
  test("are UUID-shaped (version 4, RFC variant) and unique, errors included", async () => {
    const { client } = setup(middlewareWay, { seed: 5 });
    const ids: string[] = [];
    await client.send(new CreateSecretCommand({ Name: "s", SecretString: "a" }));
    for (let i = 0; i < 50; i++) ids.push((await client.send(new GetSecretValueCommand({ SecretId: "s" }))).$metadata.requestId!);
    const error = await client.send(new GetSecretValueCommand({ SecretId: "missing" })).catch((e: unknown) => e);
    ids.push((error as { $metadata: { requestId: string } }).$metadata.requestId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("two unseeded stores give different ones", async () => {
    const a = setup(middlewareWay).client;
    const b = setup(middlewareWay).client;
    const id = async (c: SecretsManagerClient) => (await c.send(new CreateSecretCommand({ Name: "s" }))).$metadata.requestId;
    expect(await id(a)).not.toBe(await id(b));
  });
});

describe("clocks", () => {
  test("ManualClock.set takes epoch milliseconds as Date does (truncated; out of range refused)", () => {
    const clock = new ManualClock(0);
    clock.set(1_700_000_000_123.9);
    expect(clock.now()).toEqual(new Date(1_700_000_000_123));
    expect(() => clock.set(8.64e15 + 1)).toThrow(TypeError);
    expect(() => clock.set(Number.NaN)).toThrow(TypeError);
    expect(clock.now()).toEqual(new Date(1_700_000_000_123));
  });

  test("ManualClock: set and advance drive CreatedDate, LastChangedDate and LastAccessedDate", async () => {
    const clock = new ManualClock("2024-01-01T12:00:00.000Z");
    const { client } = setup(middlewareWay, { clock, seed: 1 });
    await client.send(new CreateSecretCommand({ Name: "s", SecretString: "a" }));
    clock.advance({ days: 2, hours: 3 });
    await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "b" }));
    clock.set("2024-02-10T08:30:00.000Z");
    await client.send(new GetSecretValueCommand({ SecretId: "s" }));
    const d = await client.send(new DescribeSecretCommand({ SecretId: "s" }));
    expect(d.CreatedDate).toEqual(new Date("2024-01-01T12:00:00.000Z"));
    expect(d.LastChangedDate).toEqual(new Date("2024-01-03T15:00:00.000Z"));
    expect(d.LastAccessedDate).toEqual(new Date("2024-02-10T00:00:00.000Z"));
  });

  test("a function clock is read on every call", async () => {
    let now = Date.parse("2030-05-05T05:05:05.005Z");
    const { client } = setup(middlewareWay, { clock: () => new Date(now) });
    await client.send(new CreateSecretCommand({ Name: "s", SecretString: "a" }));
    now += 60_000;
    await client.send(new UpdateSecretCommand({ SecretId: "s", Description: "x" }));
    const d = await client.send(new DescribeSecretCommand({ SecretId: "s" }));
    expect(d.CreatedDate).toEqual(new Date("2030-05-05T05:05:05.005Z"));
    expect(d.LastChangedDate).toEqual(new Date("2030-05-05T05:06:05.005Z"));
  });

  describe("Jest fake timers", () => {
    afterEach(() => jest.useRealTimers());

    test("drive a store created without a clock", async () => {
      jest.useFakeTimers().setSystemTime(new Date("2021-07-01T00:00:00.000Z"));
      const { client } = setup(middlewareWay, {});
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "a" }));
      jest.setSystemTime(new Date("2021-07-09T00:00:00.000Z"));
      await client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: "b" }));
      const d = await client.send(new DescribeSecretCommand({ SecretId: "s" }));
      expect(d.CreatedDate).toEqual(new Date("2021-07-01T00:00:00.000Z"));
      expect(d.LastChangedDate).toEqual(new Date("2021-07-09T00:00:00.000Z"));
    });
  });
});

describe("nothing reads the wall clock or unseeded randomness behind the store's back", () => {
  test("src/ reads time only through store/clock.ts", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require("node:fs") as typeof import("node:fs");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require("node:path") as typeof import("node:path");
    const root = path.join(__dirname, "../../src");
    // The console's call feed shows people when each call happened and how long it took; none of
    // it reaches the store or an operation's output.
    const exempt = new Set([path.join("store", "clock.ts"), path.join("console", "call-feed.ts")]);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith(".ts") && !exempt.has(path.relative(root, p))) {
          const text = fs.readFileSync(p, "utf8");
          if (/Date\.now\(|new Date\(\)|Math\.random\(|performance\.now\(/.test(text)) offenders.push(path.relative(root, p));
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
