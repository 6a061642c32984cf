/**
 * Active licences at the start of every month, per app, hosting, edition and kind, so "active on
 * day d" reads one month's snapshot plus at most a month of deltas instead of summing every
 * delta since the first licence (see readActiveLicences).
 */
import type { Db } from '../store';
import { firstDayOfMonth, formatDay, monthLabel, monthOf, parseDay } from './days';

export function writeLicenceMonths(db: Db, deltas: ReadonlyMap<string, number>, asOfDay: number): void {
  // Deltas by month, per combination (app \0 hosting \0 edition \0 kind).
  const byCombo = new Map<string, Map<number, number>>();
  let first = Infinity;
  let last = monthOf(asOfDay);
  for (const [key, d] of deltas) {
    const cut = key.indexOf('\u0000');
    const day = parseDay(key.slice(0, cut));
    if (day === null || d === 0) continue;
    const month = monthOf(day);
    first = Math.min(first, month);
    last = Math.max(last, month);
    const combo = key.slice(cut + 1);
    let months = byCombo.get(combo);
    if (!months) byCombo.set(combo, (months = new Map()));
    months.set(month, (months.get(month) ?? 0) + d);
  }
  if (first === Infinity) return;
  const insert = db.prepare('INSERT INTO metric_licence_month (month, addon_key, hosting, edition, kind, active) VALUES (?, ?, ?, ?, ?, ?)');
  for (const [combo, months] of byCombo) {
    const [addon, hosting, edition, kind] = combo.split('\u0000') as [string, string, string, string];
    let active = 0;
    // active = Σ deltas of the months before: the count on the first day of `month`, before its own deltas.
    for (let month = first; month <= last + 1; month++) {
      if (active !== 0) insert.run(monthLabel(month), addon, hosting, edition, kind, active);
      active += months.get(month) ?? 0;
    }
  }
}

export function monthStartOf(day: string): string {
  const n = parseDay(day);
  return n === null ? day : formatDay(firstDayOfMonth(monthOf(n)));
}
