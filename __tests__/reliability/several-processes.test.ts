/**
 * Several processes on one state file (issue: three processes each creating five secrets left
 * only one process's five). Each process (../fixtures/state-file-client.ts) either is refused
 * before it accepts a write, or holds the file; at the end, every write a process acknowledged is
 * in the file. Also: a holder killed with SIGKILL leaves a lock the next processes take over.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SecretsStore } from "secrets-manager-mock";
import { writerCommand } from "../fixtures/persist-durability";

const ROOT = path.join(__dirname, "../..");
const CLIENT = path.join(__dirname, "../fixtures/state-file-client.ts");
const WRITES = 5;

jest.setTimeout(120_000);

let dir: string;
let command: string[];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-processes-"));
  command = writerCommand(dir, CLIENT);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** One client process and what it said. */
class Client {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: string[] = [];
  stderr = "";
  code: number | null | undefined;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly name: string,
    file: string,
  ) {
    this.child = spawn(process.execPath, [...command, file, name, String(WRITES)], { cwd: ROOT });
    let buffered = "";
    this.child.stdout.on("data", (d: Buffer) => {
      buffered += d.toString();
      const parts = buffered.split("\n");
      buffered = parts.pop()!;
      this.lines.push(...parts);
      this.wake();
    });
    this.child.stderr.on("data", (d: Buffer) => (this.stderr += d.toString()));
    this.child.on("exit", (code) => {
      this.code = code;
      this.wake();
    });
  }

  private wake(): void {
    for (const w of this.waiters) w();
  }

  /** Resolves once `condition` holds (checked on every line and at exit); rejects after a generous bound. */
  until(condition: () => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        this.waiters.delete(check);
        clearTimeout(guard);
        resolve();
      };
      const guard = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${this.name}: no "${what}" (lines: ${this.lines.join(" | ")}; stderr: ${this.stderr.slice(0, 500)})`));
      }, 60_000);
      this.waiters.add(check);
      check();
    });
  }

  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  get acked(): string[] {
    return this.lines.filter((l) => l.startsWith("acked ")).map((l) => l.slice("acked ".length));
  }

  get holding(): boolean {
    return this.lines.includes("holding");
  }

  /** Refused (exit 3, the error on stderr) or done writing. */
  settled(): Promise<void> {
    return this.until(() => this.code !== undefined || this.lines.includes("done"), "done or exit");
  }

  exited(): Promise<void> {
    return this.until(() => this.code !== undefined, "exit");
  }
}

function start(file: string, names: string[]): Promise<Client[]> {
  const clients = names.map((n) => new Client(n, file));
  return Promise.all(clients.map((c) => c.until(() => c.lines.includes("loaded"), "loaded"))).then(() => clients);
}

/** The value of every secret in the file. */
function saved(file: string): Map<string, string | undefined> {
  const store = SecretsStore.fromState(JSON.parse(fs.readFileSync(file, "utf8")));
  const values = new Map<string, string | undefined>();
  for (const p of store.exportState().partitions) {
    for (const s of p.secrets) values.set(s.name, s.versions.find((v) => v.stages.includes("AWSCURRENT"))?.secretString);
  }
  return values;
}

/** Every process was refused before it acknowledged anything, or all it acknowledged is in the file. */
function expectNoSilentLoss(file: string, clients: Client[]): void {
  const values = saved(file);
  for (const c of clients) {
    if (c.holding) {
      expect({ name: c.name, code: c.code, acked: c.acked.length }).toEqual({ name: c.name, code: 0, acked: WRITES });
      for (const secret of c.acked) expect([secret, values.get(secret)]).toEqual([secret, secret]);
    } else {
      expect({ name: c.name, code: c.code, acked: c.acked }).toEqual({ name: c.name, code: 3, acked: [] });
      expect(c.stderr).toContain(`StateFileInUseError: secrets-manager-mock: state file ${file} is in use: process `);
      expect(c.stderr).toContain(`npx secrets-manager-mock serve --state ${file}`);
    }
  }
  expect(fs.existsSync(`${file}.lock`)).toBe(false);
}

test("four processes started together on one file: one holds it, the others are refused before accepting a write", async () => {
  const file = path.join(dir, "together.json");
  const clients = await start(file, ["p1", "p2", "p3", "p4"]);
  for (const c of clients) c.send("go");
  // The holder keeps the file until every other process has tried.
  await Promise.all(clients.map((c) => c.settled()));
  const holders = clients.filter((c) => c.holding);
  expect(holders).toHaveLength(1);
  const refused = clients.filter((c) => !c.holding);
  for (const c of refused) expect(c.stderr).toContain(`process ${holders[0].child.pid} on ${os.hostname()}`);
  for (const c of clients) c.send("finish");
  await Promise.all(clients.map((c) => c.exited()));
  expectNoSilentLoss(file, clients);
  expect([...saved(file).keys()].sort()).toEqual(holders[0].acked.sort());
});

test("four processes started together, each finishing as soon as it can: no acknowledged write is lost", async () => {
  const file = path.join(dir, "racing.json");
  const clients = await start(file, ["r1", "r2", "r3", "r4"]);
  for (const c of clients) {
    c.send("go");
    c.send("finish");
  }
  await Promise.all(clients.map((c) => c.exited()));
  expect(clients.some((c) => c.holding)).toBe(true);
  expectNoSilentLoss(file, clients);
});

test("the same four one after another: each takes the file in turn, and it ends with every write of all four", async () => {
  const file = path.join(dir, "in-turn.json");
  const clients: Client[] = [];
  for (const name of ["s1", "s2", "s3", "s4"]) {
    const [c] = await start(file, [name]);
    c.send("go");
    c.send("finish");
    await c.exited();
    clients.push(c);
  }
  expect(clients.every((c) => c.holding)).toBe(true);
  expectNoSilentLoss(file, clients);
  expect(saved(file).size).toBe(4 * WRITES);
});

test("kill -9 of the holder leaves its lock; of the processes started next, exactly one takes it over, and nothing acknowledged is lost", async () => {
  const file = path.join(dir, "killed.json");
  const [victim] = await start(file, ["k0"]);
  victim.send("go");
  await victim.settled();
  expect(victim.acked).toHaveLength(WRITES);
  victim.child.kill("SIGKILL");
  await victim.exited();
  expect(JSON.parse(fs.readFileSync(`${file}.lock`, "utf8")).pid).toBe(victim.child.pid);

  const clients = await start(file, ["k1", "k2", "k3"]);
  for (const c of clients) c.send("go");
  await Promise.all(clients.map((c) => c.settled()));
  const holders = clients.filter((c) => c.holding);
  expect(holders).toHaveLength(1);
  for (const c of clients) c.send("finish");
  await Promise.all(clients.map((c) => c.exited()));
  expectNoSilentLoss(file, clients);
  const values = saved(file);
  for (const secret of victim.acked) expect(values.get(secret)).toBe(secret);
  expect(values.size).toBe(2 * WRITES);
});
