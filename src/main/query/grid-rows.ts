import { recordDataset, type RecordDatasetId } from '../../shared/catalogue';
import type { GridRow, GridRowsResponse } from '../../shared/contract';
import type { Db } from '../store';
import { queryGrid } from './grid-query';

export interface GridRowsQuery {
  dataset: RecordDatasetId;
  startRow: number;
  endRow: number;
  sortModel: readonly { colId: string; sort: 'asc' | 'desc' }[];
  columns?: readonly string[] | undefined;
}

/**
 * The first grid method (`grid.rows`, rows as objects, no filters), kept for its callers; it
 * delegates to the query service. New code uses `grid.query`.
 */
export function queryGridRows(db: Db, query: GridRowsQuery, now = new Date()): GridRowsResponse {
  const result = queryGrid(
    { db, now },
    {
      dataset: query.dataset,
      startRow: query.startRow,
      endRow: query.endRow,
      sortModel: [...query.sortModel],
      filterModel: {},
      quickFilter: '',
      // Without a column list this method has always answered every catalogue column.
      columns: query.columns && query.columns.length > 0 ? [...query.columns] : recordDataset(query.dataset).columns.map((c) => c.name),
      flags: {},
    },
  );
  const rows = result.rows.map((row) => {
    const obj: GridRow = { _key: row[0] ?? null };
    result.columns.forEach((name, i) => (obj[name] = row[i + 2] ?? null));
    return obj;
  });
  return { rows, rowCount: result.rowCount, totalCount: result.totalCount };
}
