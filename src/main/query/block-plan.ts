import type { BlockPlan, CompiledView } from './build-query';
import { sortIndexOf } from './indexes';

/**
 * Measured at 1M licences (bench/grid.ts): a walk testing the filters inside the walk index
 * costs ~0.05-0.1 µs an entry, one reading a table row per entry ~1.7 µs; sorting the matches
 * found by a filter index ~0.5-2.7 µs a match. Each limit keeps a block near 10-15 ms.
 */
export const blockPlanLimits = {
  /** Entries of a walk that tests every filter inside the walk index. */
  coveredWalk: 100_000,
  /** Entries of a walk that reads a table row per entry (also taken while below the matches). */
  tableWalk: 8_000,
  /** Matches few enough to find by the filters' indexes and sort. */
  sortedMatches: 20_000,
};

export interface BlockShape {
  offset: number;
  limit: number;
  /** Rows matching the view's filters (exact or a recent count). */
  rowCount: number;
  /** Rows in the table. */
  totalCount: number;
}

/**
 * How a block finds its rows (`WhereOptions.plan`). SQLite's planner prices its ways from
 * statistics and, for a filtered and sorted block, often picks badly at 1M rows: it drove
 * "hosting = Server, sorted by company" by the hosting index and sorted 333k rows (658 ms), and
 * three enum filters in the default order by one filter's index, reading ~18k table rows
 * (25-50 ms). The count, known before the block, says which way is short: with a share s of the
 * rows matching, a walk along the sort index reaches the block's last row after about
 * (offset + limit) / s entries.
 * - A short walk: `walk` (2-10 ms where the planner took 25-1000 ms).
 * - A long walk but few matches (very selective filters): `match`, the filters' indexes find
 *   them and ≤ `sortedMatches` rows are sorted (four filters: 80 → 9 ms).
 * - Otherwise the planner's choice stands.
 */
export function chooseBlockPlan(view: CompiledView, shape: BlockShape): BlockPlan {
  const others = [...view.columnFilters.keys()].filter((name) => name !== view.sortColumn);
  if (others.length === 0 || shape.rowCount <= 0) return 'planner';
  const walk = sortIndexOf(view.dataset, view.sortColumn);
  if (walk) {
    // Filters on columns the walked index holds are tested there, without reading table rows.
    const covered = others.every((name) => walk.columns.includes(name)) && view.otherFilters.length === 0 && view.quickMatch === null;
    // A block past the middle is walked from the order's end (`WhereOptions.rowCount`).
    const reach = shape.offset > shape.rowCount / 2 ? Math.max(0, shape.rowCount - shape.offset) : shape.offset + shape.limit;
    const entries = (reach * shape.totalCount) / shape.rowCount;
    if (covered ? entries <= blockPlanLimits.coveredWalk : entries <= Math.max(blockPlanLimits.tableWalk, shape.rowCount)) return 'walk';
  }
  return shape.rowCount <= blockPlanLimits.sortedMatches ? 'match' : 'planner';
}
