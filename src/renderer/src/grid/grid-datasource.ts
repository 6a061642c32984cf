import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { RecordDatasetId } from '../../../shared/catalogue';
import type { CellValue, FilterModel, GridCountRequest, GridCounts } from '../../../shared/contract-grid';
import { callApi } from '../api';
import type { PageFilters } from './view-state';

/** A row as the grid holds it: `_key` (the natural key), `_flags` (quality bits), then columns. */
export type GridRowData = Record<string, CellValue>;

export type RowCounts = GridCounts;

export interface GridDatasourceOptions {
  dataset: RecordDatasetId;
  /** The columns to fetch, read at each request: the grid's displayed columns in order. */
  columns: () => string[];
  /** The page's own filters (quick filter, quality toggles), read at each request. */
  filters: () => PageFilters;
  /** The view's counts; null while a new view's rows are shown but not yet counted. */
  onCounts: (counts: RowCounts | null) => void;
  /** Tells the infinite model how many rows there are (`known`) or that more may follow. */
  setRowCount: (rowCount: number, known: boolean) => void;
  onError: (error: unknown) => void;
}

/**
 * AG Grid's infinite row model asks for blocks `startRow..endRow`; each becomes one `grid.block`.
 * Sorting and filtering happen in SQLite over every row, never in the browser: the grid's sort
 * and filter models go to the query service as they are (the contract follows AG Grid's shapes).
 *
 * The first block of a view comes back as soon as its rows are found, often before they are
 * counted (a quick filter over 1M rows: rows in ~30 ms, the count up to ~80 ms more): the grid
 * shows them with the end unknown (it keeps asking for blocks as the user scrolls), then
 * `grid.count` gives the count. A count answered for a view that is no longer the latest one (a
 * second word typed while counting) is dropped.
 */
export function createGridDatasource(options: GridDatasourceOptions): IDatasource {
  /** The count request (as a key) of the latest view asked for, and of the one whose counts are shown. */
  let latest = '';
  let shown: string | null = null;
  /** Bumped per count asked: only the newest one's answer is used. */
  let ticket = 0;

  const show = (key: string, counts: GridCounts) => {
    if (key !== latest) return;
    shown = key;
    options.onCounts(counts);
  };

  const count = (key: string, request: GridCountRequest) => {
    const mine = ++ticket;
    callApi('grid.count', request).then(
      (counts) => {
        if (mine !== ticket || key !== latest) return;
        options.setRowCount(counts.rowCount, true);
        show(key, counts);
      },
      (error: unknown) => mine === ticket && options.onError(error),
    );
  };

  return {
    getRows(params: IGetRowsParams) {
      const { quickFilter, flags, firstSeenSince } = options.filters();
      // The count depends on the filters alone (not on sort or columns): its request is the view's key.
      const countRequest: GridCountRequest = {
        dataset: options.dataset,
        filterModel: (params.filterModel ?? {}) as FilterModel,
        quickFilter: quickFilter.trim(),
        flags,
        ...(firstSeenSince ? { firstSeenSince } : {}),
      };
      const key = JSON.stringify(countRequest);
      latest = key;
      const sortModel = params.sortModel.map((s) => ({ colId: s.colId, sort: s.sort }));
      callApi('grid.block', { ...countRequest, startRow: params.startRow, endRow: params.endRow, sortModel, columns: options.columns() }).then(
        (response) => {
          const rows = response.rows.map((row) => {
            const data: GridRowData = { _key: row[0] ?? null, _flags: row[1] ?? 0 };
            response.columns.forEach((name, i) => (data[name] = row[i + 2] ?? null));
            return data;
          });
          // A block shorter than asked ends the rows (the service then says its count, but the
          // grid must not wait for rows past the end whatever it said).
          const short = rows.length < params.endRow - params.startRow;
          params.successCallback(rows, response.rowCount ?? (short ? params.startRow + rows.length : undefined));
          if (response.rowCount !== null) return show(key, { rowCount: response.rowCount, totalCount: response.totalCount });
          if (params.startRow !== 0 || key !== latest) return;
          // A new view: "Counting rows…", and its scrollbar ends just past this block until the
          // count comes (the previous view's would be wrong); a view re-read after a sync keeps
          // its own counts meanwhile.
          if (shown !== key) {
            shown = null;
            options.onCounts(null);
            options.setRowCount(params.endRow, false);
          }
          count(key, countRequest);
        },
        (error: unknown) => {
          params.failCallback();
          options.onError(error);
        },
      );
    },
  };
}
