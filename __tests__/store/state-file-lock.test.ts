/**
 * One store per state file: the `<file>.lock` a persisted store holds, the refusal a second store
 * gets (in this process or from a live holder elsewhere), the takeover of a lock whose holder is
 * gone, and the release on close() and on a failed start (on exit: persistence.test.ts). Across
 * real processes: ../reliability/several-processes.test.ts.
 */
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { mockSecretsManager, SecretsStore, StateFileInUseError } from "secrets-manager-mock";

let dir: string;
let file: string;
let lockFile: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-lock-"));
  file = path.join(dir, "secrets.json");
  lockFile = `${file}.lock`;
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const readJson = (f: string) => JSON.parse(fs.readFileSync(f, "utf8"));
const names = (f: string): string[] => readJson(f).partitions.flatMap((p: { secrets: { name: string }[] }) => p.secrets.map((s) => s.name));

/** The start of a process in clock ticks since boot, as /proc tells it (Linux only). */
function startTicks(pid: number | "self"): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
  } catch {
    return undefined;
  }
}

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  return r.pid;
}

function writeLock(record: Record<string, unknown>): void {
  fs.writeFileSync(lockFile, JSON.stringify({ hostname: os.hostname(), startedAt: "2024-01-01T00:00:00.000Z", ...record }));
}

function refusal(fn: () => unknown): StateFileInUseError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StateFileInUseError);
    return e as StateFileInUseError;
  }
  throw new Error("expected StateFileInUseError");
}

test("a persisted store holds <file>.lock with its pid, host and start time, and close() gives it up", async () => {
  const store = new SecretsStore({ persist: { path: file } });
  const lock = readJson(lockFile);
  expect(lock).toMatchObject({ pid: process.pid, hostname: os.hostname(), file });
  // The process's start (read on the first lock, not at import), and its start ticks where /proc has them.
  expect(lock.startedAt).toBe(new Date(performance.timeOrigin).toISOString());
  expect(lock.startTicks).toBe(startTicks("self"));
  await store.close();
  expect(fs.existsSync(lockFile)).toBe(false);
  // Closing twice is harmless; a store without persist closes at once.
  await store.close();
  await new SecretsStore().close();
});

test("a second store on the same file in this process is refused before it reads or writes anything", async () => {
  const first = new SecretsStore({ persist: { path: file } });
  const client = new SecretsManagerClient({ region: "us-east-1" });
  mockSecretsManager(client, { store: first });
  await client.send(new CreateSecretCommand({ Name: "by-first", SecretString: "v" }));
  await first.flush();
  const lockBefore = fs.readFileSync(lockFile, "utf8");

  const e = refusal(() => new SecretsStore({ persist: { path: file }, fixtures: { secrets: { "by-second": { SecretString: "x" } } } }));
  expect(e.message).toContain(
    `state file ${file} is in use: another SecretsStore in this process (${process.pid}) holds it; close() that store`,
  );
  expect(e.holder).toMatchObject({ pid: process.pid, hostname: os.hostname() });
  expect(e.file).toBe(file);
  expect(e.lockFile).toBe(lockFile);
  await new Promise((r) => setImmediate(r));
  expect(fs.readFileSync(lockFile, "utf8")).toBe(lockBefore);
  expect(names(file)).toEqual(["by-first"]);

  // The holder is not disturbed: it keeps saving, and once it is closed the file opens again.
  await client.send(new CreateSecretCommand({ Name: "by-first-2", SecretString: "v" }));
  await first.close();
  const second = new SecretsStore({ persist: { path: file } });
  expect(second.exportState()).toEqual(first.exportState());
  await second.close();
});

test("the refusal says who holds the file and how to share one store between processes", () => {
  // The Jest parent process is alive on this host.
  writeLock({ pid: process.ppid, startedAt: "2026-12-01T18:00:00.000Z" });
  const e = refusal(() => new SecretsStore({ persist: { path: file } }));
  expect(e.holder).toEqual(expect.objectContaining({ pid: process.ppid, hostname: os.hostname(), startedAt: "2026-12-01T18:00:00.000Z" }));
  expect(e.message).toContain(
    `state file ${file} is in use: process ${process.ppid} on ${os.hostname()} (started 2026-12-01T18:00:00.000Z) holds it.`,
  );
  expect(e.message).toContain(`npx secrets-manager-mock serve --state ${file}`);
  expect(e.message).toContain("AWS_ENDPOINT_URL_SECRETS_MANAGER=");
  expect(fs.existsSync(file)).toBe(false);
});

test("a lock whose holder has exited is taken over", async () => {
  fs.writeFileSync(file, JSON.stringify(new SecretsStore({ fixtures: { secrets: { kept: { SecretString: "v" } } } }).exportState()));
  writeLock({ pid: deadPid() });
  const store = new SecretsStore({ persist: { path: file } });
  expect(readJson(lockFile).pid).toBe(process.pid);
  expect(store.getSecret(store.accountId, store.region, "kept")).toBeDefined();
  await store.close();
  expect(fs.readdirSync(dir)).toEqual(["secrets.json"]);
});

// Only /proc tells a process's start (elsewhere a lock naming this pid is taken to be this process's).
const ticks = startTicks("self");
(ticks === undefined ? test.skip : test)("a lock naming this process's pid but another start (a reused pid) is taken over", async () => {
  writeLock({ pid: process.pid, startedAt: "2020-01-01T00:00:00.000Z", startTicks: ticks! - 1 });
  const store = new SecretsStore({ persist: { path: file } });
  expect(readJson(lockFile).startedAt).not.toBe("2020-01-01T00:00:00.000Z");
  await store.close();
});

