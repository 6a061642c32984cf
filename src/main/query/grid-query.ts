import type { CellValue, GridQueryRequest, GridQueryResponse } from '../../shared/contract-grid';
import { quoteIdent, type Db } from '../store';
import { blockSql, compileView, countSql, type BlockPlan, type BuiltSql } from './build-query';
import { chooseBlockPlan } from './block-plan';
import { chooseQuickShape, type QuickShape } from './quick-plan';
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

function dataVersion(db: Db): string {
  const v = db.pragma('data_version', { simple: true }) as number;
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${v}:${changes}`;
}

export function cachedCount(db: Db, built: BuiltSql, options: { maxStaleMs?: number } = {}): number {
  return countOf(db, built, options).n;
}

/** The count and whether it is exact for the data as it is now (not a stale one reused). */
function countOf(db: Db, built: BuiltSql, options: { maxStaleMs?: number }): { n: number; exact: boolean } {
  const version = dataVersion(db);
  let cache = countCaches.get(db);
  if (!cache) countCaches.set(db, (cache = new Map()));
  const key = `${built.sql}\u0000${JSON.stringify(built.params)}`;
  const hit = cache.get(key);
  const now = performance.now();
  if (hit && (hit.version === version || now - hit.at < (options.maxStaleMs ?? 0))) return { n: hit.n, exact: hit.version === version };
  const n = (db.prepare(built.sql).get(...built.params) as { n: number }).n;
  if (cache.size > 200) cache.clear();
  cache.set(key, { n, version, at: now });
  return { n, exact: true };
}

/** How old a count may be for a block further down while data changes (see `cachedCount`). */
const scrollCountMaxStaleMs = 10_000;


/** One block of the grid with its matching and total counts. */
export function queryGrid(ctx: QueryContext, request: GridQueryRequest): GridQueryResponse {
  ensureGridSchemaOnce(ctx.db);
  const view = compileView(request.dataset, request, ctx.now);
  const staleness = { maxStaleMs: request.startRow > 0 ? scrollCountMaxStaleMs : 0 };
  const count = countOf(ctx.db, countSql(view), staleness);
  const rowCount = count.n;
  const totalCount = cachedCount(ctx.db, { sql: `SELECT count(*) AS n FROM ${quoteIdent(view.dataset.table)}`, params: [] }, staleness);
  const limit = request.endRow - request.startRow;
  const block = blockSql(view, request.startRow, limit, {
    plan: ctx.blockPlan ?? chooseBlockPlan(view, { offset: request.startRow, limit, rowCount, totalCount }),
    quickShape: ctx.quickShape ?? chooseQuickShape(view, { offset: request.startRow, limit, matches: rowCount, total: totalCount }, ctx.orderedQuickThreshold),
    // Only an exact count may place a block counted from the end (a stale one would shift it).
    rowCount: count.exact ? rowCount : undefined,
  });
  const rows = ctx.db.prepare(block.sql).raw(true).all(...block.params) as CellValue[][];
  return { columns: view.columns.map((c) => c.name), rows, rowCount, totalCount };
}
