/**
 * Stores filled for the scale and memory measurements. They are built through the operations
 * (`dispatch`, as every adapter does) rather than through a mocked client, so no call history
 * holds on to the inputs while memory is measured.
 */
import { randomBytes } from "node:crypto";
import { type CallerIdentity, dispatch, ManualClock, SecretsStore } from "secrets-manager-mock";

export const START = Date.UTC(2024, 0, 1);

/**
 * `dispatch` for the operations that answer synchronously (all but RotateSecret): the fills and
 * timed writes run in a plain loop, so an operation that turned asynchronous must fail loudly
 * rather than leave a promise (and its rejection) behind.
 */
export function dispatchSync(store: SecretsStore, operation: string, input: object, caller: CallerIdentity): object {
  const output = dispatch(store, operation, input, caller);
  if (output instanceof Promise) throw new Error(`${operation} answered asynchronously; the bench expects a synchronous answer`);
  return output;
}

/** A distinct, flat 1 KiB ASCII string (base64 of 768 random bytes). */
export function kibValue(): string {
  return randomBytes(768).toString("base64");
}

/**
 * Name of secret `i`: ten groups, so a name-prefix filter can select a tenth of them. (Not
 * `secret-000123`: a name ending in "-" and six characters can't be found by its partial ARN.)
 */
export function secretName(i: number): string {
  return `bench/g${i % 10}/secret_${String(i).padStart(6, "0")}`;
}

export interface FilledStore {
  store: SecretsStore;
  clock: ManualClock;
  count: number;
}

/** A store holding `count` secrets of 1 KiB each (one version each). */
export function filledStore(count: number): FilledStore {
  const clock = new ManualClock(START);
  const store = new SecretsStore({ clock });
  const caller = { accountId: store.accountId, region: store.region };
  for (let i = 0; i < count; i++) {
    // One millisecond apart: creation order is also the listing order.
    clock.set(START + i);
    dispatchSync(store, "CreateSecret", { Name: secretName(i), SecretString: kibValue() }, caller);
  }
  return { store, clock, count };
}
