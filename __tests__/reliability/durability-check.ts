/**
 * Durability under SIGKILL, with the store invariants on top of the fixtures' check: a writer
 * process (../fixtures/persist-writer.ts) is killed at seeded random moments; the lock it leaves
 * must be taken over, and every file it leaves must load, hold a committed state
 * (../fixtures/persist-durability.ts checks both), satisfy every store invariant, and round-trip
 * through exportState/fromState. Shared by durability.test.ts (20 kills) and bench/durability.ts
 * (200 or more).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SecretsStore } from "secrets-manager-mock";
import { type KillResult, runDurability } from "../fixtures/persist-durability";
import { InvariantChecker } from "./invariants";

export interface DurabilityReport {
  kills: number;
  survived: number;
  problems: string[];
}

/** Kills the writer `runs` times and checks every file left behind. */
export async function killAndCheck(runs: number, seed: number, concurrency = 4): Promise<DurabilityReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-reliability-"));
  try {
    const results: KillResult[] = await runDurability({ runs, seed, concurrency, dir });
    const problems: string[] = [];
    for (const r of results) {
      if (!r.ok) {
        problems.push(`kill ${r.run} after ${r.delayMs} ms: ${r.problem}`);
        continue;
      }
      const file = path.join(dir, `state-${r.run}.json`);
      try {
        const doc = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
        const store = SecretsStore.fromState(doc as Parameters<typeof SecretsStore.fromState>[0]);
        new InvariantChecker().check(store); // every secret's invariants + exportState round trip
        const reloaded = new SecretsStore({ persist: { path: file } });
        if (JSON.stringify(reloaded.exportState()) !== JSON.stringify(store.exportState())) {
          problems.push(`kill ${r.run}: reopening the file with persist gives another state`);
        }
        await reloaded.close();
      } catch (e) {
        problems.push(`kill ${r.run}: ${(e as Error).message}`);
      }
    }
    return { kills: results.length, survived: results.length - problems.length, problems };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
