/**
 * Saving a store to a JSON file after every change, for offline development. Writes are atomic
 * (temporary file in the same directory, fsync, rename, fsync of the directory), so a crash at
 * any moment leaves either the previous or the next complete state on disk, never a torn file.
 * Bursts of changes are coalesced: at most one write is in flight, and one more is queued.
 *
 * A store holds its file exclusively (state-file-lock.ts) from before it reads it until it is
 * closed or the process exits: saving the whole state after each change is only safe for one writer.
 */
import * as fs from "node:fs";
import * as path from "node:path";
// From node:timers: fake timers replace the global setImmediate, even before this module loads
// (Jest's `fakeTimers: { enableGlobally: true }`), and must not stall persistence.
import { setImmediate as realSetImmediate } from "node:timers";
import { parseJsonDocument } from "./document-reader.js";
import { releaseAllStateFileLocks, StateFileLock } from "./state-file-lock.js";

/** Options of `persist`. */
export interface PersistOptions {
  /** The JSON file the state is loaded from (when it exists) and saved to. */
  path: string;
}

/**
 * Reads a JSON document from `file`: undefined when it does not exist, an `InvalidDocumentError`
 * naming the file when it can't be read or parsed.
 */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`secrets-manager-mock: can't read ${what} file ${file}: ${(e as Error).message}`, { cause: e });
  }
  return parseJsonDocument(text, what, file);
}

let tempCounter = 0;
function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${++tempCounter}.tmp`);
}

function fsyncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Some platforms (Windows) can't open or fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes `data` to `file` atomically, synchronously (used when the process is exiting). */
export function writeFileAtomicSync(file: string, data: string): void {
  const tmp = tempPathFor(file);
  try {
    const fd = fs.openSync(tmp, "w", 0o600);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDirSync(path.dirname(file));
}

/** Writes `data` to `file` atomically. */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = tempPathFor(file);
  try {
    const handle = await fs.promises.open(tmp, "w", 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
  let dir: fs.promises.FileHandle | undefined;
  try {
    dir = await fs.promises.open(path.dirname(file), "r");
    await dir.sync();
  } catch {
    // See fsyncDirSync.
  } finally {
    await dir?.close();
  }
}

/** Saves a store's state to a file after changes; see the module comment. */
export class Persister {
  private dirty = false;
  private scheduled = false;
  private closed = false;
  private running: Promise<void> | undefined;
  private failure: unknown;
  private readonly lock: StateFileLock;
  private readonly ref = new WeakRef(this);

  /** Takes the file (throws `StateFileInUseError` when another store holds it); nothing is read or written yet. */
  constructor(
    readonly file: string,
    private readonly serialize: () => string,
  ) {
    this.lock = StateFileLock.acquire(path.resolve(file));
    for (const ref of livePersisters) if (ref.deref() === undefined) livePersisters.delete(ref);
    livePersisters.add(this.ref);
    installExitHook();
  }

  /** The saved state, or undefined when the file does not exist yet. */
  load(): unknown {
    return readJsonFile(this.file, "state");
  }

  /** Notes that the state changed; one write is scheduled for the next turn of the event loop. */
  changed(): void {
    this.dirty = true;
    if (this.closed || this.scheduled || this.running !== undefined) return;
    this.scheduled = true;
    realSetImmediate(() => {
      this.scheduled = false;
      this.start();
    });
  }

  private start(): void {
    if (this.closed || this.running !== undefined || !this.dirty) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.dirty) this.start();
    });
    // A failed write is reported by flush(); it must not become an unhandled rejection.
    this.running.catch(() => undefined);
  }

  private async drain(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      // The state is serialized when its write starts: one consistent point in time.
      const data = this.serialize();
      try {
        await writeFileAtomic(this.file, data);
        this.failure = undefined;
      } catch (e) {
        this.failure = e;
        throw e;
      }
    }
  }

  /** Resolves once every change made before the call is on disk; rejects when the last write failed. */
  async flush(): Promise<void> {
    if (this.closed) {
      if (this.dirty)
        throw new Error(`secrets-manager-mock: the store was closed; changes made after close() are not saved to ${this.file}`);
      return;
    }
    for (;;) {
      if (this.running !== undefined) {
        await this.running.catch(() => undefined);
        continue;
      }
      if (this.dirty) {
        this.scheduled = false;
        this.start();
        continue;
      }
      break;
    }
    if (this.failure !== undefined) {
      const e = this.failure;
      this.failure = undefined;
      throw new Error(`secrets-manager-mock: can't save state to ${this.file}: ${(e as Error).message}`, { cause: e });
    }
  }

  /**
   * Saves what is pending, then gives the file up for other stores and processes. Changes made
   * later are not saved. When saving fails, it rejects and the file stays held (call it again).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    // Changes may land while a flush settles: stop only once nothing is pending, then at once.
    do await this.flush();
    while (this.dirty || this.running !== undefined);
    this.release();
  }

  /** Gives the file up without saving (the store could not be built, or it was closed). */
  release(): void {
    this.closed = true;
    livePersisters.delete(this.ref);
    this.lock.release();
  }

  /** Writes pending changes synchronously (the process is exiting and no more async work runs). */
  flushSync(): void {
    // A write still in flight is abandoned when the process exits: write its state again.
    if (this.closed || (!this.dirty && this.running === undefined)) return;
    this.dirty = false;
    writeFileAtomicSync(this.file, this.serialize());
  }
}

const livePersisters = new Set<WeakRef<Persister>>();
let exitHookInstalled = false;

/**
 * One process-wide exit hook saves what changed in the last tick before the process ended, then
 * gives the files up (in that order: another process may take a file as soon as it is given up).
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const ref of livePersisters) {
      try {
        ref.deref()?.flushSync();
      } catch {
        // Nothing can be reported any more; the previous complete state stays on disk.
      }
    }
    releaseAllStateFileLocks();
  });
}
