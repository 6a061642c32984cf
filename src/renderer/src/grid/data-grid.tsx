import type { CellKeyDownEvent, ColumnState, GridApi, GridReadyEvent, RowClassParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { RecordDataset, RecordDatasetId } from '../../../shared/catalogue';
import { qualityFlags } from '../../../shared/contract-grid';
import { buildColumnDefs } from './column-defs';
import { loadColumnLayout, saveColumnLayout } from './column-memory';
import { copyFromGrid } from './copy-cells';
import type { GridContext } from './grid-context';
import { createGridDatasource, type GridRowData, type RowCounts } from './grid-datasource';
import './grid-modules';
import { gridTheme } from './grid-theme';
import { qualityColumnId } from './quality-cell';
import type { PageFilters } from './view-state';

export interface DataGridProps {
  dataset: RecordDataset;
  /** The page's quick filter and quality toggles; a change re-reads the rows. */
  filters: PageFilters;
  /** Changing it re-reads every loaded block (after a sync wrote this data set). */
  reloadToken: number;
  /** Column state to start from (a route's view); otherwise the layout remembered for this data set. */
  initialColumns?: ColumnState[] | undefined;
  onReady: (api: GridApi<GridRowData>) => void;
  /** Columns, sort or filters changed (the page re-reads its view). */
  onViewChanged: () => void;
  onOpenRecord: (key: string) => void;
  /** The view's counts; null while a new view's rows are being counted. */
  onCounts: (counts: RowCounts | null) => void;
  onError: (error: unknown) => void;
}

const defaultColDef = { resizable: true, suppressHeaderMenuButton: true } as const;

function rowClass(p: RowClassParams<GridRowData>): string | undefined {
  const flags = typeof p.data?._flags === 'number' ? p.data._flags : 0;
  return flags & qualityFlags.gone ? 'row--gone' : undefined;
}

/** The rows of one data set, read block by block from SQLite through `grid.block`, then counted. */
export function DataGrid(props: DataGridProps) {
  const { dataset, filters, reloadToken, initialColumns } = props;
  const apiRef = useRef<GridApi<GridRowData> | null>(null);
  const columnDefs = useMemo(() => buildColumnDefs(dataset), [dataset]);
  // Callbacks and filters through refs: the datasource is created once per grid.
  const latest = useRef({ props, filters });
  useLayoutEffect(() => {
    latest.current = { props, filters };
  });

  const context = useMemo<GridContext>(() => ({ dataset, filters: () => latest.current.filters }), [dataset]);
  const onGridReady = useCallback(
    (event: GridReadyEvent<GridRowData>) => {
      apiRef.current = event.api;
      const state = initialColumns ?? loadColumnLayout(dataset.id);
      if (state) event.api.applyColumnState({ state, applyOrder: true });
      // Set here rather than as a prop: it reads the page's latest callbacks and filters.
      event.api.setGridOption(
        'datasource',
        createGridDatasource({
          dataset: dataset.id as RecordDatasetId,
          // A destroyed grid (the page moved on) answers undefined; its block is thrown away anyway.
          columns: () => (event.api.isDestroyed() ? [] : event.api.getAllDisplayedColumns().map((c) => c.getColId()).filter((c) => c !== qualityColumnId)),
          filters: () => latest.current.filters,
          onCounts: (counts) => latest.current.props.onCounts(counts),
          setRowCount: (rowCount, known) => !event.api.isDestroyed() && event.api.setRowCount(rowCount, known),
          onError: (error) => latest.current.props.onError(error),
        }),
      );
      latest.current.props.onReady(event.api);
    },
    // The initial state is read once, when the grid is created.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [dataset.id],
  );

  const onLayoutChanged = useCallback(
    (refetch: boolean) => {
      const api = apiRef.current;
      if (!api) return;
      saveColumnLayout(dataset.id, api.getColumnState());
      // A newly shown column has no values in the loaded blocks: read them again.
      if (refetch) api.refreshInfiniteCache();
      latest.current.props.onViewChanged();
    },
    [dataset.id],
  );

  const onCellKeyDown = useCallback((event: CellKeyDownEvent<GridRowData>) => {
    const key = event.event instanceof KeyboardEvent ? event.event : null;
    if (!key) return;
    if (key.key === 'Enter' && typeof event.data?._key === 'string') latest.current.props.onOpenRecord(event.data._key);
    if ((key.ctrlKey || key.metaKey) && key.key.toLowerCase() === 'c') {
      key.preventDefault();
      try {
        copyFromGrid(event, key.shiftKey ? 'row' : 'cell');
      } catch (e) {
        latest.current.props.onError(e);
      }
    }
  }, []);

  useEffect(() => {
    if (reloadToken > 0) apiRef.current?.refreshInfiniteCache();
  }, [reloadToken]);

  // New page filters: start again from the top (the row count changes too).
  const firstFilters = useRef(true);
  useEffect(() => {
    if (firstFilters.current) {
      firstFilters.current = false;
      return;
    }
    apiRef.current?.purgeInfiniteCache();
    apiRef.current?.ensureIndexVisible(0, 'top');
  }, [filters]);

  return (
    <div className="data-grid" role="region" aria-label={`${dataset.title} rows`}>
      <AgGridReact<GridRowData>
        theme={gridTheme}
        loadThemeGoogleFonts={false}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        context={context}
        rowModelType="infinite"
        cacheBlockSize={200}
        maxBlocksInCache={50}
        getRowId={(p) => String(p.data._key)}
        getRowClass={rowClass}
        onGridReady={onGridReady}
        onColumnMoved={(e) => e.finished && onLayoutChanged(false)}
        onColumnResized={(e) => e.finished && e.source !== 'api' && onLayoutChanged(false)}
        onColumnPinned={() => onLayoutChanged(false)}
        onColumnVisible={() => onLayoutChanged(true)}
        onSortChanged={() => onLayoutChanged(false)}
        onFilterChanged={() => latest.current.props.onViewChanged()}
        onRowDoubleClicked={(e) => typeof e.data?._key === 'string' && props.onOpenRecord(e.data._key)}
        onCellKeyDown={onCellKeyDown}
        // Arrows move between cells, Tab leaves the grid (the WAI-ARIA grid pattern): Tab through
        // every cell of thousands of rows would trap a keyboard user.
        tabToNextCell={() => false}
        rowHeight={32}
        headerHeight={36}
        tooltipShowDelay={500}
      />
    </div>
  );
}
