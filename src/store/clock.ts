/**
 * Time for the store. Everything time-based (CreatedDate, LastChangedDate, LastAccessedDate,
 * DeletionDate and purging, version retention, rotation schedules) reads the store's clock, so a
 * test can move time without waiting.
 */

/** A clock: a function returning the current time, or an object with `now()`. */
export type Clock = (() => Date) | { now(): Date };

/** Amounts to move a {@link ManualClock} by. All are optional and may be combined. */
export interface Duration {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

/** Milliseconds in a {@link Duration}. */
export function durationToMs(d: Duration): number {
  return (
    (d.days ?? 0) * 86_400_000 + (d.hours ?? 0) * 3_600_000 + (d.minutes ?? 0) * 60_000 + (d.seconds ?? 0) * 1000 + (d.milliseconds ?? 0)
  );
}

/**
 * A clock that only moves when told to.
 *
 * @example
 * ```ts
 * const clock = new ManualClock(new Date("2024-01-01T00:00:00Z"));
 * const store = new SecretsStore({ clock });
 * clock.advance({ days: 31 }); // a secret deleted with a 30-day window is now gone
 * ```
 */
export class ManualClock {
  private current: number;

  /** @param start - the initial time (default: the real time when the clock is created). */
  constructor(start?: Date | number | string) {
    this.current = start === undefined ? Date.now() : new Date(start).getTime();
    if (Number.isNaN(this.current)) throw new TypeError("ManualClock: invalid start date");
  }

  /** The clock's current time. */
  now(): Date {
    return new Date(this.current);
  }

  /** @internal The current time in epoch milliseconds, without allocating a Date (read on every call). */
  nowMs(): number {
    return this.current;
  }

  /** Jumps to `date` (backwards too). */
  set(date: Date | number | string): void {
    const t = typeof date === "number" ? Math.trunc(date) + 0 : new Date(date).getTime();
    if (!Number.isFinite(t) || Math.abs(t) > 8.64e15) throw new TypeError("ManualClock.set: invalid date");
    this.current = t;
  }

  /** Moves forward by the given amount and returns the new time. */
  advance(by: Duration): Date {
    const ms = durationToMs(by);
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("ManualClock.advance: amount must be a finite, non-negative duration");
    this.current += ms;
    return this.now();
  }
}

// Only compared with a clock's `now` (was it overridden?), never called.
// eslint-disable-next-line @typescript-eslint/unbound-method -- see above
const manualNow = ManualClock.prototype.now;

/** Reads a {@link Clock} as epoch milliseconds. `Date.now` is read at call time (Jest fake timers work). */
export function readClock(clock: Clock | undefined): number {
  if (clock === undefined) return Date.now();
  // A ManualClock is read without a Date (unless a subclass changed how it tells the time).
  if (clock instanceof ManualClock && clock.now === manualNow) return clock.nowMs();
  const d = typeof clock === "function" ? clock() : clock.now();
  return d instanceof Date ? d.getTime() : new Date(d).getTime();
}
