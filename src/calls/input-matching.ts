/**
 * How a command input is compared with what a test expects, the two ways aws-sdk-client-mock users
 * rely on: stubs (`on(Command, input)`) match as sinon's `match(input)` does, recursively partial;
 * matchers (`toHaveReceivedCommandWith`) match as `expect.objectContaining(input)` does, partial at
 * the top level only.
 */

/** Jest's and Vitest's asymmetric matchers (`expect.any(String)`). */
interface AsymmetricMatcher {
  asymmetricMatch(actual: unknown): boolean;
}

/** Sinon's matchers (`sinon.match.string`), recognised by shape: the mock doesn't import sinon. */
interface SinonMatcher {
  test(actual: unknown): boolean;
  message: string;
}

function isAsymmetricMatcher(v: unknown): v is AsymmetricMatcher {
  return typeof (v as AsymmetricMatcher | null)?.asymmetricMatch === "function";
}

function isSinonMatcher(v: unknown): v is SinonMatcher {
  return typeof (v as SinonMatcher | null)?.test === "function" && typeof (v as SinonMatcher).message === "string";
}

/** A matcher object in an expectation: it decides, the value is not compared. */
function matcherVerdict(expected: unknown, actual: unknown): boolean | undefined {
  if (isAsymmetricMatcher(expected)) return expected.asymmetricMatch(actual);
  if (isSinonMatcher(expected)) return expected.test(actual);
  return undefined;
}

/** True for `{...}` literals and `Object.create(null)` (not arrays, dates, bytes or class instances). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Deep equality of JSON-like values (objects, arrays, `Date`, `Uint8Array`), with matchers in
 * `expected` honoured. Objects must have the same keys, as in sinon's `deepEqual`.
 */
export function deepEqual(actual: unknown, expected: unknown): boolean {
  const verdict = matcherVerdict(expected, actual);
  if (verdict !== undefined) return verdict;
  if (Object.is(actual, expected)) return true;
  if (actual instanceof Uint8Array && expected instanceof Uint8Array) {
    return actual.length === expected.length && actual.every((x, i) => x === expected[i]);
  }
  if (actual instanceof Date && expected instanceof Date) return actual.getTime() === expected.getTime();
  if (Array.isArray(actual) && Array.isArray(expected)) {
    return actual.length === expected.length && actual.every((x, i) => deepEqual(x, expected[i]));
  }
  if (isPlainObject(actual) && isPlainObject(expected)) {
    const keys = Object.keys(expected);
    return keys.length === Object.keys(actual).length && keys.every((k) => Object.hasOwn(actual, k) && deepEqual(actual[k], expected[k]));
  }
  return false;
}

/**
 * sinon's `match(expected)` on an object: every member of `expected` is in `actual`, plain objects
 * compared the same way recursively, anything else (arrays included) deeply equal.
 */
export function matchesRecursively(actual: unknown, expected: Record<string, unknown>): boolean {
  if (actual === null || typeof actual !== "object") return false;
  const a = actual as Record<string, unknown>;
  return Object.keys(expected).every((k) => {
    const e = expected[k];
    const verdict = matcherVerdict(e, a[k]);
    if (verdict !== undefined) return verdict;
    return isPlainObject(e) ? a[k] === e || matchesRecursively(a[k], e) : deepEqual(a[k], e);
  });
}

/**
 * `expect.objectContaining(expected)`: every member of `expected` is a member of `actual` and
 * `equals` it (the test framework's equality when there is one; nested objects compared whole).
 */
export function containsMembers(
  actual: unknown,
  expected: Record<string, unknown>,
  equals: (a: unknown, b: unknown) => boolean = deepEqual,
): boolean {
  if (actual === null || typeof actual !== "object") return false;
  const a = actual as Record<string, unknown>;
  return Object.keys(expected).every((k) => k in a && equals(a[k], expected[k]));
}
