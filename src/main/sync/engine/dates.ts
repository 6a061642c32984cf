/** UTC calendar arithmetic on `YYYY-MM-DD` strings (every API date is a UTC date). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function maxDate(...dates: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const d of dates) if (d && (best === null || d.slice(0, 10) > best)) best = d.slice(0, 10);
  return best;
}

export function minDate(...dates: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const d of dates) if (d && (best === null || d.slice(0, 10) < best)) best = d.slice(0, 10);
  return best;
}

/** Consecutive windows of at most `days` days covering [from, to], oldest first. */
export function dateWindows(from: string, to: string, days: number): { start: string; end: string }[] {
  const windows: { start: string; end: string }[] = [];
  for (let start = from; start <= to; start = addDays(start, days)) {
    const end = addDays(start, days - 1);
    windows.push({ start, end: end < to ? end : to });
  }
  return windows;
}
