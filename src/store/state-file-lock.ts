/**
 * The exclusive lock that makes one store the only writer of a state file. Every store saves its
 * whole state after each change, so two stores on one file would silently overwrite each other's
 * writes; instead the first one holds `<file>.lock` and any other store, in this process or
 * another, is refused before it reads or writes anything.
 *
 * The lock file holds the holder's pid, hostname and process start time. A lock whose holder is
 * gone (killed with SIGKILL, machine restarted) is taken over: on the same host, a pid that is not
 * alive, or alive but started at another time (the pid was reused), is gone. A holder on another
 * host can't be checked, so its lock is never taken over automatically.
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";

/** Who holds a state file. */
export interface StateFileHolder {
  /** Process id of the holder. */
  readonly pid: number;
  /** Host the holder runs on. */
  readonly hostname: string;
  /** When the holding process started (ISO 8601). */
  readonly startedAt: string;
}

/** What the lock file holds. */
interface LockRecord extends StateFileHolder {
  /** Linux: the process start in clock ticks since boot (`/proc/<pid>/stat`), which tells a reused pid apart. */
  readonly startTicks?: number;
  /** Unique per acquisition, so a holder only ever removes its own lock. */
  readonly token: string;
}

/**
 * Thrown when a state file is already held by another store (in another process, or in this one),
 * before the new store has read or written anything.
 */
export class StateFileInUseError extends Error {
  override readonly name = "StateFileInUseError";

  constructor(
    /** The state file. */
    readonly file: string,
    /** The lock file beside it. */
    readonly lockFile: string,
    /** The current holder, when the lock file could be read. */
    readonly holder: StateFileHolder | undefined,
    reason: string,
  ) {
    super(
      `secrets-manager-mock: state file ${file} is in use: ${reason}. One state file serves one store in one process at a time ` +
        `(every store saves its whole state, so two would overwrite each other's writes). To share one store between processes, ` +
        `run it once: \`npx secrets-manager-mock serve --state ${file}\`, and point the clients at it with ` +
        `AWS_ENDPOINT_URL_SECRETS_MANAGER=http://127.0.0.1:4566; or give each process its own state file.`,
    );
  }
}

/**
 * When this process started, shown to people only: which process is which is told by pid and,
 * where /proc exists, start ticks. Read on the first lock, not at import (loading node:perf_hooks
 * and reading /proc cost about 2 ms of every import). perf_hooks' own `performance`, as fake
 * timers replace the global one; Node before 20.16 has no `getBuiltinModule` and reads the global.
 */
let processStartedAt: string | undefined;
function processStartedAtText(): string {
  processStartedAt ??= new Date(processTimeOrigin()).toISOString();
  return processStartedAt;
}

function processTimeOrigin(): number {
  type WithPerformance = { performance?: { timeOrigin: number } } | undefined;
  const getBuiltinModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  const perfHooks = getBuiltinModule?.call(process, "node:perf_hooks") as WithPerformance;
  // Node has had the global `performance` since 16.
  const perf = perfHooks?.performance ?? (globalThis as unknown as { performance: { timeOrigin: number } }).performance;
  return perf.timeOrigin;
}

/** The start of process `pid` in clock ticks since boot, where `/proc` tells it (Linux). */
function startTicksOf(pid: number | "self"): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2 (the command) is in parentheses and may hold spaces or parentheses itself; field 22 is the start.
    const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    return Number.isSafeInteger(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/** This process's start ticks, read once (on the first lock). */
let ownStartTicks: { ticks: number | undefined } | undefined;
function ownStartTicksOf(): number | undefined {
  return (ownStartTicks ??= { ticks: startTicksOf("self") }).ticks;
}

function ownRecord(): LockRecord {
  const startTicks = ownStartTicksOf();
  return {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: processStartedAtText(),
    ...(startTicks !== undefined && { startTicks }),
    token: randomUUID(),
  };
}

/** The record in a lock file; undefined when it is not one (whatever can't be checked is never taken over). */
function parseRecord(text: string): LockRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const r = parsed as Partial<LockRecord>;
  const valid =
    Number.isSafeInteger(r.pid) &&
    r.pid! > 0 &&
    typeof r.hostname === "string" &&
    typeof r.startedAt === "string" &&
    (r.startTicks === undefined || Number.isSafeInteger(r.startTicks));
  return valid ? (r as LockRecord) : undefined;
}

const holderOf = (r: LockRecord): StateFileHolder => ({ pid: r.pid, hostname: r.hostname, startedAt: r.startedAt });

type HolderState = "alive" | "this-process" | "other-host" | "gone";

function holderState(r: LockRecord): HolderState {
  if (r.hostname !== os.hostname()) return "other-host";
  if (r.pid === process.pid) {
    // Without start ticks this pid can't be told from an earlier process that had it: assume it is this one.
    return r.startTicks === undefined || ownStartTicksOf() === undefined || r.startTicks === ownStartTicksOf() ? "this-process" : "gone";
  }
  try {
    process.kill(r.pid, 0);
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    if ((e as NodeJS.ErrnoException).code === "ESRCH") return "gone";
  }
  const ticks = r.startTicks === undefined ? undefined : startTicksOf(r.pid);
  return ticks !== undefined && ticks !== r.startTicks ? "gone" : "alive";
}

