/**
 * Rotation schedules (aws-api-facts.md §5.15 RotationRules): AutomaticallyAfterDays, or a
 * ScheduleExpression `rate(N hours|days)` / `cron(minutes hours day-of-month month day-of-week year)`,
 * with an optional window Duration `Nh`. Windows start at the scheduled time (rate windows at
 * midnight UTC); NextRotationDate is the last second of the next window, as AWS shows it.
 */
import type { RotationRulesType } from "@aws-sdk/client-secrets-manager";
import { errors } from "../errors.js";
import type { RotationRecord } from "../store/records.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Texts of the rotation-rule errors (unverified against AWS). */
export const ScheduleMessages = {
  daysRange: "RotationRules.AutomaticallyAfterDays must be within 1-1000.",
  both: "You can't specify both AutomaticallyAfterDays and ScheduleExpression in RotationRules.",
  neither: "RotationRules must contain either AutomaticallyAfterDays or ScheduleExpression.",
  expression: (e: string) => `The schedule expression ${e} isn't valid. Use rate(N hours), rate(N days) or cron(...).`,
  tooFrequent: "The rotation schedule can't be more frequent than every four hours.",
  duration: "The rotation window Duration must be between 1h and 24h and must end before the next rotation window starts.",
} as const;

type CronField = (v: number) => boolean;

/** A parsed schedule: the first window start strictly after a time. */
interface Schedule {
  nextWindowStart(after: number): number;
  /** The window length when the rules give no Duration. */
  defaultWindow(start: number): number;
  /** Shortest time between two window starts (for the Duration check). */
  minInterval: number;
}

const startOfDay = (t: number) => t - (((t % DAY) + DAY) % DAY);
const endOfDayWindow = (start: number) => startOfDay(start) + DAY - start;

function daysSchedule(days: number): Schedule {
  return {
    nextWindowStart: (after) => startOfDay(after) + days * DAY,
    defaultWindow: endOfDayWindow,
    minInterval: days * DAY,
  };
}

function hoursSchedule(hours: number): Schedule {
  return {
    // Windows restart at every midnight UTC: 00:00, N h, 2N h, ... of each day.
    nextWindowStart: (after) => {
      const day = startOfDay(after);
      const k = Math.floor((after - day) / (hours * HOUR)) + 1;
      const candidate = day + k * hours * HOUR;
      return candidate < day + DAY ? candidate : day + DAY;
    },
    defaultWindow: () => HOUR,
    minInterval: Math.min(hours, 24) * HOUR,
  };
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** One cron field: `*`, `?`, values, ranges `a-b`, lists `a,b` and steps `x/n`; names for month/day. */
function cronField(text: string, min: number, max: number, names?: string[]): CronField | undefined {
  if (text === "*" || text === "?") return () => true;
  const value = (s: string): number | undefined => {
    const named = names?.indexOf(s.toUpperCase()) ?? -1;
    const n = named >= 0 ? named + min : /^\d+$/.test(s) ? Number(s) : NaN;
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };
  const allowed = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/") as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let lo: number | undefined;
    let hi: number | undefined;
    if (range === "*") [lo, hi] = [min, max];
    else if (range.includes("-")) {
      const [a, b] = range.split("-");
      [lo, hi] = [value(a), value(b)];
    } else {
      lo = value(range);
      hi = stepText === undefined ? lo : max;
    }
    if (lo === undefined || hi === undefined || lo > hi) return undefined;
    for (let v = lo; v <= hi; v += step) allowed.add(v);
  }
  return (v) => allowed.has(v);
}

