import type { ColumnState, GridApi } from 'ag-grid-community';
import type { RecordDataset } from '../../../shared/catalogue';
import { viewStateSchema, type QualityFlag, type ViewState } from '../../../shared/contract-grid';
import type { GridRowData } from './grid-datasource';
import { qualityColumnId } from './quality-cell';

/** What the page holds beside the grid's own state: the quick filter and the quality toggles. */
export interface PageFilters {
  quickFilter: string;
  flags: Partial<Record<QualityFlag, boolean>>;
  /** Only records first seen since this instant: a notification's "3 new sales" (shown as a chip). */
  firstSeenSince?: string;
}

export const noPageFilters: PageFilters = { quickFilter: '', flags: {} };

/** Parses a view from outside (a route, a saved view); anything malformed becomes null. */
export function parseViewState(value: unknown): ViewState | null {
  if (value === null || value === undefined) return null;
  const parsed = viewStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The complete view the grid shows now: what a saved view stores and an export writes. */
export function readViewState(api: GridApi<GridRowData>, filters: PageFilters): ViewState {
  const state = api.getColumnState();
  const sortModel = state
    .filter((c) => c.sort && c.colId !== qualityColumnId)
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .map((c) => ({ colId: c.colId, sort: c.sort! }));
  return {
    sortModel,
    filterModel: api.getFilterModel() as ViewState['filterModel'],
    quickFilter: filters.quickFilter.trim(),
    // The hints column is the grid's own, not a data set column.
    columns: api
      .getAllDisplayedColumns()
      .map((c) => c.getColId())
      .filter((c) => c !== qualityColumnId),
    flags: filters.flags,
    ...(filters.firstSeenSince ? { firstSeenSince: filters.firstSeenSince } : {}),
  };
}

/** The page's part of a view: what the page holds beside the grid's own state. */
export function pageFiltersOf(view: ViewState): PageFilters {
  return { quickFilter: view.quickFilter, flags: view.flags, ...(view.firstSeenSince ? { firstSeenSince: view.firstSeenSince } : {}) };
}

/**
 * Column state (order, visibility, sort) for a view: its columns in order and shown, every other
 * column hidden; its sort, or the data set's default sort when it has none.
 */
export function columnStateOf(dataset: RecordDataset, view: ViewState): ColumnState[] {
  const names = new Set(dataset.columns.map((c) => c.name));
  const shown = (view.columns.length > 0 ? view.columns : dataset.defaultVisible).filter((c) => names.has(c));
  const shownSet = new Set(shown);
  const sorts = view.sortModel.length > 0 ? view.sortModel.map((s) => ({ column: s.colId, direction: s.sort })) : dataset.defaultSort;
  const sortOf = (name: string) => {
    const i = sorts.findIndex((s) => s.column === name);
    return i < 0 ? { sort: null, sortIndex: null } : { sort: sorts[i]!.direction, sortIndex: i };
  };
  return [...shown, ...dataset.columns.map((c) => c.name).filter((n) => !shownSet.has(n))].map((colId) => ({
    colId,
    hide: !shownSet.has(colId),
    ...sortOf(colId),
  }));
}

/** Puts a whole view on the grid: columns, sort and filters (the page sets its own filters). */
export function applyViewState(api: GridApi<GridRowData>, dataset: RecordDataset, view: ViewState): void {
  api.applyColumnState({ state: columnStateOf(dataset, view), applyOrder: true });
  api.setFilterModel(Object.keys(view.filterModel).length > 0 ? view.filterModel : null);
}
