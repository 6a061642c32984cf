import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { RecordDatasetId } from '../../../shared/catalogue';
import type { CellValue, FilterModel } from '../../../shared/contract-grid';
import { callApi } from '../api';
import type { PageFilters } from './view-state';

/** A row as the grid holds it: `_key` (the natural key), `_flags` (quality bits), then columns. */
export type GridRowData = Record<string, CellValue>;

export interface RowCounts {
  /** Rows matching the view. */
  rowCount: number;
  /** Rows in the data set. */
  totalCount: number;
}

export interface GridDatasourceOptions {
  dataset: RecordDatasetId;
  /** The columns to fetch, read at each request: the grid's displayed columns in order. */
  columns: () => string[];
  /** The page's own filters (quick filter, quality toggles), read at each request. */
  filters: () => PageFilters;
  onCounts: (counts: RowCounts) => void;
  onError: (error: unknown) => void;
}

/**
 * AG Grid's infinite row model asks for blocks `startRow..endRow`; each becomes one `grid.query`.
 * Sorting and filtering happen in SQLite over every row, never in the browser: the grid's sort
 * and filter models go to the query service as they are (the contract follows AG Grid's shapes).
 */
export function createGridDatasource(options: GridDatasourceOptions): IDatasource {
  return {
    getRows(params: IGetRowsParams) {
      const columns = options.columns();
      const { quickFilter, flags, firstSeenSince } = options.filters();
      callApi('grid.query', {
        dataset: options.dataset,
        startRow: params.startRow,
        endRow: params.endRow,
        sortModel: params.sortModel.map((s) => ({ colId: s.colId, sort: s.sort })),
        filterModel: (params.filterModel ?? {}) as FilterModel,
        quickFilter: quickFilter.trim(),
        flags,
        ...(firstSeenSince ? { firstSeenSince } : {}),
        columns,
      }).then(
        (response) => {
          const rows = response.rows.map((row) => {
            const data: GridRowData = { _key: row[0] ?? null, _flags: row[1] ?? 0 };
            response.columns.forEach((name, i) => (data[name] = row[i + 2] ?? null));
            return data;
          });
          options.onCounts({ rowCount: response.rowCount, totalCount: response.totalCount });
          params.successCallback(rows, response.rowCount);
        },
        (error: unknown) => {
          params.failCallback();
          options.onError(error);
        },
      );
    },
  };
}
