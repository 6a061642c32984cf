import { recordDatasets, type RecordDataset } from '../../shared/catalogue';
import { quoteIdent, type Db } from '../store';
import { dropFullTextTriggers, refreshFullText } from './full-text';

export interface IndexSpec {
  name: string;
  columns: string[];
}

/**
 * Indexes matched to the grid's common shapes (PERF-LIMITS.md: composite indexes keep
 * filter + sort blocks fast at 1M rows): for each enum column shown by default, (enum, default
 * sort column) serves "filter by value, sorted by date" blocks and that column's facet counts;
 * every other default-visible column gets its own index for sorting and range filters.
 */
export function gridIndexSpecs(dataset: RecordDataset): IndexSpec[] {
  const sortColumn = dataset.defaultSort[0]?.column;
  const typeOf = new Map(dataset.columns.map((c) => [c.name, c.type]));
  const specs: IndexSpec[] = [];
  const names = [...new Set([...(sortColumn ? [sortColumn] : []), ...dataset.defaultVisible])];
  for (const name of names) {
    const type = typeOf.get(name);
    if (type === undefined || type === 'json') continue;
    const columns = type === 'enum' && sortColumn && name !== sortColumn ? [name, sortColumn] : [name];
    specs.push({ name: `${dataset.table}_grid_${columns.join('_')}`, columns });
  }
  const filter = filterIndexColumns(dataset);
  if (filter.length > 2) specs.push({ name: `${dataset.table}_grid_filter`, columns: filter });
  return specs;
}

/** Low-cardinality columns first, so the common facet filters form the index's prefix. */
const facetOrder = ['hosting', 'status', 'licenseType', 'saleType', 'appEdition', 'feedbackType', 'channel', 'tier', 'addonName', 'addonKey', 'country', 'partnerName'];

/**
 * One covering index over the default-visible enum columns and the default sort column: counts
 * and facet counts under enum filters read it alone instead of one table row per match
 * (at 1M licences, three set filters counted through the table take seconds).
 */
export function filterIndexColumns(dataset: RecordDataset): string[] {
  const sortColumn = dataset.defaultSort[0]?.column;
  const enums = dataset.defaultVisible.filter((n) => dataset.columns.find((c) => c.name === n)?.type === 'enum');
  const rank = (n: string) => (facetOrder.includes(n) ? facetOrder.indexOf(n) : facetOrder.length);
  const ordered = [...enums].sort((a, b) => rank(a) - rank(b));
  return sortColumn && !ordered.includes(sortColumn) ? [...ordered, sortColumn] : ordered;
}

export function createGridIndexes(db: Db, dataset: RecordDataset): void {
  for (const spec of gridIndexSpecs(dataset)) {
    db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdent(spec.name)} ON ${quoteIdent(dataset.table)} (${spec.columns.map(quoteIdent).join(', ')})`);
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
  createGridIndexes(db, dataset);
  refreshFullText(db, dataset);
  // Full statistics, not sampled: with analysis_limit = 1000 every low-cardinality prefix of a
  // 1M-row index read as ~1,001 rows per value, and the planner then drove a facet count
  // through the wrong index (2.3 s instead of 0.14 s). A full ANALYZE costs ~6 s per 1M-row
  // table, a small part of the bulk load it ends.
  db.pragma('analysis_limit = 0');
  db.exec(`ANALYZE ${quoteIdent(dataset.table)}`);
}
