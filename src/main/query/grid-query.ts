import type { CellValue, GridBlockResponse, GridCountRequest, GridCounts, GridQueryRequest, GridQueryResponse } from '../../shared/contract-grid';
import { quoteIdent, type Db } from '../store';
import { blockSql, compileView, countSql, type BlockPlan, type BuiltSql, type CompiledView } from './build-query';
import { chooseBlockPlan } from './block-plan';
import { cappedCountSql } from './full-text';
import { chooseQuickShape, isQuickFilterAlone, quickShapeCap, type QuickShape } from './quick-plan';
import { ensureGridSchemaOnce } from './ensure-once';

export interface QueryContext {
  db: Db;
  now: Date;
  /** Overrides `orderedQuickThreshold` (tests run both block shapes on small data). */
  orderedQuickThreshold?: number;
  /** Overrides `chooseQuickShape` (tests run every quick-filter shape on small data). */
  quickShape?: QuickShape;
  /** Overrides `chooseBlockPlan` (tests run every block plan on small data). */
  blockPlan?: BlockPlan;
}

/**
 * Counts are the dear part of a block request (the grid asks for every block, the count does
 * not change while scrolling), so they are cached per connection until the data changes:
 * `data_version` moves when another connection commits, `total_changes()` when this one writes.
 * While a sync commits page after page, scrolling may reuse a count up to `maxStaleMs` old
 * instead of recounting for every block; a request from row 0 (a new filter, a refresh after
 * `data.changed`) always counts afresh.
 */
const countCaches = new WeakMap<Db, Map<string, { n: number; version: string; at: number }>>();

interface Count {
  n: number;
  /** Exact for the data as it is now (not a stale one reused, not a bound standing in for it). */
  exact: boolean;
}

