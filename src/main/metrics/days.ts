/**
 * UTC calendar arithmetic on day numbers (days since 1970-01-01). Metrics work on whole days:
 * the API's dates are calendar dates, and a Date object would bring time zones back in.
 */

const msPerDay = 86_400_000;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})/;

/** Day number of an API date ("2025-03-01" or an ISO timestamp); null when unusable. */
export function parseDay(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  // A refresh parses millions of dates drawn from a few thousand days: remember them.
  const key = value.length === 10 ? value : value.slice(0, 10);
  const known = parsed.get(key);
  if (known !== undefined) return known;
  const m = isoDate.exec(key);
  let day: number | null = null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) day = Date.UTC(y, mo - 1, d) / msPerDay;
  }
  if (parsed.size < 200_000) parsed.set(key, day);
  return day;
}
const parsed = new Map<string, number | null>();

export function formatDay(day: number): string {
  let text = formatted.get(day);
  if (text === undefined) {
    text = new Date(day * msPerDay).toISOString().slice(0, 10);
    if (formatted.size < 200_000) formatted.set(day, text);
  }
  return text;
}
const formatted = new Map<number, string>();

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  const m = year * 12 + month - 1;
  return firstDayOfMonth(m + 1) - firstDayOfMonth(m);
}

/** Month index (years × 12 + month − 1) of a day. */
export function monthOf(day: number): number {
  // Called for every segment and month of a refresh: days 1970–2099 come from a table.
  if (day >= 0 && day < monthTable.length && Number.isInteger(day)) {
    let m = monthTable[day]!;
    if (m === 0) monthTable[day] = m = monthOfDate(day);
    return m;
  }
  return monthOfDate(day);
}
const monthTable = new Int32Array(47_482);

function monthOfDate(day: number): number {
  const d = new Date(day * msPerDay);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function firstDayOfMonth(month: number): number {
  // Month indexes of years 0–2199 from a table: a refresh asks for them millions of times.
  if (month >= 0 && month < firstDays.length && Number.isInteger(month)) {
    let d = firstDays[month]!;
    if (Number.isNaN(d)) firstDays[month] = d = Date.UTC(Math.floor(month / 12), month % 12, 1) / msPerDay;
    return d;
  }
  return Date.UTC(Math.floor(month / 12), month % 12, 1) / msPerDay;
}
const firstDays = new Float64Array(2200 * 12).fill(Number.NaN);

export function lastDayOfMonth(month: number): number {
  return firstDayOfMonth(month + 1) - 1;
}

/** "2025-03-01" for the month index. */
export function monthLabel(month: number): string {
  return formatDay(firstDayOfMonth(month));
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: number, months: number): number {
  const month = monthOf(day);
  const target = month + months;
  const start = firstDayOfMonth(target);
  const dom = Math.min(day - firstDayOfMonth(month), firstDayOfMonth(target + 1) - start - 1);
  return start + dom;
}

export const averageMonthDays = 30.4375;

/**
 * Length of [start, end) in months: whole calendar months from the start (clamped as in
 * addMonths), plus the leftover days ÷ 30.4375. Jan 15 → Feb 15 is 1, a year is 12.
 */
export function monthsBetween(start: number, end: number): number {
  if (end <= start) return 0;
  let whole = Math.max(0, Math.floor((end - start) / 31) - 1);
  while (addMonths(start, whole + 1) <= end) whole++;
  return whole + (end - addMonths(start, whole)) / averageMonthDays;
}
