/**
 * Per-operation cost: GetSecretValue, DescribeSecret, PutSecretValue and UpdateSecret (with a
 * value) sent through each way of answering them, on a default client and on a client with
 * `cacheMiddleware: true`. Every figure is relative to the floor measured in the same round.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { ManualClock, SecretsStore } from "secrets-manager-mock";
import { type ClientKind, floorClient, loadRequestHandlerFactory, middlewareClient, newClient, requestHandlerClient } from "./clients.js";
import { type MeasureOptions, measureInterleaved, medianNs, medianRatio, type Variant } from "./measure.js";

export const OPERATIONS = ["GetSecretValue", "DescribeSecret", "PutSecretValue", "UpdateSecret"] as const;
export type BenchOperation = (typeof OPERATIONS)[number];

const SECRET = "bench/app/db-credentials";
/** A handful of distinct values, so writes are not all the same value (they are not idempotent anyway: no token). */
const VALUES = Array.from({ length: 64 }, (_, i) => JSON.stringify({ username: "app", password: `p${i}-${"x".repeat(40)}` }));

/** How the bench sends an operation, and how aws-sdk-client-mock is told to answer it. */
interface BenchCommand {
  /** Sends the operation's `i`th input on `client`. */
  send: (client: SecretsManagerClient, i: number) => Promise<object>;
  /** Makes an aws-sdk-client-mock stub of `client` answer the operation with `output`. */
  stub: (client: SecretsManagerClient, output: object) => void;
  writes: boolean;
}
const COMMANDS: Record<BenchOperation, BenchCommand> = {
  GetSecretValue: {
    send: (client) => client.send(new GetSecretValueCommand({ SecretId: SECRET })),
    stub: (client, output) => mockClient(client).on(GetSecretValueCommand).resolves(output),
    writes: false,
  },
  DescribeSecret: {
    send: (client) => client.send(new DescribeSecretCommand({ SecretId: SECRET })),
    stub: (client, output) => mockClient(client).on(DescribeSecretCommand).resolves(output),
    writes: false,
  },
  PutSecretValue: {
    send: (client, i) => client.send(new PutSecretValueCommand({ SecretId: SECRET, SecretString: VALUES[i & 63] })),
    stub: (client, output) => mockClient(client).on(PutSecretValueCommand).resolves(output),
    writes: true,
  },
  UpdateSecret: {
    send: (client, i) => client.send(new UpdateSecretCommand({ SecretId: SECRET, SecretString: VALUES[i & 63] })),
    stub: (client, output) => mockClient(client).on(UpdateSecretCommand).resolves(output),
    writes: true,
  },
};

/** One row of the table: ns/op of each variant and its ratio to the floor. */
export interface OperationRow {
  operation: BenchOperation;
  client: ClientKind;
  floorNs: number;
  variants: Record<string, { ns: number; ratioToFloor: number }>;
}

const START = Date.UTC(2024, 0, 1);
/** Writes move the clock 15 minutes each, so AWS's version retention (100 deprecated versions, 24 h) can keep up. */
const TICK_MS = 15 * 60_000;

async function seededStore(): Promise<{ store: SecretsStore; clock: ManualClock }> {
  const clock = new ManualClock(START);
  const store = new SecretsStore({ clock });
  const c = middlewareClient("default", store);
  await c.send(new CreateSecretCommand({ Name: SECRET, SecretString: VALUES[0], Description: "benchmark secret" }));
  c.destroy();
  return { store, clock };
}

/** What this mock answers, used as the fixed output of the floor and of aws-sdk-client-mock. */
async function sampleOutputs(): Promise<Record<string, object>> {
  const { store } = await seededStore();
  const c = middlewareClient("default", store);
  const out: Record<string, object> = {};
  for (const op of OPERATIONS) out[op] = await COMMANDS[op].send(c, 1);
  return out;
}

