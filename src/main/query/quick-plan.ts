import type { CompiledView } from './build-query';
import { sortIndexOf } from './indexes';

/** From this many quick-filter matches, a block walks the sort index (see `QuickShape`). */
export const orderedQuickThreshold = 2000;

/**
 * Measured at 1M licences on the bench copy (bench/quick-filter.ts), the full-text index in one
 * segment: a block testing each walked row against it (`lookup`) pays ~80 µs a row, one
 * collecting every match into the set an `ordered` walk probes ~0.5 µs a match ("glo", 8% of
 * rows: 96 vs 49 ms; "john", 22%: 27 vs 112 ms).
 */
const lookupToCollectCost = 150;

/**
 * How a block applies the quick filter (`WhereOptions.quickShape`):
 * - `match`: the matches drive, then are sorted (few matches);
 * - `ordered`: every match is collected into a set once, then the sort index is walked and each
 *   entry probed in it (many matches: a sort of all of them would dominate);
 * - `lookup`: the sort index is walked and each row is looked up in the full-text index, with
 *   nothing collected (a word in a large share of rows: "acme" at 1M licences, 317 → 10 ms).
 *   Only for the quick filter alone over an indexed sort: other filters would make SQLite test
 *   it on every row they let through, in whatever order.
 */
export type QuickShape = 'match' | 'ordered' | 'lookup';

export interface QuickShapeInput {
  offset: number;
  limit: number;
  /** Rows matching the quick filter (exact or a recent count). */
  matches: number;
  /** Rows in the table. */
  total: number;
}

/**
 * With a share s = matches / total, a walk along the sort index meets the block's last row after
 * about reach / s rows (reach counted from the order's end past the middle, as the block is);
 * `lookup` pays that many lookups, `ordered` one collection of every match.
 */
export function chooseQuickShape(view: CompiledView, input: QuickShapeInput, threshold = orderedQuickThreshold): QuickShape {
  if (input.matches < threshold) return 'match';
  const reach = input.offset > input.matches / 2 ? Math.max(0, input.matches - input.offset) : input.offset + input.limit;
  const lookups = (reach * input.total) / Math.max(1, input.matches);
  return canLookUp(view) && lookups * lookupToCollectCost < input.matches ? 'lookup' : 'ordered';
}

/** The quick filter is the view's only filter. */
export function isQuickFilterAlone(view: CompiledView): boolean {
  return view.columnFilters.size === 0 && view.otherFilters.length === 0;
}

/** `lookup` is only for the quick filter alone over a sort an index walks (see `QuickShape`). */
function canLookUp(view: CompiledView): boolean {
  return isQuickFilterAlone(view) && sortIndexOf(view.dataset, view.sortColumn) !== undefined;
}

/**
 * For a block at the top (offset 0), the number of matches from which `chooseQuickShape` no
 * longer changes its choice: a count stopped there chooses as the exact count would (`lookup`
 * from m with m² > limit · total · cost, monotone in m). At 1M licences ~122k: counting up to
 * it costs ~5-14 ms where counting every match of a word in all rows costs ~80 ms.
 */
export function quickShapeCap(view: CompiledView, input: Omit<QuickShapeInput, 'matches'>, threshold = orderedQuickThreshold): number {
  if (!canLookUp(view)) return threshold;
  return Math.max(threshold, Math.floor(Math.sqrt((input.offset + input.limit) * input.total * lookupToCollectCost)) + 1);
}
