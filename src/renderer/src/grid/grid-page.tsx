import { useCallback, useEffect, useRef, useState } from 'react';
import { recordDataset, searchableColumns, type RecordDatasetId } from '../../../shared/catalogue';
import { describeError, onApiEvent } from '../api';
import { ErrorBanner } from '../components/error-banner';
import { useDatasetSummaries } from '../datasets/summaries';
import { PageHeader } from '../pages/page-header';
import { ColumnChooser } from './column-chooser';
import { DataGrid } from './data-grid';
import { DatasetEmptyState } from './dataset-empty-state';
import { DetailDrawer } from './detail-drawer';
import { ExportMenu } from './export-menu';
import type { RowCounts } from './grid-datasource';
import { GridStatusBar } from './grid-status-bar';
import { GridToolbar } from './grid-toolbar';
import { NewSinceChip } from './new-since-chip';
import './grid.css';
import { QualityFilter } from './quality-filter';
import { QuickFilter } from './quick-filter';
import { SavedViewsMenu } from './saved-views-menu';
import { useGridView } from './use-grid-view';

export interface GridPageProps {
  datasetId: RecordDatasetId;
  /** A view from the route (`#/grid/<id>?view=…`, e.g. a dashboard drill-down); validated here. */
  view?: unknown;
}

/**
 * One record data set as a grid with its tools: quick filter, data-quality filter, columns,
 * saved views, export, the status bar and the record detail drawer.
 */
export function GridPage({ datasetId, view: routeView }: GridPageProps) {
  const dataset = recordDataset(datasetId);
  const { byId, error: summaryError, versions } = useDatasetSummaries();
  const summary = byId?.get(datasetId);
  const grid = useGridView(dataset, routeView);
  const [counts, setCounts] = useState<RowCounts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [retries, setRetries] = useState(0);
  const [detailKey, setDetailKey] = useState<string | null>(null);
  const quickFilterRef = useRef<HTMLInputElement>(null);

  // Closing the drawer puts the keyboard back on the cell it was opened from.
  const openedFrom = useRef<{ rowIndex: number; column: string } | null>(null);
  const onError = useCallback((e: unknown) => setError(describeError(e)), []);
  const onCounts = useCallback((c: RowCounts | null) => {
    setCounts(c);
    if (c) setError(null);
  }, []);

  // Menu commands that act on the grid (src/main/menu).
  const { api } = grid;
  const openDetail = useCallback(
    (key: string) => {
      const cell = api?.getFocusedCell();
      openedFrom.current = cell ? { rowIndex: cell.rowIndex, column: cell.column.getColId() } : null;
      setDetailKey(key);
    },
    [api],
  );
  const closeDetail = useCallback(() => {
    setDetailKey(null);
    const cell = openedFrom.current;
    if (cell && api && !api.isDestroyed()) {
      api.ensureIndexVisible(cell.rowIndex);
      api.setFocusedCell(cell.rowIndex, cell.column);
    }
  }, [api]);
  useEffect(
    () =>
      onApiEvent('app.command', ({ command }) => {
        if (command === 'focus-quick-filter') quickFilterRef.current?.focus();
        // File → Export View opens the export menu, where the format is chosen.
        if (command === 'export-view') document.querySelector<HTMLButtonElement>('[data-testid="export-menu"] > button[aria-expanded="false"]')?.click();
        if (command === 'open-detail') {
          const row = api?.getFocusedCell()?.rowIndex;
          const key = row === undefined ? undefined : api?.getDisplayedRowAtIndex(row)?.data?._key;
          if (typeof key === 'string') openDetail(key);
        }
      }),
    [api, openDetail],
  );

  let body;
  if (summaryError) {
    body = <ErrorBanner title={`Could not read ${dataset.title.toLowerCase()}`} message={summaryError} />;
  } else if (!byId) {
    body = <p className="page-loading">Loading…</p>;
  } else if (!summary || summary.rowCount === 0) {
    body = <DatasetEmptyState dataset={dataset} summary={summary} />;
  } else {
    body = (
      <>
        {summary.lastError && <ErrorBanner title="The last sync of this data set failed" message={summary.lastError} />}
        {error && <ErrorBanner title="Could not load rows" message={error} onRetry={() => setRetries((n) => n + 1)} />}
        <GridToolbar>
          <QuickFilter
            ref={quickFilterRef}
            value={grid.filters.quickFilter}
            searched={searchableColumns(dataset).map((c) => c.label)}
            onChange={(quickFilter) => grid.setFilters((f) => ({ ...f, quickFilter }))}
          />
          <QualityFilter flags={grid.filters.flags} onChange={(flags) => grid.setFilters((f) => ({ ...f, flags }))} />
          {grid.filters.firstSeenSince && (
            <NewSinceChip
              since={grid.filters.firstSeenSince}
              onRemove={() => {
                grid.setFilters(({ firstSeenSince: _, ...rest }) => rest);
                // The chip's button is gone: keep the keyboard in the toolbar.
                quickFilterRef.current?.focus();
              }}
            />
          )}
          {grid.hasFilters && (
            <button type="button" className="button button--toolbar button--ghost" onClick={grid.clearFilters}>
              Clear filters
            </button>
          )}
          <span className="grid-toolbar__spacer" />
          <ColumnChooser columns={grid.columns} onVisible={grid.setVisible} onPinned={grid.setPinned} onReset={grid.resetColumns} />
          <SavedViewsMenu dataset={datasetId} activeId={grid.activeView?.id ?? null} currentView={grid.current} onApply={grid.applyView} />
          <ExportMenu dataset={dataset} rowCount={counts?.rowCount ?? null} currentView={grid.current} />
        </GridToolbar>
        <div className="grid-area">
          <DataGrid
            key={datasetId}
            dataset={dataset}
            filters={grid.filters}
            reloadToken={(versions[datasetId] ?? 0) + retries}
            initialColumns={grid.initialColumns}
            onReady={grid.onReady}
            onViewChanged={grid.onViewChanged}
            onOpenRecord={openDetail}
            onCounts={onCounts}
            onError={onError}
          />
          {detailKey && <DetailDrawer key={detailKey} dataset={datasetId} titleField={dataset.defaultVisible[0] ?? ''} recordKey={detailKey} onClose={closeDetail} />}
        </div>
        <GridStatusBar counts={counts} lastSyncedAt={summary.lastSuccessAt} />
      </>
    );
  }

  return (
    <div className="page page--grid" data-page={`grid/${datasetId}`}>
      <PageHeader title={dataset.title} description={dataset.description} />
      {body}
    </div>
  );
}
