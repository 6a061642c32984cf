import { CellStyleModule, ColumnApiModule, InfiniteRowModelModule, ModuleRegistry, TooltipModule, type GridApi, type GridReadyEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { RecordDataset, RecordDatasetId } from '../../../shared/catalogue';
import { buildColumnDefs } from './column-defs';
import { createGridDatasource, type GridRowData, type RowCounts } from './grid-datasource';
import './grid-modules';
import { gridTheme } from './grid-theme';

// AG Grid 33+ renders nothing without its modules; these are the Community ones the grid uses.
ModuleRegistry.registerModules([InfiniteRowModelModule, ColumnApiModule, CellStyleModule, TooltipModule]);

export interface DataGridProps {
  dataset: RecordDataset;
  /** Changing it re-reads every loaded block (after a sync wrote this data set). */
  reloadToken: number;
  onCounts: (counts: RowCounts) => void;
  onError: (error: unknown) => void;
}

/** The rows of one data set, read block by block from SQLite through `grid.query`. */
export function DataGrid({ dataset, reloadToken, onCounts, onError }: DataGridProps) {
  const apiRef = useRef<GridApi<GridRowData> | null>(null);
  const columnDefs = useMemo(() => buildColumnDefs(dataset), [dataset]);
  // Callbacks through refs: the datasource is created once per grid, the page's handlers change.
  const handlers = useRef({ onCounts, onError });
  handlers.current = { onCounts, onError };

  const datasource = useMemo(
    () =>
      createGridDatasource({
        dataset: dataset.id as RecordDatasetId,
        columns: () => apiRef.current?.getAllDisplayedColumns().map((c) => c.getColId()) ?? [...dataset.defaultVisible],
        onCounts: (counts) => handlers.current.onCounts(counts),
        onError: (error) => handlers.current.onError(error),
      }),
    [dataset],
  );

  const onGridReady = useCallback((event: GridReadyEvent<GridRowData>) => {
    apiRef.current = event.api;
  }, []);

  useEffect(() => {
    if (reloadToken > 0) apiRef.current?.refreshInfiniteCache();
  }, [reloadToken]);

  return (
    <div className="data-grid" role="region" aria-label={`${dataset.title} rows`}>
      <AgGridReact<GridRowData>
        theme={gridTheme}
        loadThemeGoogleFonts={false}
        columnDefs={columnDefs}
        defaultColDef={{ resizable: true, suppressHeaderMenuButton: true }}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={200}
        maxBlocksInCache={50}
        getRowId={(p) => String(p.data._key)}
        onGridReady={onGridReady}
        rowHeight={32}
        headerHeight={36}
        tooltipShowDelay={500}
      />
    </div>
  );
}
