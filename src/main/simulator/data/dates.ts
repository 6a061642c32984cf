/**
 * The simulator counts time in whole UTC days since 1970-01-01 ("day numbers"): the API's dates
 * are all `YYYY-MM-DD` (LIVE-API-NOTES: `lastUpdated` is a date, not a timestamp), and integers
 * fit compact typed arrays.
 */
const msPerDay = 86_400_000;

export function dayFromIso(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / msPerDay);
}

/** Memoised: records are rendered by the million and carry several dates each. */
const isoCache = new Map<number, string>();

export function isoFromDay(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * msPerDay).toISOString().slice(0, 10);
    if (isoCache.size < 100_000) isoCache.set(day, iso);
  }
  return iso;
}

/** Sunday on or before the day (the reference's weekly elements fall on Sundays). */
export function weekStart(day: number): number {
  // 1970-01-01 was a Thursday: day 0 has weekday 4.
  return day - ((day + 4) % 7);
}

export function monthStart(day: number): number {
  const d = new Date(day * msPerDay);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / msPerDay);
}

export function addMonths(day: number, months: number): number {
  const d = new Date(day * msPerDay);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return Math.floor(target.getTime() / msPerDay);
}

export function yearOf(day: number): number {
  return new Date(day * msPerDay).getUTCFullYear();
}

export function monthOf(day: number): number {
  return new Date(day * msPerDay).getUTCMonth() + 1;
}

/** `YYYY-MM-DD` that is a real calendar date (LIVE-API-NOTES: filters take strict dates). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = dayFromIso(value);
  return Number.isFinite(day) && isoFromDay(day) === value;
}