/** The text of a file, or undefined when it does not exist. */
function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/**
 * Creates `file` holding `text` unless it exists; false when it does. The text is written to a
 * temporary file first and hard-linked into place, so nobody ever reads a half-written lock;
 * where the file system has no hard links, `open(…, "wx")` creates it.
 */
function createExclusive(file: string, text: string, token: string): boolean {
  const tmp = `${file}.${process.pid}.${token}.tmp`;
  try {
    fs.writeFileSync(tmp, text, { flag: "wx", mode: 0o600, flush: true });
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw e;
    try {
      fs.writeFileSync(file, text, { flag: "wx", mode: 0o600, flush: true });
      return true;
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw e2;
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

const heldLocks = new Set<StateFileLock>();

/** A held lock on a state file; {@link StateFileLock.release} gives it up. */
export class StateFileLock {
  private released = false;

  private constructor(
    /** The lock file. */
    readonly lockFile: string,
    private readonly text: string,
  ) {
    heldLocks.add(this);
  }

  /**
   * Takes the lock on `file` (an absolute path), taking over a lock whose holder is gone; throws
   * {@link StateFileInUseError} when another store holds it.
   */
  static acquire(file: string): StateFileLock {
    try {
      return StateFileLock.take(file);
    } catch (e) {
      if (e instanceof StateFileInUseError) throw e;
      throw new Error(`secrets-manager-mock: can't take state file ${file}: ${(e as Error).message}`, { cause: e });
    }
  }

  private static take(file: string): StateFileLock {
    const lockFile = `${file}.lock`;
    const own = ownRecord();
    const text = JSON.stringify({ tool: "secrets-manager-mock", file, ...own }) + "\n";
    // Each round ends with the lock taken, a refusal, or a change made by another process: a few are enough.
    for (let round = 0; round < 20; round++) {
      if (createExclusive(lockFile, text, own.token)) return new StateFileLock(lockFile, text);
      const found = readText(lockFile);
      if (found === undefined) continue;
      const record = parseRecord(found);
      if (record === undefined) {
        throw new StateFileInUseError(
          file,
          lockFile,
          undefined,
          `its lock file ${lockFile} can't be read (if no process uses the state file, delete the lock file)`,
        );
      }
      const state = holderState(record);
      const holder = holderOf(record);
      const who = `process ${holder.pid} on ${holder.hostname} (started ${holder.startedAt})`;
      if (state === "this-process") {
        const earlier =
          ownStartTicksOf() === undefined ? ` (if none does, a process that had this pid before left the lock: delete ${lockFile})` : "";
        throw new StateFileInUseError(
          file,
          lockFile,
          holder,
          `another SecretsStore in this process (${holder.pid}) holds it; close() that store before opening the file again${earlier}`,
        );
      }
      if (state === "alive") throw new StateFileInUseError(file, lockFile, holder, `${who} holds it`);
      if (state === "other-host") {
        throw new StateFileInUseError(file, lockFile, holder, `${who} holds it (if that process is no longer running, delete ${lockFile})`);
      }
      takeOver(file, lockFile, found, own.token, text);
    }
    throw new StateFileInUseError(file, lockFile, undefined, `its lock file ${lockFile} kept changing while this process tried to take it`);
  }

  /** Gives the lock up (idempotent). Removes the lock file only while it is still this holder's. */
  release(): void {
    if (this.released) return;
    this.released = true;
    heldLocks.delete(this);
    try {
      if (readText(this.lockFile) === this.text) fs.rmSync(this.lockFile, { force: true });
    } catch {
      // The lock file is gone or unreadable: nothing of this holder's is left to remove.
    }
  }
}

/**
 * Removes the lock `staleText` of a holder that is gone. Only one process may do that at a time:
 * otherwise one could remove the lock another had just taken in its place. The right to do it is
 * `<lock>.takeover`, taken with the same exclusive create and held for a few file operations.
 */
function takeOver(file: string, lockFile: string, staleText: string, token: string, text: string): void {
  const guard = `${lockFile}.takeover`;
  if (!createExclusive(guard, text, token)) {
    const found = readText(guard);
    if (found === undefined) return;
    const record = parseRecord(found);
    const holder = record === undefined ? undefined : holderOf(record);
    if (record !== undefined && holderState(record) === "alive") {
      // That process is removing the stale lock right now; the next round sees its new lock.
      if (waitUntilGone(guard)) return;
      throw new StateFileInUseError(
        file,
        lockFile,
        holder,
        `process ${record.pid} started taking over its stale lock and has not finished (${guard})`,
      );
    }
    // Its holder died within those few operations (or is on another host, or unreadable): whether
    // the stale lock may still be removed can't be told safely.
    throw new StateFileInUseError(
      file,
      lockFile,
      holder,
      `a takeover of its stale lock was interrupted; if no process uses the state file, delete ${lockFile} and ${guard}`,
    );
  }
  try {
    // Nobody else removes a lock while this guard is held, and the owner of this one is gone.
    if (readText(lockFile) === staleText) fs.rmSync(lockFile, { force: true });
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

/** Waits (synchronously: stores open in a constructor) up to about 5 s for `file` to disappear. */
function waitUntilGone(file: string): boolean {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 500; i++) {
    if (!fs.existsSync(file)) return true;
    Atomics.wait(cell, 0, 0, 10);
  }
  return !fs.existsSync(file);
}

/** Releases every lock still held (the process is exiting). */
export function releaseAllStateFileLocks(): void {
  for (const lock of heldLocks) lock.release();
}
