/**
 * Concurrency: 1,000 concurrent PutSecretValue calls on one secret, through one client with the
 * mock and through the HTTP endpoint (32 keep-alive connections). Every call succeeds or fails
 * with an AWS error; the number of successes is exactly what the reference model says the same
 * calls imply (the retention rule: at most 100 deprecated versions, and none younger than 24 h
 * removed); exactly one AWSCURRENT; no lost write. Concurrent retries with one token create one
 * version.
 */
import { Agent } from "node:http";
import { LimitExceededException, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import * as lib from "secrets-manager-mock";
import { ManualClock, mockSecretsManager, SecretsStore } from "secrets-manager-mock";
import { isAwsError, send } from "./harness";
import { checkSecret, InvariantChecker } from "./invariants";
import { Model } from "./model";

jest.setTimeout(120_000);

const CALLS = 1_000;
const T0 = Date.UTC(2024, 0, 10, 12);
const HOUR = 3_600_000;
const tokenOf = (round: number, i: number) => `cccccccc-${String(round).padStart(4, "0")}-4000-8000-${String(i).padStart(12, "0")}`;

type StartServer = (o: { port: number; store: SecretsStore }) => Promise<{ url: string; close(): Promise<void> }>;
const startServer = (lib as unknown as { startSecretsManagerServer?: StartServer }).startSecretsManagerServer;

interface Way {
  name: string;
  open(store: SecretsStore): Promise<{ client: SecretsManagerClient; close: () => Promise<void> }>;
}

const WAYS: Way[] = [
  {
    name: "one client with the mock (Promise.all)",
    open(store) {
      const client = new SecretsManagerClient({});
      mockSecretsManager(client, { store });
      return Promise.resolve({ client, close: () => Promise.resolve() });
    },
  },
];
if (startServer !== undefined) {
  WAYS.push({
    name: "the HTTP endpoint (32 keep-alive connections)",
    async open(store) {
      const server = await startServer({ port: 0, store });
      const agent = new Agent({ keepAlive: true, maxSockets: 32 });
      const client = new SecretsManagerClient({
        endpoint: server.url,
        region: "us-east-1",
        credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" },
        maxAttempts: 1, // LimitExceededException is retryable: count each call once
        requestHandler: new NodeHttpHandler({ httpAgent: agent }),
      });
      return {
        client,
        close: async () => {
          client.destroy();
          agent.destroy();
          await server.close();
        },
      };
    },
  });
}

describe.each(WAYS.map((w) => [w.name, w] as const))("concurrent writes through %s", (_n, way) => {
  let clock: ManualClock;
  let store: SecretsStore;
  let client: SecretsManagerClient;
  let close: () => Promise<void>;
  let model: Model;

  beforeEach(async () => {
    clock = new ManualClock(T0);
    store = new SecretsStore({ clock, seed: 11 });
    ({ client, close } = await way.open(store));
    model = new Model(T0);
    const create = { Name: "hot", SecretString: "v0", ClientRequestToken: tokenOf(0, 0) };
    await send(client, "CreateSecret", create);
    model.run("CreateSecret", create, { arn: store.getSecret("123456789012", "us-east-1", "hot")!.arn });
  });

  afterEach(() => close());

  /** 1,000 concurrent puts; returns the VersionIds that succeeded, checks every failure is AWS's. */
  async function round(r: number): Promise<{ ok: string[]; limited: number }> {
    const results = await Promise.allSettled(
      Array.from({ length: CALLS }, (_, i) =>
        send(client, "PutSecretValue", { SecretId: "hot", SecretString: `value-${r}-${i}`, ClientRequestToken: tokenOf(r, i) }),
      ),
    );
    const ok: string[] = [];
    let limited = 0;
    for (const res of results) {
      if (res.status === "fulfilled") ok.push(res.value.VersionId as string);
      else {
        expect(isAwsError(res.reason)).toBe(true);
        expect(res.reason).toBeInstanceOf(LimitExceededException);
        expect(res.reason.$metadata.httpStatusCode).toBe(400);
        limited++;
      }
    }
    // What the same calls imply, one after the other, in the reference model.
    let modelOk = 0;
    for (let i = 0; i < CALLS; i++) {
      const out = model.run("PutSecretValue", { SecretId: "hot", SecretString: `value-${r}-${i}`, ClientRequestToken: tokenOf(r, i) });
      if (out.ok) modelOk++;
    }
    expect(ok.length).toBe(modelOk);
    expect(ok.length + limited).toBe(CALLS);
    return { ok, limited };
  }

  function secret() {
    return store.getSecret("123456789012", "us-east-1", "hot")!;
  }

  test(`${CALLS} concurrent PutSecretValue calls, twice (25 h apart): retention-exact counts, one AWSCURRENT, no lost write`, async () => {
    const invariants = new InvariantChecker();
    const first = await round(1);
    // 100 deprecated + AWSPREVIOUS + AWSCURRENT: the 102nd version fits, the 103rd would need
    // removing a deprecated version younger than 24 h.
    expect(first.ok).toHaveLength(101);
    expect(first.limited).toBe(CALLS - 101);
    let s = secret();
    expect(s.versions.size).toBe(102);
    invariants.check(store);
    for (const id of first.ok) expect(s.versions.has(id)).toBe(true);

    clock.advance({ milliseconds: 25 * HOUR });
    model.advance(25 * HOUR);
    const second = await round(2);
    // Every version of the first round is now older than 24 h and can make room: 102 more fit.
    expect(second.ok).toHaveLength(102);
    s = secret();
    checkSecret(s, store.now());
    invariants.check(store);
    expect(s.versions.size).toBe(102);
    expect([...s.versions.values()].filter((v) => v.stages.includes("AWSCURRENT"))).toHaveLength(1);
    expect([...s.versions.values()].filter((v) => v.stages.length === 0)).toHaveLength(100);
    for (const id of second.ok) expect(s.versions.has(id)).toBe(true);
    // The writes that disappeared were removed by retention, oldest first: all of them are older
    // than every surviving version, and older than 24 h.
    const removed = [tokenOf(0, 0), ...first.ok].filter((id) => !s.versions.has(id));
    expect(removed).toHaveLength(102);
    const oldestSurvivor = Math.min(...[...s.versions.values()].map((v) => v.createdDate));
    expect(oldestSurvivor).toBe(T0 + 25 * HOUR);
    // The mock's listing agrees with the model's.
    const listed = (await send(client, "ListSecretVersionIds", { SecretId: "hot", IncludeDeprecated: true })) as {
      Versions: { VersionId: string }[];
    };
    const modelListed = model.run("ListSecretVersionIds", { SecretId: "hot", IncludeDeprecated: true });
    expect(modelListed.ok && (modelListed.output.Versions as unknown[]).length).toBe(listed.Versions.length);
    expect(new Set(listed.Versions.map((v) => v.VersionId))).toEqual(new Set(s.versions.keys()));
  });

  test("50 concurrent retries with one token and one value create exactly one version", async () => {
    const token = tokenOf(9, 1);
    const before = secret().versions.size;
    const outs = await Promise.all(
      Array.from({ length: 50 }, () =>
        send(client, "PutSecretValue", { SecretId: "hot", SecretString: "same", ClientRequestToken: token }),
      ),
    );
    expect(new Set(outs.map((o) => o.VersionId))).toEqual(new Set([token]));
    expect(secret().versions.size).toBe(before + 1);
    expect(secret().labels.get("AWSCURRENT")).toBe(token);
  });

  test("concurrent calls with one token but different values: one wins, the others get ResourceExistsException", async () => {
    const token = tokenOf(9, 2);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        send(client, "PutSecretValue", { SecretId: "hot", SecretString: `v-${i}`, ClientRequestToken: token }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") {
        expect(r.reason.name).toBe("ResourceExistsException");
        expect(r.reason.message).toBe(
          `You can't use ClientRequestToken ${token} because that value is already in use for a version of secret ${secret().arn}.`,
        );
      }
    }
    expect(secret().versions.get(token)!.secretString).toMatch(/^v-\d+$/);
  });
});
