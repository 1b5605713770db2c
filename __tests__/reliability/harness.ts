/**
 * Runs a sequence of command descriptors against a real SecretsManagerClient served by the mock
 * and against the reference model, comparing outcomes and checking invariants after every step.
 */
import * as SM from "@aws-sdk/client-secrets-manager";
import { isDeepStrictEqual } from "node:util";
import { ManualClock, SecretsStore } from "secrets-manager-mock";
import { middlewareWay, type WayIn } from "../helpers/ways-in";
import { concretize, type Desc } from "./commands";
import { InvariantChecker, storeSnapshot } from "./invariants";
import { Model, type Outcome } from "./model";

export const T0 = Date.UTC(2024, 2, 1, 10, 30);

/** Sends `input` as the SDK command named `op` (e.g. `GetSecretValue`). */
export function send(client: SM.SecretsManagerClient, op: string, input: object): Promise<Record<string, unknown>> {
  const Command = (SM as unknown as Record<string, (new (i: object) => SM.GetSecretValueCommand) | undefined>)[`${op}Command`];
  if (Command === undefined) throw new Error(`the SDK has no ${op}Command`);
  return client.send(new Command(input)) as unknown as Promise<Record<string, unknown>>;
}

/** True for an error the SDK would raise for an AWS error response. */
export function isAwsError(e: unknown): e is Error & { $fault: string; $metadata: { httpStatusCode?: number } } {
  if (!(e instanceof SM.SecretsManagerServiceException)) return false;
  // Read as the wire left them, not as the SDK's types promise: a malformed error must not pass.
  const { $fault, $metadata } = e as { $fault: unknown; $metadata: { httpStatusCode?: number } | undefined };
  return ($fault === "client" || $fault === "server") && $metadata?.httpStatusCode !== undefined;
}

/** Outputs in comparable form: Dates as ms, bytes as arrays, stage lists sorted, no `$metadata`. */
export function normalize(x: unknown, key = ""): unknown {
  if (x instanceof Date) return x.getTime();
  if (x instanceof Uint8Array) return Array.from(x);
  if (Array.isArray(x)) {
    const items = Array.from(x, (i) => normalize(i));
    return key === "VersionStages" || key === "stages" ? [...(items as string[])].sort() : items;
  }
  if (x !== null && typeof x === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x).sort()) {
      if (k === "$metadata") continue;
      const v = (x as Record<string, unknown>)[k];
      if (v === undefined) throw new Error(`output member ${k} is present but undefined`);
      if (key === "VersionIdsToStages") out[k] = [...(v as string[])].sort();
      else out[k] = normalize(v, k);
    }
    return out;
  }
  return x;
}

/** Runs one call through the client; AWS errors become outcomes, anything else is rethrown. */
export async function realOutcome(client: SM.SecretsManagerClient, op: string, input: object): Promise<Outcome> {
  try {
    return { ok: true, output: await send(client, op, input) };
  } catch (e) {
    if (!isAwsError(e)) throw e;
    if (e.$metadata.httpStatusCode !== 400) throw new Error(`${e.name} with HTTP ${e.$metadata.httpStatusCode}`, { cause: e });
    return { ok: false, name: e.name, message: e.message };
  }
}

/** A fresh store + client (served through `way`) + model at T0. */
export function fixture(seed = 1, way: WayIn = middlewareWay) {
  const clock = new ManualClock(T0);
  const store = new SecretsStore({ clock, seed });
  const client = way.client(store);
  return { clock, store, client, model: new Model(T0), invariants: new InvariantChecker(), lastArns: new Map<string, string>() };
}

export class Mismatch extends Error {}

/** How often each outcome occurred (`Operation:ok` or `Operation:ErrorName`), to show what the sequences covered. */
export const outcomeCounts = new Map<string, number>();

/** Runs `descs` step by step; throws a {@link Mismatch} (with the step and both outcomes) on the first difference. */
export async function runSequence(descs: readonly Desc[], way: WayIn = middlewareWay, seed = 1): Promise<number> {
  const f = fixture(seed, way);
  let steps = 0;
  for (const [i, d] of descs.entries()) {
    steps++;
    if (d.k === "advance") {
      f.clock.advance({ milliseconds: d.ms });
      f.model.advance(d.ms);
      continue;
    }
    const input = concretize(d, f.model, f.lastArns);
    const purgeable = (s: { deletionDate?: number }) => s.deletionDate !== undefined && s.deletionDate <= f.store.now();
    const before = storeSnapshot(f.store, purgeable);
    const real = await realOutcome(f.client, d.k, input);
    const hints = real.ok ? { arn: real.output.ARN as string | undefined, versionId: real.output.VersionId as string | undefined } : {};
    const expected = f.model.run(d.k, input, hints);
    const key = `${d.k}:${real.ok ? "ok" : real.name}`;
    outcomeCounts.set(key, (outcomeCounts.get(key) ?? 0) + 1);
    const got = normalize(real);
    const want = normalize(expected);
    if (!isDeepStrictEqual(got, want)) {
      throw new Mismatch(
        `step ${i + 1}: ${d.k} ${JSON.stringify(input, (_k, v) => (v instanceof Uint8Array ? [...v] : v))}\n` +
          `  mock:  ${JSON.stringify(got)}\n  model: ${JSON.stringify(want)}`,
      );
    }
    if (!real.ok && !isDeepStrictEqual(storeSnapshot(f.store, purgeable), before)) {
      throw new Mismatch(`step ${i + 1}: ${d.k} failed (${real.name}) but changed the store`);
    }
    if (real.ok && typeof real.output.ARN === "string" && typeof real.output.Name === "string") {
      if (f.store.getSecret("123456789012", "us-east-1", real.output.Name) !== undefined) f.lastArns.set(real.output.Name, real.output.ARN);
    }
    f.invariants.check(f.store);
  }
  return steps;
}
