/**
 * Row ids ordered by a day column (a counting sort, stable), so a date window or a `lastUpdated`
 * cut-off selects its candidates in O(rows in the window) instead of scanning every row: the sync
 * pulls sale-metric details and feedback as exports per date window, many windows a pass, and a
 * scan of 1.3M renewal lines each time dominated them. One index per column and data version,
 * built on first use (~4 bytes a row).
 */
import type { World } from '../data/world';

interface DayIndex {
  /** Row ids by day, ascending row id within a day. */
  order: Uint32Array;
  /** `order` positions where each day starts, from `minDay`; one more entry than days. */
  starts: Uint32Array;
  minDay: number;
}

/** Wider spans (a column of sentinels) are not indexed: the caller scans instead. */
const maxSpanDays = 200_000;

const indexes = new WeakMap<World, Map<string, { version: number; index: DayIndex | null }>>();

function buildIndex(days: Int32Array, count: number): DayIndex | null {
  if (count === 0) return null;
  let min = days[0]!;
  let max = min;
  for (let r = 1; r < count; r++) {
    const d = days[r]!;
    if (d < min) min = d;
    else if (d > max) max = d;
  }
  const span = max - min + 1;
  if (span > maxSpanDays) return null;
  const starts = new Uint32Array(span + 1);
  for (let r = 0; r < count; r++) starts[days[r]! - min + 1]!++;
  for (let d = 1; d <= span; d++) starts[d]! += starts[d - 1]!;
  const fill = starts.slice(0, span);
  const order = new Uint32Array(count);
  for (let r = 0; r < count; r++) order[fill[days[r]! - min]!++] = r;
  return { order, starts, minDay: min };
}

/**
 * Rows whose `days` value lies in [from, to], in ascending row order; null when the column is not
 * indexable (the caller then scans every row). `name` identifies the column within the world.
 */
export function rowsInDays(world: World, name: string, days: Int32Array, count: number, from: number, to: number): Uint32Array | null {
  let perWorld = indexes.get(world);
  if (!perWorld) indexes.set(world, (perWorld = new Map()));
  let entry = perWorld.get(name);
  if (!entry || entry.version !== world.version) perWorld.set(name, (entry = { version: world.version, index: buildIndex(days, count) }));
  const index = entry.index;
  if (!index) return null;
  const span = index.starts.length - 1;
  const lo = Math.max(0, Math.min(span, from - index.minDay));
  const hi = Math.max(0, Math.min(span, to - index.minDay + 1));
  if (hi <= lo) return new Uint32Array(0);
  const rows = index.order.slice(index.starts[lo]!, index.starts[hi]!);
  for (let k = 1; k < rows.length; k++) {
    if (rows[k]! < rows[k - 1]!) return rows.sort();
  }
  return rows;
}