function dataVersion(db: Db): string {
  const v = db.pragma('data_version', { simple: true }) as number;
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${v}:${changes}`;
}

function cacheOf(db: Db): Map<string, { n: number; version: string; at: number }> {
  let cache = countCaches.get(db);
  if (!cache) countCaches.set(db, (cache = new Map()));
  return cache;
}

const cacheKey = (built: BuiltSql) => `${built.sql}\u0000${JSON.stringify(built.params)}`;

/** A count held for this query, if it is current (or younger than `maxStaleMs`). */
function peekCount(db: Db, built: BuiltSql, options: { maxStaleMs?: number }): Count | null {
  const hit = cacheOf(db).get(cacheKey(built));
  if (!hit) return null;
  const version = dataVersion(db);
  if (hit.version === version || performance.now() - hit.at < (options.maxStaleMs ?? 0)) return { n: hit.n, exact: hit.version === version };
  return null;
}

/** Holds `n` as the count of this query for the data as it is now. */
function rememberCount(db: Db, built: BuiltSql, n: number): void {
  const cache = cacheOf(db);
  if (cache.size > 200) cache.clear();
  cache.set(cacheKey(built), { n, version: dataVersion(db), at: performance.now() });
}

/** The count and whether it is exact for the data as it is now (not a stale one reused). */
function countOf(db: Db, built: BuiltSql, options: { maxStaleMs?: number }): Count {
  const held = peekCount(db, built, options);
  if (held) return held;
  const n = (db.prepare(built.sql).get(...built.params) as { n: number }).n;
  rememberCount(db, built, n);
  return { n, exact: true };
}

export function cachedCount(db: Db, built: BuiltSql, options: { maxStaleMs?: number } = {}): number {
  return countOf(db, built, options).n;
}

/** Forgets every count held for this connection, as a write would (benchmarks time cold counts). */
export function forgetCounts(db: Db): void {
  countCaches.delete(db);
}

/** How old a count may be for a block further down while data changes (see `cachedCount`). */
const scrollCountMaxStaleMs = 10_000;

const totalSql = (view: CompiledView): BuiltSql => ({ sql: `SELECT count(*) AS n FROM ${quoteIdent(view.dataset.table)}`, params: [] });

/** The exact matching and total counts of a view (`grid.count`). */
export function queryCounts(ctx: QueryContext, request: GridCountRequest): GridCounts {
  ensureGridSchemaOnce(ctx.db);
  const view = compileView(request.dataset, { ...request, sortModel: [], columns: [] }, ctx.now);
  return { rowCount: countOf(ctx.db, countSql(view), {}).n, totalCount: countOf(ctx.db, totalSql(view), {}).n };
}

/**
 * The first block of a view whose count is not held, without counting every match where the
 * block's plan does not need the number (`grid.block`):
 * - no filter at all: the rows in the table are the matches;
 * - the quick filter alone: its shape changes only below `quickShapeCap` matches, so they are
 *   counted up to there (exact when fewer: held for `grid.count`; else a lower bound);
 * - any other: the block plan or quick-filter shape is chosen from the count, so it is counted.
 *   (Quality flags alone leave the plan to SQLite whatever the count, but a rare flag's walk
 *   down the sort index reads every row: 1M licences "gone" took 8 s uncounted, the count
 *   0.3-0.5 s, and a count of 0 needs no block.)
 */
function firstBlockCount(ctx: QueryContext, view: CompiledView, counted: BuiltSql, limit: number, totalCount: number): Count {
  if (view.quickMatch === null && view.columnFilters.size === 0 && view.otherFilters.length === 0) return { n: totalCount, exact: true };
  if (view.quickMatch === null || !isQuickFilterAlone(view)) return countOf(ctx.db, counted, {});
  const cap = quickShapeCap(view, { offset: 0, limit, total: totalCount }, ctx.orderedQuickThreshold);
  const probe = cappedCountSql(view.dataset, view.quickMatch, cap);
  const n = (ctx.db.prepare(probe.sql).get(...probe.params) as { n: number }).n;
  if (n >= cap) return { n, exact: false };
  rememberCount(ctx.db, counted, n);
  return { n, exact: true };
}

interface BlockInput {
  view: CompiledView;
  limit: number;
  totalCount: number;
  /** How old a held count may be (a block further down may reuse one while a sync writes). */
  staleness: { maxStaleMs: number };
  /** The view's count query (`countSql`), the key its count is held under. */
  counted: BuiltSql;
}

function blockInput(ctx: QueryContext, request: GridQueryRequest): BlockInput {
  ensureGridSchemaOnce(ctx.db);
  const view = compileView(request.dataset, request, ctx.now);
  const staleness = { maxStaleMs: request.startRow > 0 ? scrollCountMaxStaleMs : 0 };
  return { view, limit: request.endRow - request.startRow, totalCount: countOf(ctx.db, totalSql(view), staleness).n, staleness, counted: countSql(view) };
}

/** The rows of one block, its plan and quick-filter shape chosen from `count`. */
function readRows(ctx: QueryContext, request: GridQueryRequest, input: BlockInput, count: Count): CellValue[][] {
  const { view, limit, totalCount } = input;
  // Past the exact count there is nothing to find (a walk would still read the whole index).
  if (count.exact && request.startRow >= count.n) return [];
  const block = blockSql(view, request.startRow, limit, {
    plan: ctx.blockPlan ?? chooseBlockPlan(view, { offset: request.startRow, limit, rowCount: count.n, totalCount }),
    quickShape: ctx.quickShape ?? chooseQuickShape(view, { offset: request.startRow, limit, matches: count.n, total: totalCount }, ctx.orderedQuickThreshold),
    // Only an exact count may place a block counted from the end (a stale one would shift it).
    rowCount: count.exact ? count.n : undefined,
  });
  return ctx.db.prepare(block.sql).raw(true).all(...block.params) as CellValue[][];
}

/** One block of the grid with its matching and total counts (`grid.query`). */
export function queryGrid(ctx: QueryContext, request: GridQueryRequest): GridQueryResponse {
  const input = blockInput(ctx, request);
  const count = countOf(ctx.db, input.counted, input.staleness);
  const rows = readRows(ctx, request, input, count);
  return { columns: input.view.columns.map((c) => c.name), rows, rowCount: count.n, totalCount: input.totalCount };
}

/**
 * A block as soon as its rows are found (`grid.block`): the first block of a view counts only
 * what its plan needs (`firstBlockCount`) and answers `rowCount` null when that was not every
 * match (`grid.count` then counts them). A block further down always has a count (held from the
 * first block's `grid.count`, or counted now): its plan and a walk from the order's end need it.
 */
export function queryBlock(ctx: QueryContext, request: GridQueryRequest): GridBlockResponse {
  const input = blockInput(ctx, request);
  const first = request.startRow === 0;
  const count = first ? (peekCount(ctx.db, input.counted, {}) ?? firstBlockCount(ctx, input.view, input.counted, input.limit, input.totalCount)) : countOf(ctx.db, input.counted, input.staleness);
  const rows = readRows(ctx, request, input, count);
  let rowCount = count.exact || !first ? count.n : null;
  // A first block that ran out of rows holds every match: its length is the count.
  if (rowCount === null && rows.length < input.limit) rememberCount(ctx.db, input.counted, (rowCount = rows.length));
  return { columns: input.view.columns.map((c) => c.name), rows, rowCount, totalCount: input.totalCount };
}
