/**
 * Memory: heap held by 100,000 secrets of 1 KiB each, and what a snapshot of a 10,000-secret
 * store costs (it is copy-on-write: O(1) to take; the first write after it copies the partition's
 * map of secrets, which is measured separately). Needs `node --expose-gc`.
 */
import { dispatchSync, filledStore, type FilledStore, secretName } from "./fixtures.js";
import { heapAfterGc, median } from "./measure.js";

export interface HeapResult {
  secrets: number;
  payloadBytes: number;
  heapBytes: number;
  ratio: number;
}

/** Builds `count` 1 KiB secrets and returns the store with the heap it holds (the store is kept for the scale runs). */
export function measureStoreHeap(count: number): { result: HeapResult; filled: FilledStore } {
  const before = heapAfterGc();
  const filled = filledStore(count);
  const after = heapAfterGc();
  const payloadBytes = count * 1024;
  return { result: { secrets: count, payloadBytes, heapBytes: after - before, ratio: (after - before) / payloadBytes }, filled };
}

export interface SnapshotResult {
  secrets: number;
  storeHeapBytes: number;
  snapshotHeapBytes: number;
  snapshotOverStore: number;
  snapshotNs: number;
  /** The first PutSecretValue after a snapshot (it copies the partition map, then the secret). */
  firstWriteNs: number;
  /** The next PutSecretValue on another secret (the partition is already copied). */
  nextWriteNs: number;
  /** Heap the first write keeps (the copied map, while the snapshot holds the old one). */
  firstWriteHeapBytes: number;
}

/** Snapshot of a `count`-secret store: its heap cost and the cost of the first write after it. */
export function measureSnapshot(count: number, reps = 15): SnapshotResult {
  const before = heapAfterGc();
  const { store, clock } = filledStore(count);
  const storeHeapBytes = heapAfterGc() - before;
  const caller = { accountId: store.accountId, region: store.region };
  const put = (i: number) => dispatchSync(store, "PutSecretValue", { SecretId: secretName(i), SecretString: `w${i}` }, caller);

  const h0 = heapAfterGc();
  const kept = [store.snapshot()];
  const snapshotHeapBytes = heapAfterGc() - h0;

  // Warm the write path up (the JIT), on secrets the timed writes don't touch.
  let t = clock.now().getTime();
  for (let i = 0; i < 3000; i++) {
    clock.set((t += 60_000));
    put(count - 1 - (i % 1000));
  }
  kept.push(store.snapshot());
  const hw = heapAfterGc();
  put(0);
  const firstWriteHeapBytes = heapAfterGc() - hw;

  const snapNs: number[] = [];
  const firstNs: number[] = [];
  const nextNs: number[] = [];
  for (let r = 0; r < reps; r++) {
    clock.set((t += 60_000));
    const t0 = process.hrtime.bigint();
    kept.push(store.snapshot());
    const t1 = process.hrtime.bigint();
    put(1 + 2 * r);
    const t2 = process.hrtime.bigint();
    put(2 + 2 * r);
    const t3 = process.hrtime.bigint();
    snapNs.push(Number(t1 - t0));
    firstNs.push(Number(t2 - t1));
    nextNs.push(Number(t3 - t2));
    if (kept.length > 3) kept.shift();
  }
  return {
    secrets: count,
    storeHeapBytes,
    snapshotHeapBytes,
    snapshotOverStore: snapshotHeapBytes / storeHeapBytes,
    snapshotNs: median(snapNs),
    firstWriteNs: median(firstNs),
    nextWriteNs: median(nextNs),
    firstWriteHeapBytes,
  };
}
