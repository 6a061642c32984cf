import { recordDatasets, type RecordDataset } from '../../shared/catalogue';
import { quoteIdent, recordMetaColumns as m, type Db } from '../store';
import { dropFullTextTriggers, refreshFullText } from './full-text';

export interface IndexSpec {
  name: string;
  columns: string[];
  /** The first key compared case-insensitively (ASCII, SQLite's NOCASE): a lookup index, never a sort's. */
  nocase?: true;
}

/**
 * Indexes matched to the grid's common shapes (PERF-LIMITS.md: composite indexes keep
 * filter + sort blocks fast at 1M rows), each built once after a bulk load and kept lean
 * because every one costs the sync at each insert:
 * - the walk index: the default sort column, then the default-visible enum columns. A block in
 *   the default order under any mix of enum filters walks it and tests the filters inside the
 *   index, without reading a table row per entry (`chooseBlockPlan`); it also serves ranges on
 *   the sort column and sorts by it.
 * - per default-visible enum column, (enum, default sort column): "one value, newest first"
 *   blocks stop after offset + limit entries, and that column's facet counts read it alone.
 * - per default-visible date or number column, a walk index of its own: (column, rowid, default
 *   sort column, default-visible enum columns). Sorted by it, the rowid keeps ties in the grid's
 *   order without a sort, and a range on the default sort column or enum filters are tested
 *   inside the index ("this quarter, largest amounts first": 170 → ~10 ms; "Japan, by last
 *   updated" read a table row for each of ~12k entries, 28 ms at 1M licences).
 * - every other default-visible column its own index, for sorting and text filters.
 * - the filter index (see `filterIndexColumns`): counts and facets under several filters.
 * - per lookup column (catalogue `lookup`), (column NOCASE, default sort column): text filters
 *   "equals" and "starts with" are case-insensitive (filter-sql.ts), and only an index in that
 *   collation serves them ("entitlement number equals X" at 1M licences, first block + count:
 *   LIKE read every row, 1.4-6 s; now 1.9 ms p95); the sort column lets the matches be ordered
 *   without reading their rows (an e-mail prefix matching ~1,400 licences read each one's row:
 *   28 ms; now 4.3 ms p95, bench/grid.ts).
 */
export function gridIndexSpecs(dataset: RecordDataset): IndexSpec[] {
  const sortColumn = dataset.defaultSort[0]?.column;
  const typeOf = new Map(dataset.columns.map((c) => [c.name, c.type]));
  const specs: IndexSpec[] = [];
  const walk = walkIndexColumns(dataset);
  if (walk.length > 0) specs.push({ name: `${dataset.table}_grid_walk_${walk[0]!}`, columns: walk });
  for (const name of dataset.defaultVisible) {
    const type = typeOf.get(name);
    if (type === undefined || type === 'json' || name === sortColumn) continue;
    if (rangeTypes.has(type) && sortColumn) {
      specs.push({ name: `${dataset.table}_grid_walk_${name}`, columns: [name, m.rowid, sortColumn, ...defaultEnumColumns(dataset)] });
      continue;
    }
    const columns = type === 'enum' && sortColumn ? [name, sortColumn] : [name];
    specs.push({ name: `${dataset.table}_grid_${columns.join('_')}`, columns });
  }
  const filter = filterIndexColumns(dataset);
  if (filter.length > 2) specs.push({ name: `${dataset.table}_grid_filters`, columns: filter });
  for (const column of dataset.columns) {
    if (!column.lookup) continue;
    const columns = sortColumn && sortColumn !== column.name ? [column.name, sortColumn] : [column.name];
    specs.push({ name: `${dataset.table}_grid_lookup_${columns.join('_')}`, columns, nocase: true });
  }
  return specs;
}

/** The index that yields rows in `column`'s (binary) order, if any: what a walk in that order follows. */
export function sortIndexOf(dataset: RecordDataset, column: string): IndexSpec | undefined {
  return gridIndexSpecs(dataset).find((s) => !s.nocase && s.columns[0] === column);
}

const rangeTypes = new Set(['date', 'number', 'money']);

/**
 * Low-cardinality columns first, so the common facet filters form the index's prefix; the
 * filters partners combine most (status, hosting, sale type, country) before the rest, so a
 * count under them seeks instead of skipping through a column in between.
 */
const facetOrder = ['hosting', 'status', 'saleType', 'country', 'licenseType', 'appEdition', 'feedbackType', 'channel', 'tier', 'addonName', 'addonKey', 'partnerName'];

