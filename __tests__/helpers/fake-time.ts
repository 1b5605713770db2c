/** Driving the SDK's retry backoff (setTimeout) with Jest's fake timers instead of waiting for it. */

/**
 * Settles `promise` while moving fake time on, a second at a time: the SDK sleeps between
 * attempts, and each sleep ends as soon as fake time passes it. Use with `jest.useFakeTimers()`.
 */
export async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: any }> {
  // `as boolean`: the callback below sets it, which the narrowing of a `false` literal does not see.
  let done = false as boolean;
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  void outcome.then(() => (done = true));
  // Enough for the SDK's longest backoff (20 s) times a few attempts; a hang never ends by itself.
  for (let i = 0; i < 300 && !done; i++) await jest.advanceTimersByTimeAsync(1_000);
  if (!done) throw new Error("the call did not settle within 300 s of fake time");
  return outcome;
}
