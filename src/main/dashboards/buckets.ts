/**
 * Time buckets of the shared controls: weeks start on Monday, months on the 1st (UTC). The SQL
 * expressions are fixed strings (never built from input), applied to a YYYY-MM-DD column.
 */
import { addMonths, formatDay, monthLabel, monthOf, parseDay } from '../metrics/days';

export type Granularity = 'week' | 'month';

export function bucketSql(column: string, granularity: Granularity): string {
  if (!/^[a-z_]+$/.test(column)) throw new Error(`not a bucket column: ${column}`);
  return granularity === 'month'
    ? `substr(${column}, 1, 7) || '-01'`
    : `date(substr(${column}, 1, 10), '-' || ((CAST(strftime('%w', substr(${column}, 1, 10)) AS INTEGER) + 6) % 7) || ' days')`;
}

/** The bucket start of a YYYY-MM-DD day. */
export function bucketOf(day: string, granularity: Granularity): string {
  if (granularity === 'month') return `${day.slice(0, 7)}-01`;
  const n = parseDay(day);
  if (n === null) return day;
  // Day 0 (1970-01-01) was a Thursday: Monday-based weekday = (n + 3) mod 7.
  return formatDay(n - (((n + 3) % 7) + 7) % 7);
}

/** Every bucket start from the bucket of `from` to the bucket of `to`. */
export function bucketsBetween(from: string, to: string, granularity: Granularity): string[] {
  const out: string[] = [];
  const first = parseDay(bucketOf(from, granularity));
  const last = parseDay(to);
  if (first === null || last === null) return out;
  if (granularity === 'week') {
    for (let d = first; d <= last; d += 7) out.push(formatDay(d));
  } else {
    for (let d = first; d <= last; d = addMonths(d, 1)) out.push(formatDay(d));
  }
  return out;
}

/** Month starts (YYYY-MM-01) of every month the range touches. */
export function monthsBetweenDays(from: string, to: string): string[] {
  const a = parseDay(from);
  const b = parseDay(to);
  if (a === null || b === null) return [];
  const out: string[] = [];
  for (let m = monthOf(a); m <= monthOf(b); m++) out.push(monthLabel(m));
  return out;
}

/** The range of the same length just before [from, to]. */
export function previousRange(from: string, to: string): { from: string; to: string } {
  const a = parseDay(from)!;
  const b = parseDay(to)!;
  const length = b - a + 1;
  return { from: formatDay(a - length), to: formatDay(a - 1) };
}

/** Values for each bucket from (bucket, value) rows; missing buckets become `fill`. */
export function alignToBuckets(buckets: readonly string[], rows: Iterable<[string, number]>, fill: number | null = 0): (number | null)[] {
  const byBucket = new Map<string, number>();
  for (const [b, v] of rows) byBucket.set(b, (byBucket.get(b) ?? 0) + v);
  return buckets.map((b) => byBucket.get(b) ?? fill);
}