function defaultEnumColumns(dataset: RecordDataset): string[] {
  const enums = dataset.defaultVisible.filter((n) => dataset.columns.find((c) => c.name === n)?.type === 'enum');
  const rank = (n: string) => (facetOrder.includes(n) ? facetOrder.indexOf(n) : facetOrder.length);
  return [...enums].sort((a, b) => rank(a) - rank(b));
}

/**
 * The default sort column, the rowid, then the default-visible enum columns (empty without a
 * default sort). The rowid second makes the index's order the grid's total order (sort key,
 * then rowid), so a walk needs no sort at any depth: with the enum columns right after the sort
 * column, SQLite sorted every run of equal dates by rowid, and a scroll to row 400,000 of 1M
 * took 185 ms instead of 9 ms.
 */
export function walkIndexColumns(dataset: RecordDataset): string[] {
  const sortColumn = dataset.defaultSort[0]?.column;
  if (sortColumn === undefined || columnTypeOf(dataset, sortColumn) === 'json') return [];
  return [sortColumn, m.rowid, ...defaultEnumColumns(dataset).filter((n) => n !== sortColumn)];
}

function columnTypeOf(dataset: RecordDataset, name: string): string | undefined {
  return dataset.columns.find((c) => c.name === name)?.type;
}

/**
 * One covering index over the default-visible enum columns and the default sort column: counts
 * and facet counts under enum filters read it alone instead of one table row per match
 * (at 1M licences, three set filters counted through the table take seconds).
 */
export function filterIndexColumns(dataset: RecordDataset): string[] {
  const sortColumn = dataset.defaultSort[0]?.column;
  const ordered = defaultEnumColumns(dataset);
  return sortColumn && !ordered.includes(sortColumn) ? [...ordered, sortColumn] : ordered;
}

/**
 * Grid indexes present on the data set's table that the current set does not hold (an earlier
 * version's, space migration 4), and whether any grid index is present at all (none: a bulk
 * load in progress dropped them, and `finishBulkLoad` will build the current set).
 */
export function staleGridIndexes(db: Db, dataset: RecordDataset): { present: boolean; stale: string[] } {
  const prefix = `${dataset.table}_grid_`;
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND substr(name, 1, ?) = ?").all(dataset.table, prefix.length, prefix) as { name: string }[]).map((r) => r.name);
  const current = new Set(gridIndexSpecs(dataset).map((s) => s.name));
  return { present: names.length > 0, stale: names.filter((n) => !current.has(n)) };
}

export function createGridIndexes(db: Db, dataset: RecordDataset): void {
  for (const spec of gridIndexSpecs(dataset)) {
    // The rowid is the store's own column (record-tables.ts), not a catalogue identifier.
    const columns = spec.columns.map((c, i) => (c === m.rowid ? m.rowid : `${quoteIdent(c)}${spec.nocase && i === 0 ? ' COLLATE NOCASE' : ''}`));
    db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdent(spec.name)} ON ${quoteIdent(dataset.table)} (${columns.join(', ')})`);
  }
}

export function dropGridIndexes(db: Db, dataset: RecordDataset): void {
  for (const spec of gridIndexSpecs(dataset)) db.exec(`DROP INDEX IF EXISTS ${quoteIdent(spec.name)}`);
}

export function ensureGridIndexes(db: Db): void {
  for (const dataset of recordDatasets) createGridIndexes(db, dataset);
}

/**
 * For the sync's first pull of a large data set: secondary indexes and full-text triggers
 * make each insert several times dearer (PERF-LIMITS.md: 12k instead of 93k rows/s), so they
 * are dropped before and rebuilt once after (`finishBulkLoad`).
 */
export function prepareBulkLoad(db: Db, dataset: RecordDataset): void {
  dropFullTextTriggers(db, dataset);
  dropGridIndexes(db, dataset);
}

/** Rebuilds the indexes, the full-text index and its triggers, and refreshes planner statistics. */
export function finishBulkLoad(db: Db, dataset: RecordDataset): void {
  // Index builds sort the whole table: with temp_store = MEMORY that sort lives in the
  // process (hundreds of MB at a million rows); on disk it stays within the page cache.
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = FILE');
  try {
    createGridIndexes(db, dataset);
    refreshFullText(db, dataset);
  } finally {
    db.pragma(`temp_store = ${tempStore}`);
  }
  // Full statistics, not sampled: with analysis_limit = 1000 every low-cardinality prefix of a
  // 1M-row index read as ~1,001 rows per value, and the planner then drove a facet count
  // through the wrong index (2.3 s instead of 0.14 s). A full ANALYZE costs ~6 s per 1M-row
  // table, a small part of the bulk load it ends.
  db.pragma('analysis_limit = 0');
  db.exec(`ANALYZE ${quoteIdent(dataset.table)}`);
}
