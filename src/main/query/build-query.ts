import type { ColumnDef, RecordDataset, RecordDatasetId } from '../../shared/catalogue';
import { qualityFlags, type QualityFlag, type ViewState } from '../../shared/contract-grid';
import { quoteIdent, recordMetaColumns as m } from '../store';
import { datasetOf, flagConditions, flagsExpression, requireColumn, resolveColumns } from './columns';
import { compileFilterModel, type SqlParam, type SqlPart } from './filter-sql';
import { fullTextTable, quickFilterMatch } from './full-text';
import type { QuickShape } from './quick-plan';

/** A view compiled against the catalogue: every identifier whitelisted, every value bound. */
export interface CompiledView {
  dataset: RecordDataset;
  table: string;
  columns: ColumnDef[];
  /** Per filtered column, its condition (facets leave a column's own one out). */
  columnFilters: Map<string, SqlPart>;
  /** The same conditions on `+column`: tested along a walk of the sort index, never driving it. */
  walkFilters: Map<string, SqlPart>;
  /** The first sort key's column (the one whose index a walk follows). */
  sortColumn: string;
  /** The quick filter's FTS5 MATCH expression, if any. */
  quickMatch: string | null;
  /** Flag conditions. */
  otherFilters: SqlPart[];
  orderBy: string;
  /** `orderBy` with every direction flipped: the same total order walked from its end. */
  reverseOrderBy: string;
  flags: string;
}

export function compileView(datasetId: RecordDatasetId, view: ViewState, now: Date): CompiledView {
  const dataset = datasetOf(datasetId);
  const columns = resolveColumns(dataset, view.columns);
  const columnFilters = compileFilterModel(dataset, view.filterModel, now);
  const otherFilters: SqlPart[] = [];
  const conditions = flagConditions(dataset);
  for (const [flag, wanted] of Object.entries(view.flags) as [QualityFlag, boolean | undefined][]) {
    if (wanted === undefined || !(flag in qualityFlags)) continue;
    otherFilters.push({ sql: `(CASE WHEN ${conditions[flag]} THEN 1 ELSE 0 END) = ${wanted ? 1 : 0}`, params: [] });
  }
  // Stored as Date#toISOString() text, so text order is time order; normalise the bound the same way.
  if (view.firstSeenSince !== undefined) otherFilters.push({ sql: `${m.firstSeen} >= ?`, params: [new Date(view.firstSeenSince).toISOString()] });
  const walkFilters = compileFilterModel(dataset, view.filterModel, now, { unindexed: true });
  return { dataset, table: quoteIdent(dataset.table), columns, columnFilters, walkFilters, sortColumn: sortColumnOf(dataset, view), quickMatch: quickFilterMatch(view.quickFilter), otherFilters, orderBy: orderByOf(dataset, view, false), reverseOrderBy: orderByOf(dataset, view, true), flags: flagsExpression(dataset) };
}

function sortColumnOf(dataset: RecordDataset, view: ViewState): string {
  return view.sortModel[0]?.colId ?? dataset.defaultSort[0]?.column ?? '';
}

/** Sort keys, then the rowid in the last key's direction: a stable order an index can serve. */
function orderByOf(dataset: RecordDataset, view: ViewState, reversed: boolean): string {
  const sort = view.sortModel.length > 0 ? view.sortModel : dataset.defaultSort.map((s) => ({ colId: s.column, sort: s.direction }));
  const seen = new Set<string>();
  const keys = sort
    .filter((s) => (seen.has(s.colId) ? false : (seen.add(s.colId), true)))
    .map((s) => `${quoteIdent(requireColumn(dataset, s.colId).name)} ${(s.sort === 'desc') !== reversed ? 'DESC' : 'ASC'}`);
  const last = (sort.at(-1)?.sort === 'desc') !== reversed ? 'DESC' : 'ASC';
  return [...keys, `${m.rowid} ${last}`].join(', ');
}

export interface WhereOptions {
  /** A column whose own filter is left out (facets). */
  exceptColumn?: string | undefined;
  /** How the quick filter is applied (`chooseQuickShape`); 'match' by default. */
  quickShape?: QuickShape;
  /**
   * The exact number of matching rows, when known: a block past the middle is then found by
   * walking the order from its end (rowCount - end entries instead of offset), which turns a
   * deep scroll to row 900,000 of 1M into a 100,000-entry walk. The total order (rowid last)
   * makes the reversed walk yield exactly the rows the forward OFFSET would.
   */
  rowCount?: number | undefined;
  /** How the block's rows are found (`chooseBlockPlan`); the planner's own choice by default. */
  plan?: BlockPlan;
}

