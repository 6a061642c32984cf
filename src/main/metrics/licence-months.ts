/**
 * Active licences at the start of every month, per app, hosting, edition and kind, so "active on
 * day d" reads one month's snapshot plus at most a month of deltas instead of summing every
 * delta since the first licence (see readActiveLicences). Recomputed from metric_licence_delta
 * (a few hundred thousand rows at most) by every refresh, full or incremental.
 */
import type { Db } from '../store';
import { addToCells, CellSums, cellKey, licenceMonthCells, writeDifferences } from './cells';
import { firstDayOfMonth, formatDay, monthLabel, monthOf, parseDay } from './days';

export function writeLicenceMonths(db: Db, asOfDay: number): void {
  // Deltas by month, per combination (app \0 hosting \0 edition \0 kind).
  const byCombo = new Map<string, Map<number, number>>();
  let last = monthOf(asOfDay);
  const rows = db.prepare('SELECT day, addon_key, hosting, edition, kind, delta FROM metric_licence_delta').raw(true).iterate() as IterableIterator<[string, string, string, string, string, number]>;
  for (const [dayText, ...rest] of rows) {
    const delta = rest.pop() as number;
    const day = parseDay(dayText);
    if (day === null) continue;
    const month = monthOf(day);
    last = Math.max(last, month);
    const combo = cellKey(...(rest as string[]));
    let months = byCombo.get(combo);
    if (!months) byCombo.set(combo, (months = new Map()));
    months.set(month, (months.get(month) ?? 0) + delta);
  }
  const cells = new CellSums(licenceMonthCells);
  for (const [combo, months] of byCombo) {
    const first = Math.min(...months.keys());
    let active = 0;
    // active = Σ deltas of the months before: the count on the first day of `month`, before its own deltas.
    for (let month = first; month <= last + 1; month++) {
      if (active !== 0) cells.add(cellKey(monthLabel(month), combo), [active]);
      active += months.get(month) ?? 0;
    }
  }
  writeDifferences(db, cells);
}

/** The last month the table has rows for, less one: the later of the as-of month and the last delta's. */
export function lastLicenceMonth(db: Db, asOfDay: number): number {
  const latest = parseDay(db.prepare('SELECT max(day) FROM metric_licence_delta').pluck().get() as string | null);
  return Math.max(monthOf(asOfDay), latest === null ? -Infinity : monthOf(latest));
}

/**
 * Incremental: a delta d on a day of month M moves the snapshot of every month after M, up to
 * last + 1, by d. Only valid while `last` is the one the table was written with.
 */
export function addLicenceMonthDeltas(db: Db, deltas: CellSums, last: number): void {
  const months = new CellSums(licenceMonthCells);
  for (const [key, [d]] of deltas.sums) {
    if (d === 0) continue;
    const cut = key.indexOf('\u0000');
    const day = parseDay(key.slice(0, cut));
    if (day === null) continue;
    for (let month = monthOf(day) + 1; month <= last + 1; month++) months.add(cellKey(monthLabel(month), key.slice(cut + 1)), [d!]);
  }
  addToCells(db, months);
}

export function monthStartOf(day: string): string {
  const n = parseDay(day);
  return n === null ? day : formatDay(firstDayOfMonth(monthOf(n)));
}