function cronSchedule(body: string): Schedule | undefined {
  const f = body.trim().split(/\s+/);
  if (f.length !== 6) return undefined;
  const minute = cronField(f[0], 0, 59);
  const hour = cronField(f[1], 0, 23);
  const dom = cronField(f[2], 1, 31);
  const month = cronField(f[3], 1, 12, MONTHS);
  const dow = cronField(f[4], 1, 7, WEEKDAYS);
  const year = cronField(f[5], 1970, 2199);
  if (!minute || !hour || !dom || !month || !dow || !year) return undefined;
  const hours = [...Array(24).keys()].filter(hour);
  const minutes = [...Array(60).keys()].filter(minute);
  if (hours.length === 0 || minutes.length === 0) return undefined;
  const sched: Schedule = {
    nextWindowStart: (after) => {
      // Day by day for up to ~230 years (the year field's range), then the first matching time.
      for (let day = startOfDay(after), i = 0; i < 84_000; day += DAY, i++) {
        const d = new Date(day);
        if (!year(d.getUTCFullYear()) || !month(d.getUTCMonth() + 1)) continue;
        if (!dom(d.getUTCDate()) || !dow(d.getUTCDay() + 1)) continue;
        for (const h of hours)
          for (const m of minutes) {
            const t = day + h * HOUR + m * 60_000;
            if (t > after) return t;
          }
      }
      return Infinity;
    },
    defaultWindow: hours.length > 1 ? () => HOUR : endOfDayWindow,
    minInterval: hours.length > 1 ? HOUR : DAY,
  };
  if (hours.length > 1 || minutes.length > 1) {
    // Several windows a day: they must be at least four hours apart.
    const starts = hours.flatMap((h) => minutes.map((m) => h * HOUR + m * 60_000));
    let gap = starts[0] + DAY - starts[starts.length - 1];
    for (let i = 1; i < starts.length; i++) gap = Math.min(gap, starts[i] - starts[i - 1]);
    if (gap < 4 * HOUR) throw errors.invalidParameter(ScheduleMessages.tooFrequent);
    sched.minInterval = gap;
  }
  return sched;
}

function parseExpression(expr: string): Schedule {
  const rate = /^rate\(\s*(\d+)\s+(hour|hours|day|days)\s*\)$/.exec(expr);
  if (rate !== null) {
    const n = Number(rate[1]);
    if (n < 1) throw errors.invalidParameter(ScheduleMessages.expression(expr));
    if (rate[2].startsWith("hour")) {
      if (n < 4) throw errors.invalidParameter(ScheduleMessages.tooFrequent);
      return n % 24 === 0 ? daysSchedule(n / 24) : hoursSchedule(n);
    }
    if (n > 1000) throw errors.invalidParameter(ScheduleMessages.daysRange);
    return daysSchedule(n);
  }
  const cron = /^cron\((.*)\)$/.exec(expr);
  const sched = cron === null ? undefined : cronSchedule(cron[1]);
  if (sched === undefined) throw errors.invalidParameter(ScheduleMessages.expression(expr));
  return sched;
}

/** Checked rules, ready to compute NextRotationDate. */
export interface CheckedRules {
  rules: NonNullable<RotationRecord["rules"]>;
  schedule: Schedule;
  durationMs?: number;
}

/** Validates RotationRules (InvalidParameterException on conflicts or bad expressions). */
export function checkRotationRules(input: RotationRulesType): CheckedRules {
  const days = input.AutomaticallyAfterDays;
  const expr = input.ScheduleExpression;
  if (days !== undefined && expr !== undefined) throw errors.invalidParameter(ScheduleMessages.both);
  if (days === undefined && expr === undefined) throw errors.invalidParameter(ScheduleMessages.neither);
  if (days !== undefined && (days < 1 || days > 1000)) throw errors.invalidParameter(ScheduleMessages.daysRange);
  const schedule = days !== undefined ? daysSchedule(days) : parseExpression(expr!);
  let durationMs: number | undefined;
  if (input.Duration !== undefined) {
    const hours = Number(input.Duration.slice(0, -1));
    durationMs = hours * HOUR;
    if (hours < 1 || hours > 24 || durationMs > schedule.minInterval) throw errors.invalidParameter(ScheduleMessages.duration);
  }
  const rules: CheckedRules["rules"] = {
    ...(days !== undefined && { AutomaticallyAfterDays: days }),
    ...(input.Duration !== undefined && { Duration: input.Duration }),
    ...(expr !== undefined && { ScheduleExpression: expr }),
  };
  return { rules, schedule, ...(durationMs !== undefined && { durationMs }) };
}

/** The NextRotationDate after a rotation at `after`: the last second of the next window. */
export function nextRotationDate(checked: CheckedRules, after: number): number | undefined {
  const start = checked.schedule.nextWindowStart(after);
  if (!Number.isFinite(start)) return undefined;
  const window = Math.min(checked.durationMs ?? checked.schedule.defaultWindow(start), startOfDay(start) + DAY - start);
  return start + window - 1000;
}