/**
 * - `walk`: walk the first sort key's index and test the other column filters on the way (they
 *   are written on `+column`, so no filter's index can drive the query instead);
 * - `match`: find the matches by the filters' indexes and sort them (the order is written on
 *   `+column`, so no sort index can drive the query instead);
 * - `planner`: as written, SQLite chooses.
 */
export type BlockPlan = 'walk' | 'match' | 'planner';

function quickFilterPart(view: CompiledView, shape: QuickShape): SqlPart[] {
  if (view.quickMatch === null) return [];
  const fts = quoteIdent(fullTextTable(view.dataset));
  if (shape === 'lookup') {
    // Correlated: each row the walk reaches is looked up by rowid in the full-text index.
    return [{ sql: `EXISTS (SELECT 1 FROM ${fts} WHERE ${fts} MATCH ? AND ${fts}.rowid = ${view.table}.${m.rowid})`, params: [view.quickMatch] }];
  }
  return [{ sql: `${shape === 'ordered' ? '+' : ''}${m.rowid} IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`, params: [view.quickMatch] }];
}

export function whereOf(view: CompiledView, options: WhereOptions = {}): SqlPart {
  const parts = [
    ...[...view.columnFilters]
      .filter(([name]) => name !== options.exceptColumn)
      .map(([name, p]) => (options.plan === 'walk' && name !== view.sortColumn ? (view.walkFilters.get(name) ?? p) : p)),
    ...quickFilterPart(view, options.quickShape ?? 'match'),
    ...view.otherFilters,
  ];
  if (parts.length === 0) return { sql: '', params: [] };
  return { sql: ` WHERE ${parts.map((p) => p.sql).join(' AND ')}`, params: parts.flatMap((p) => p.params) };
}

export interface BuiltSql {
  sql: string;
  params: SqlParam[];
}

/** The selected values of a row: key, flags, then the visible columns in order. */
export function selectList(view: CompiledView): string {
  return [m.key, `${view.flags} AS _flags`, ...view.columns.map((c) => quoteIdent(c.name))].join(', ');
}

/**
 * One block. The page's rowids are found first (an index on the sort key covers this walk, so
 * a deep OFFSET steps over index entries, not table rows), then only those rows are read.
 */
export function blockSql(view: CompiledView, offset: number, limit: number, options: WhereOptions = {}): BuiltSql {
  const page = pageSql(view, offset, limit, options);
  return {
    sql: `SELECT ${selectList(view)} FROM ${view.table} WHERE ${m.rowid} IN (${page.sql}) ORDER BY ${view.orderBy}`,
    params: page.params,
  };
}

/** The rowids of one block, in order (the inner query of `blockSql`; the outer one sorts ≤ limit rows). */
export function pageSql(view: CompiledView, offset: number, limit: number, options: WhereOptions = {}): BuiltSql {
  const where = whereOf(view, options);
  const total = options.rowCount;
  const order = (keys: string) => (options.plan === 'match' ? unindexedOrder(keys) : keys);
  if (total !== undefined && offset > total / 2) {
    const end = Math.min(offset + limit, total);
    const rows = Math.max(0, end - offset);
    return { sql: `SELECT ${m.rowid} FROM ${view.table}${where.sql} ORDER BY ${order(view.reverseOrderBy)} LIMIT ? OFFSET ?`, params: [...where.params, rows, total - end] };
  }
  return { sql: `SELECT ${m.rowid} FROM ${view.table}${where.sql} ORDER BY ${order(view.orderBy)} LIMIT ? OFFSET ?`, params: [...where.params, limit, offset] };
}

/** Sort keys on `+column`: the same order, which no index may provide (keys are catalogue identifiers, never holding ", "). */
function unindexedOrder(orderBy: string): string {
  return orderBy
    .split(', ')
    .map((key) => `+${key}`)
    .join(', ');
}

/** Every matching row in order, visible columns only (exports iterate it). */
export function allRowsSql(view: CompiledView): BuiltSql {
  const where = whereOf(view);
  const columns = view.columns.map((c) => quoteIdent(c.name)).join(', ');
  return { sql: `SELECT ${columns} FROM ${view.table}${where.sql} ORDER BY ${view.orderBy}`, params: where.params };
}

export function countSql(view: CompiledView): BuiltSql {
  if (view.quickMatch !== null && view.columnFilters.size === 0 && view.otherFilters.length === 0) {
    // The full-text table holds exactly one entry per record (triggers, refreshFullText), so a
    // quick filter alone is counted there, without reading one table row per match.
    const fts = quoteIdent(fullTextTable(view.dataset));
    return { sql: `SELECT count(*) AS n FROM ${fts} WHERE ${fts} MATCH ?`, params: [view.quickMatch] };
  }
  const where = whereOf(view);
  return { sql: `SELECT count(*) AS n FROM ${view.table}${where.sql}`, params: where.params };
}
