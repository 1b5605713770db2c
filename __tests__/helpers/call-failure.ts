/** Test helpers for calls that must fail. */

/** The rejection of `p`; fails the test when `p` resolves. */
export async function failure(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail");
}

/**
 * True when no key anywhere in `value` holds `undefined` (AWS omits absent members). `$metadata`
 * is the SDK's own (it has `cfId: undefined` on real responses too) and is not looked at.
 */
export function hasNoUndefinedKeys(value: unknown): boolean {
  if (value === null || typeof value !== "object" || value instanceof Date || value instanceof Uint8Array) return true;
  return Object.entries(value).every(([k, v]) => k === "$metadata" || (v !== undefined && hasNoUndefinedKeys(v)));
}
