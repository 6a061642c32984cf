import type { CellValue, GridQueryRequest, GridQueryResponse } from '../../shared/contract-grid';
import { quoteIdent, type Db } from '../store';
import { blockSql, compileView, countSql, type BuiltSql } from './build-query';
import { ensureGridSchemaOnce } from './ensure-once';

export interface QueryContext {
  db: Db;
  now: Date;
  /** Overrides `orderedQuickThreshold` (tests run both block shapes on small data). */
  orderedQuickThreshold?: number;
}

/**
 * Counts are the dear part of a block request (the grid asks for every block, the count does
 * not change while scrolling), so they are cached per connection until the data changes:
 * `data_version` moves when another connection commits, `total_changes()` when this one writes.
 */
const countCaches = new WeakMap<Db, { version: string; entries: Map<string, number> }>();

function dataVersion(db: Db): string {
  const v = db.pragma('data_version', { simple: true }) as number;
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${v}:${changes}`;
}

export function cachedCount(db: Db, built: BuiltSql): number {
  const version = dataVersion(db);
  let cache = countCaches.get(db);
  if (!cache || cache.version !== version) {
    cache = { version, entries: new Map() };
    countCaches.set(db, cache);
  }
  const key = `${built.sql}\u0000${JSON.stringify(built.params)}`;
  const hit = cache.entries.get(key);
  if (hit !== undefined) return hit;
  const n = (db.prepare(built.sql).get(...built.params) as { n: number }).n;
  if (cache.entries.size > 200) cache.entries.clear();
  cache.entries.set(key, n);
  return n;
}

/** From this many quick-filter matches, a block walks the sort index (see `WhereOptions`). */
export const orderedQuickThreshold = 2000;

/** One block of the grid with its matching and total counts. */
export function queryGrid(ctx: QueryContext, request: GridQueryRequest): GridQueryResponse {
  ensureGridSchemaOnce(ctx.db);
  const view = compileView(request.dataset, request, ctx.now);
  const rowCount = cachedCount(ctx.db, countSql(view));
  const block = blockSql(view, request.startRow, request.endRow - request.startRow, { orderedQuick: rowCount >= (ctx.orderedQuickThreshold ?? orderedQuickThreshold) });
  const rows = ctx.db.prepare(block.sql).raw(true).all(...block.params) as CellValue[][];
  const totalCount = cachedCount(ctx.db, { sql: `SELECT count(*) AS n FROM ${quoteIdent(view.dataset.table)}`, params: [] });
  return { columns: view.columns.map((c) => c.name), rows, rowCount, totalCount };
}
