import type { datePresets } from '../../shared/contract-grid';

export type DatePreset = (typeof datePresets)[number];
export type Clock = () => Date;

/** A day range `[from, to)` as `YYYY-MM-DD` strings, both computed in UTC. */
export interface DayRange {
  from: string;
  to: string;
}

const msPerDay = 86_400_000;

export function formatDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The day after `day` (`YYYY-MM-DD`), in UTC. */
export function nextDay(day: string): string {
  return formatDay(new Date(Date.parse(`${day}T00:00:00Z`) + msPerDay));
}

/** Parses the day of a filter value (`2024-05-01` or AG Grid's `2024-05-01 00:00:00`). */
export function dayOf(value: string): string {
  const day = value.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || formatDay(new Date(`${day}T00:00:00Z`)) !== day) {
    throw new RangeError(`not a calendar date: ${value.slice(0, 40)}`);
  }
  return day;
}

function utcDay(y: number, m: number, d: number): string {
  return formatDay(new Date(Date.UTC(y, m, d)));
}

/** The range a preset means at `now` (UTC). "Last N days" includes today. */
export function presetRange(preset: DatePreset, now: Date): DayRange {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  const lastDays = (n: number): DayRange => ({ from: utcDay(y, m, d - (n - 1)), to: utcDay(y, m, d + 1) });
  switch (preset) {
    case 'today':
      return lastDays(1);
    case 'yesterday':
      return { from: utcDay(y, m, d - 1), to: utcDay(y, m, d) };
    case 'last7Days':
      return lastDays(7);
    case 'last30Days':
      return lastDays(30);
    case 'last90Days':
      return lastDays(90);
    case 'last365Days':
      return lastDays(365);
    case 'thisMonth':
      return { from: utcDay(y, m, 1), to: utcDay(y, m + 1, 1) };
    case 'lastMonth':
      return { from: utcDay(y, m - 1, 1), to: utcDay(y, m, 1) };
    case 'thisQuarter': {
      const q = Math.floor(m / 3) * 3;
      return { from: utcDay(y, q, 1), to: utcDay(y, q + 3, 1) };
    }
    case 'thisYear':
      return { from: utcDay(y, 0, 1), to: utcDay(y + 1, 0, 1) };
    case 'lastYear':
      return { from: utcDay(y - 1, 0, 1), to: utcDay(y, 0, 1) };
  }
}