(ticks === undefined ? test.skip : test)(
  "a lock naming a live pid that started at another time (the pid was reused) is taken over",
  async () => {
    const parentTicks = startTicks(process.ppid)!;
    writeLock({ pid: process.ppid, startTicks: parentTicks });
    expect(() => new SecretsStore({ persist: { path: file } })).toThrow(`process ${process.ppid} on ${os.hostname()}`);
    writeLock({ pid: process.ppid, startTicks: parentTicks - 1 });
    const store = new SecretsStore({ persist: { path: file } });
    expect(readJson(lockFile).pid).toBe(process.pid);
    await store.close();
  },
);

test("a lock held on another host is never taken over, even when that pid is not alive here", () => {
  writeLock({ pid: deadPid(), hostname: "build-box-7" });
  const e = refusal(() => new SecretsStore({ persist: { path: file } }));
  expect(e.message).toContain(
    `on build-box-7 (started 2024-01-01T00:00:00.000Z) holds it (if that process is no longer running, delete ${lockFile})`,
  );
  expect(readJson(lockFile).hostname).toBe("build-box-7");
});

test.each([
  ["not JSON", "not json"],
  ["empty", ""],
  ["without a pid", JSON.stringify({ hostname: os.hostname(), startedAt: "x" })],
  ["with a process group for a pid", JSON.stringify({ pid: 0, hostname: os.hostname(), startedAt: "x" })],
  ["with start ticks that are no number", JSON.stringify({ pid: 1, hostname: os.hostname(), startedAt: "x", startTicks: "7" })],
])("a lock file that can't be read (%s) is refused, never taken over", (_what, text) => {
  fs.writeFileSync(lockFile, text);
  const e = refusal(() => new SecretsStore({ persist: { path: file } }));
  expect(e.holder).toBeUndefined();
  expect(e.message).toContain(`its lock file ${lockFile} can't be read (if no process uses the state file, delete the lock file)`);
  expect(fs.readFileSync(lockFile, "utf8")).toBe(text);
});

test("a state file in a directory that does not exist fails at start, naming the file", () => {
  const missing = path.join(dir, "no-such-dir", "s.json");
  expect(() => new SecretsStore({ persist: { path: missing } })).toThrow(`secrets-manager-mock: can't take state file ${missing}: ENOENT`);
});

test("a takeover interrupted by the death of the process doing it is refused, naming both files", () => {
  writeLock({ pid: deadPid() });
  fs.writeFileSync(
    `${lockFile}.takeover`,
    JSON.stringify({ pid: deadPid(), hostname: os.hostname(), startedAt: "2024-01-01T00:00:00.000Z" }),
  );
  const e = refusal(() => new SecretsStore({ persist: { path: file } }));
  expect(e.message).toContain(
    `a takeover of its stale lock was interrupted; if no process uses the state file, delete ${lockFile} and ${lockFile}.takeover`,
  );
});

test("a store that fails to start (corrupt state file) gives the file up", () => {
  fs.writeFileSync(file, "{");
  expect(() => new SecretsStore({ persist: { path: file } })).toThrow(`invalid state in ${file}`);
  expect(fs.existsSync(lockFile)).toBe(false);
  fs.rmSync(file);
  expect(() => new SecretsStore({ persist: { path: file }, fixtures: path.join(dir, "missing.json") })).toThrow("file not found");
  expect(fs.existsSync(lockFile)).toBe(false);
});

test("changes made after close() are not saved, and flush() says so", async () => {
  const store = new SecretsStore({ persist: { path: file } });
  store.seed({ secrets: { before: { SecretString: "v" } } });
  await store.close();
  store.seed({ secrets: { after: { SecretString: "v" } } });
  await expect(store.flush()).rejects.toThrow(`the store was closed; changes made after close() are not saved to ${file}`);
  await new Promise((r) => setImmediate(r));
  expect(names(file)).toEqual(["before"]);
});

test("close() saves what is pending first, including changes made while it waits", async () => {
  const store = new SecretsStore({ persist: { path: file } });
  store.seed({ secrets: { a: { SecretString: "v" } } });
  const closing = store.close();
  store.seed({ secrets: { b: { SecretString: "v" } } });
  await closing;
  expect(names(file)).toEqual(["a", "b"]);
  expect(fs.existsSync(lockFile)).toBe(false);
});

test("where the file system has no hard links, the lock is created with an exclusive open", async () => {
  // The module object itself (the namespace import above has read-only bindings).
  jest.spyOn(jest.requireActual<typeof fs>("node:fs"), "linkSync").mockImplementation(() => {
    throw Object.assign(new Error("EPERM: operation not permitted, link"), { code: "EPERM" });
  });
  const store = new SecretsStore({ persist: { path: file } });
  expect(fs.linkSync).toHaveBeenCalled();
  expect(readJson(lockFile).pid).toBe(process.pid);
  expect(() => new SecretsStore({ persist: { path: file } })).toThrow(StateFileInUseError);
  await store.close();
  expect(fs.readdirSync(dir)).toEqual(["secrets.json"]);
});

test("a store reopened after close() serves what the first one saved", async () => {
  const first = new SecretsStore({ persist: { path: file } });
  const client = new SecretsManagerClient({ region: "us-east-1" });
  const mock = mockSecretsManager(client, { store: first });
  await client.send(new CreateSecretCommand({ Name: "db", SecretString: "one" }));
  await first.close();
  mock.restore();
  const reopened = new SecretsStore({ persist: { path: file } });
  mockSecretsManager(client, { store: reopened });
  expect((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString).toBe("one");
  await reopened.close();
});
