import { columnOf, recordDataset, type RecordDataset, type RecordDatasetId } from '../../shared/catalogue';
import type { GridRow, GridRowsResponse } from '../../shared/contract';
import { AppFailure } from '../../shared/result';
import { quoteIdent, recordMetaColumns, type Db } from '../store';

export interface GridRowsQuery {
  dataset: RecordDatasetId;
  startRow: number;
  endRow: number;
  sortModel: readonly { colId: string; sort: 'asc' | 'desc' }[];
  columns?: readonly string[] | undefined;
}

function whitelisted(dataset: RecordDataset, name: string): string {
  if (!columnOf(dataset, name)) {
    throw new AppFailure('validation', `Unknown column "${name.slice(0, 64)}" for ${dataset.title}.`);
  }
  return quoteIdent(name);
}

/**
 * One block of rows for the grid's infinite row model. Identifiers come only from the catalogue
 * whitelist; values are bound. Ties are broken by rowid so paging is stable.
 */
export function queryGridRows(db: Db, query: GridRowsQuery): GridRowsResponse {
  const dataset = recordDataset(query.dataset);
  const table = quoteIdent(dataset.table);
  const names = query.columns && query.columns.length > 0 ? query.columns : dataset.columns.map((c) => c.name);
  const select = [recordMetaColumns.key, ...names.map((n) => whitelisted(dataset, n))].join(', ');
  const sort = query.sortModel.length > 0 ? query.sortModel : dataset.defaultSort.map((s) => ({ colId: s.column, sort: s.direction }));
  const orderBy = [...sort.map((s) => `${whitelisted(dataset, s.colId)} ${s.sort === 'desc' ? 'DESC' : 'ASC'}`), `${recordMetaColumns.rowid} ASC`].join(', ');
  const rows = db
    .prepare(`SELECT ${select} FROM ${table} ORDER BY ${orderBy} LIMIT ? OFFSET ?`)
    .all(query.endRow - query.startRow, query.startRow) as GridRow[];
  const count = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { rows, rowCount: count, totalCount: count };
}
