import type { GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import type { RecordDataset } from '../../../shared/catalogue';
import type { SavedView, ViewState } from '../../../shared/contract-grid';
import { forgetColumnLayout } from './column-memory';
import type { ChooserColumn } from './column-chooser';
import type { GridRowData } from './grid-datasource';
import { qualityColumnId } from './quality-cell';
import { applyViewState, columnStateOf, noPageFilters, pageFiltersOf, parseViewState, readViewState, type PageFilters } from './view-state';

/**
 * The view state of a grid page: the grid's own (columns, sort, filters) read from its API, and
 * the page's (quick filter, quality toggles, active saved view). `layoutVersion` changes whenever
 * the grid's part does, so controls that show it re-render.
 */
export function useGridView(dataset: RecordDataset, routeView: unknown) {
  const initial = useMemo(() => parseViewState(routeView), [routeView]);
  const [readyApi, setApi] = useState<GridApi<GridRowData> | null>(null);
  // The grid is unmounted while the page shows an error or an empty state; its API is then dead.
  const api = readyApi && !readyApi.isDestroyed() ? readyApi : null;
  const [filters, setFilters] = useState<PageFilters>(() => (initial ? pageFiltersOf(initial) : noPageFilters));
  const [activeView, setActiveView] = useState<SavedView | null>(null);
  const [layoutVersion, setLayoutVersion] = useState(0);

  const onReady = useCallback(
    (ready: GridApi<GridRowData>) => {
      if (initial) applyViewState(ready, dataset, initial);
      setApi(ready);
    },
    [dataset, initial],
  );

  const current = useCallback((): ViewState | null => (api ? readViewState(api, filters) : null), [api, filters]);

  const applyView = useCallback(
    (view: SavedView | null) => {
      if (!api) return;
      const state: ViewState = view && !view.problem ? view.state : { sortModel: [], filterModel: {}, quickFilter: '', columns: [], flags: {} };
      applyViewState(api, dataset, state);
      setFilters(pageFiltersOf(state));
      setActiveView(view);
    },
    [api, dataset],
  );

  const columns = useMemo((): ChooserColumn[] => {
    void layoutVersion;
    if (!api) return [];
    const labels = new Map(dataset.columns.map((c) => [c.name, c.label]));
    return api
      .getColumnState()
      .filter((c) => c.colId !== qualityColumnId)
      .map((c) => ({ id: c.colId, label: labels.get(c.colId) ?? c.colId, visible: !c.hide, pinned: c.pinned === 'left' }));
  }, [api, dataset, layoutVersion]);

  return {
    api,
    filters,
    setFilters,
    activeView,
    applyView,
    current,
    columns,
    onReady,
    initialColumns: initial ? columnStateOf(dataset, initial) : undefined,
    onViewChanged: useCallback(() => setLayoutVersion((v) => v + 1), []),
    setVisible: (id: string, visible: boolean) => api?.setColumnsVisible([id], visible),
    setPinned: (id: string, pinned: boolean) => api?.setColumnsPinned([id], pinned ? 'left' : null),
    resetColumns: () => {
      if (!api) return;
      forgetColumnLayout(dataset.id);
      // Back to the column definitions: the catalogue's visible columns, widths and sort.
      api.resetColumnState();
    },
    clearFilters: () => {
      api?.setFilterModel(null);
      setFilters(noPageFilters);
    },
    hasFilters: filters.quickFilter !== '' || filters.firstSeenSince !== undefined || Object.keys(filters.flags).length > 0 || Object.keys(api?.getFilterModel() ?? {}).length > 0,
  };
}
