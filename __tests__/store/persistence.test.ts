/**
 * persist: { path }: load on construction, save after changes (coalesced), flush(), atomic
 * writes, and refusing (never overwriting) a bad file.
 */
import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { setTimeout as realSetTimeout } from "node:timers";
import { ManualClock, SecretsStore } from "secrets-manager-mock";
import { middlewareWay, WAYS_IN } from "../helpers/ways-in";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-persist-"));
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("persistence via %s", (_n, way) => {
  test("changes are saved, and a new store on the same file starts from them", async () => {
    const file = path.join(dir, "secrets.json");
    const store = new SecretsStore({ seed: 1, persist: { path: file } });
    const client = way.client(store);
    await client.send(
      new CreateSecretCommand({ Name: "db", SecretString: "one", ClientRequestToken: "11111111-1111-4111-8111-111111111111" }),
    );
    await client.send(
      new PutSecretValueCommand({
        SecretId: "db",
        SecretBinary: new Uint8Array([7, 0, 7]),
        ClientRequestToken: "22222222-2222-4222-8222-222222222222",
      }),
    );
    await store.flush();
    expect(read(file)).toEqual(store.exportState());

    await store.close();
    const reopened = new SecretsStore({ persist: { path: file } });
    expect(reopened.exportState()).toEqual(store.exportState());
    const again = way.client(reopened);
    expect((await again.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretBinary).toEqual(new Uint8Array([7, 0, 7]));
    expect((await again.send(new GetSecretValueCommand({ SecretId: "db", VersionStage: "AWSPREVIOUS" }))).SecretString).toBe("one");
  });
});

describe("persistence", () => {
  test("a missing file is created (from the fixtures, when given) without waiting for a change", async () => {
    const file = path.join(dir, "new.json");
    const store = new SecretsStore({ persist: { path: file }, fixtures: { secrets: { a: { SecretString: "x" } } } });
    await store.flush();
    expect(read(file).partitions[0].secrets.map((s: { name: string }) => s.name)).toEqual(["a"]);
  });

  test("an existing file wins over fixtures", async () => {
    const file = path.join(dir, "s.json");
    const first = new SecretsStore({ persist: { path: file }, fixtures: { secrets: { a: { SecretString: "x" } } } });
    first.seed({ secrets: { b: { SecretString: "y" } } });
    await first.close();
    const second = new SecretsStore({ persist: { path: file }, fixtures: { secrets: { c: { SecretString: "z" } } } });
    expect(second.exportState().partitions[0].secrets.map((s) => s.name)).toEqual(["a", "b"]);
    // reset() goes back to what was loaded.
    second.seed({ secrets: { d: { SecretString: "w" } } });
    second.reset();
    expect(second.exportState().partitions[0].secrets.map((s) => s.name)).toEqual(["a", "b"]);
  });

  test("a burst of changes in one tick is written once", async () => {
    const file = path.join(dir, "burst.json");
    const store = new SecretsStore({ persist: { path: file } });
    await store.flush();
    const renames = jest.spyOn(fs.promises, "rename");
    for (let i = 0; i < 50; i++) store.seed({ secrets: { [`s${i}`]: { SecretString: "v" } } });
    await store.flush();
    expect(renames).toHaveBeenCalledTimes(1);
    expect(read(file).partitions[0].secrets).toHaveLength(50);
  });

  test("writes go through a temporary file in the same directory, renamed over the target", async () => {
    const file = path.join(dir, "atomic.json");
    const store = new SecretsStore({ persist: { path: file } });
    await store.flush();
    const opens = jest.spyOn(fs.promises, "open");
    const renames = jest.spyOn(fs.promises, "rename");
    store.seed({ secrets: { a: { SecretString: "v" } } });
    await store.flush();
    const [from, to] = renames.mock.calls[0] as [string, string];
    expect(to).toBe(file);
    expect(path.dirname(from)).toBe(dir);
    expect(opens.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining([from, dir]));
    expect(fs.readdirSync(dir).sort()).toEqual(["atomic.json", "atomic.json.lock"]);
  });

  test("flush waits for writes already running and for changes made meanwhile", async () => {
    const file = path.join(dir, "f.json");
    const store = new SecretsStore({ persist: { path: file } });
    store.seed({ secrets: { a: { SecretString: "1" } } });
    const first = store.flush();
    store.seed({ secrets: { b: { SecretString: "2" } } });
    await first;
    await store.flush();
    expect(read(file)).toEqual(store.exportState());
  });

  test("works under Jest fake timers (writes don't wait for a faked setImmediate)", async () => {
    jest.useFakeTimers().setSystemTime(new Date("2025-01-01T00:00:00Z"));
    const file = path.join(dir, "fake.json");
    const store = new SecretsStore({ persist: { path: file } });
    const client = middlewareWay.client(store);
    await client.send(new CreateSecretCommand({ Name: "a", SecretString: "x" }));
    await store.flush();
    expect(read(file).partitions[0].secrets[0].createdDate).toBe("2025-01-01T00:00:00.000Z");
  });

  test("works when fake timers were installed before the package loaded (fakeTimers.enableGlobally)", async () => {
    jest.useFakeTimers().setSystemTime(new Date("2025-01-01T00:00:00Z"));
    let fresh!: typeof import("secrets-manager-mock");
    jest.isolateModules(() => {
      // A fresh copy of the package, loaded while setImmediate is the fake one.
      fresh = jest.requireActual<typeof import("secrets-manager-mock")>("secrets-manager-mock");
    });
    const file = path.join(dir, "fake-before-load.json");
    const store = new fresh.SecretsStore({ persist: { path: file } });
    const client = new SecretsManagerClient({ region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    fresh.mockSecretsManager(client, { store });
    await client.send(new CreateSecretCommand({ Name: "early", SecretString: "x" }));
    // Without flush(): the write scheduled for the next turn happens by itself.
    for (let turn = 0; turn < 50 && !fs.existsSync(file); turn++) await new Promise((r) => realSetTimeout(r, 10));
    expect(read(file).partitions[0].secrets[0].name).toBe("early");
    await store.flush();
  });

  test("a corrupt file is refused with its name and left untouched", async () => {
    const file = path.join(dir, "corrupt.json");
    fs.writeFileSync(file, '{"formatVersion":1,"partitions":[{"accountId":');
    const before = fs.readFileSync(file);
    expect(() => new SecretsStore({ persist: { path: file } })).toThrow(`invalid state in ${file}: not valid JSON`);
    await new Promise((r) => setImmediate(r));
    expect(fs.readFileSync(file)).toEqual(before);
  });

  test("a file with an invalid document is refused with its name and the path inside it", () => {
    const file = path.join(dir, "bad.json");
    fs.writeFileSync(file, JSON.stringify({ formatVersion: 1, partitions: [{ accountId: "1", region: "r", secrets: [{}] }] }));
    expect(() => new SecretsStore({ persist: { path: file } })).toThrow(
      `invalid state in ${file} at partitions[0].secrets[0].name: expected a string`,
    );
  });

  test("an unreadable path is refused with its name", () => {
    const file = path.join(dir, "a-directory");
    fs.mkdirSync(file);
    expect(() => new SecretsStore({ persist: { path: file } })).toThrow(`can't read state file ${file}`);
  });

  test("a failed save rejects flush() with the file name; the store keeps working", async () => {
    const file = path.join(dir, "gone", "s.json");
    fs.mkdirSync(path.dirname(file));
    const store = new SecretsStore({ persist: { path: file } });
    await store.flush();
    fs.rmSync(path.dirname(file), { recursive: true });
    store.seed({ secrets: { a: { SecretString: "v" } } });
    await expect(store.flush()).rejects.toThrow(`can't save state to ${file}`);
    fs.mkdirSync(path.dirname(file));
    store.seed({ secrets: { b: { SecretString: "v" } } });
    await store.flush();
    expect(read(file).partitions[0].secrets).toHaveLength(2);
  });

  test("changes made right before process.exit() are saved by the exit hook, which then gives the file up", () => {
    const file = path.join(dir, "exit.json");
    const script = `
      const { SecretsStore } = require(${JSON.stringify(path.join(__dirname, "../../src/setup/secrets-store.ts"))});
      const store = new SecretsStore({ persist: { path: ${JSON.stringify(file)} }, clock: () => new Date(0) });
      store.seed({ secrets: { last: { SecretString: "saved on exit" } } });
      process.exit(0);
    `;
    const r = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: path.join(__dirname, "../.."), encoding: "utf8" });
    expect(r.stderr).not.toMatch(/Error/);
    expect(read(file).partitions[0].secrets[0].name).toBe("last");
    expect(fs.readdirSync(dir)).toEqual(["exit.json"]);
  });

  test("dates survive exactly (ManualClock at millisecond precision)", async () => {
    const file = path.join(dir, "d.json");
    const clock = new ManualClock("2024-02-29T23:59:59.999Z");
    const store = new SecretsStore({ persist: { path: file }, clock });
    store.seed({ secrets: { a: { SecretString: "v" } } });
    await store.close();
    const reopened = new SecretsStore({ persist: { path: file } });
    expect(reopened.getSecret(reopened.accountId, reopened.region, "a")!.createdDate).toBe(Date.parse("2024-02-29T23:59:59.999Z"));
  });
});