/** The variants for `op` on a `kind` client: fresh clients and stores, so rows don't share state. */
async function variantsFor(op: BenchOperation, kind: ClientKind, outputs: Record<string, object>, notes: string[]): Promise<Variant[]> {
  const { send, stub, writes } = COMMANDS[op];
  // Every variant moves a clock on writes, so the harness does the same work on each side of a ratio.
  const sendLoop = (client: SecretsManagerClient, clock: ManualClock) => {
    let i = 0;
    return writes
      ? () => {
          clock.set(START + ++i * TICK_MS);
          return send(client, i);
        }
      : () => send(client, ++i);
  };
  const floor = floorClient(kind, outputs);
  const asm = newClient(kind);
  stub(asm, outputs[op]);
  const mw = await seededStore();
  const variants: Variant[] = [
    { name: "floor", run: sendLoop(floor, new ManualClock(START)) },
    { name: "aws-sdk-client-mock", run: sendLoop(asm, new ManualClock(START)) },
    { name: "mock (middleware)", run: sendLoop(middlewareClient(kind, mw.store), mw.clock) },
  ];
  const factory = await loadRequestHandlerFactory();
  if (factory !== undefined) {
    const rh = await seededStore();
    variants.push({ name: "mock (request handler)", run: sendLoop(requestHandlerClient(kind, factory, rh.store), rh.clock) });
  } else if (!notes.includes(REQUEST_HANDLER_NOTE)) {
    notes.push(REQUEST_HANDLER_NOTE);
  }
  return variants;
}

export const REQUEST_HANDLER_NOTE =
  "mock (request handler): SKIPPED — createSecretsManagerRequestHandler is not exported by this build of secrets-manager-mock";

export interface OperationOptions {
  default: MeasureOptions;
  cacheMiddleware: MeasureOptions;
}

/** Which rows to measure (all by default). */
export interface OperationFilter {
  operations?: readonly string[];
  clients?: readonly string[];
}

export async function benchOperations(
  o: OperationOptions,
  notes: string[],
  log: (s: string) => void,
  filter: OperationFilter = {},
): Promise<OperationRow[]> {
  const outputs = await sampleOutputs();
  const rows: OperationRow[] = [];
  for (const kind of ["default", "cacheMiddleware"] as const) {
    if (filter.clients !== undefined && !filter.clients.includes(kind)) continue;
    for (const op of OPERATIONS) {
      if (filter.operations !== undefined && !filter.operations.includes(op)) continue;
      const variants = await variantsFor(op, kind, outputs, notes);
      // Each way is compared with the floor in rounds of its own, the mock's first. The others would
      // bill it for work it does not cause: the request handler's garbage (about 1 ms a call) is
      // collected during the next variant's slice, and aws-sdk-client-mock's sinon stub keeps every
      // call it answers (about 2 KB each: 200,000 sends hold 390 MB), so the heap it grows is marked
      // during whichever slice allocates most.
      // Every group starts on a collected heap (the bench runs with --expose-gc).
      const [floor, ...rest] = variants;
      const others = [...rest.filter((v) => v.name === "mock (middleware)"), ...rest.filter((v) => v.name !== "mock (middleware)")];
      const row: OperationRow = { operation: op, client: kind, floorNs: 0, variants: {} };
      const measured = new Map<string, { ns: number; ratioToFloor: number }>();
      for (const v of others) {
        (globalThis as { gc?: () => void }).gc?.();
        const alone = v.name === "mock (middleware)";
        const results = await measureInterleaved([floor, v], alone ? o[kind] : { ...o[kind], time: o[kind].time / 2 });
        if (alone) row.floorNs = medianNs(results, "floor");
        measured.set(v.name, { ns: medianNs(results, v.name), ratioToFloor: medianRatio(results, v.name, "floor") });
      }
      for (const v of rest) row.variants[v.name] = measured.get(v.name)!; // the table's column order
      rows.push(row);
      log(
        `  ${op.padEnd(15)} ${kind.padEnd(15)} floor ${fmtNs(row.floorNs)}  ` +
          Object.entries(row.variants)
            .map(([n, x]) => `${n} ${fmtNs(x.ns)} (x${x.ratioToFloor.toFixed(2)})`)
            .join("  "),
      );
    }
  }
  return rows;
}

export function fmtNs(ns: number): string {
  return ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${(ns / 1000).toFixed(2)} µs`;
}
