import { useCallback, useEffect, useState } from 'react';
import { recordDataset, type RecordDatasetId } from '../../../shared/catalogue';
import { describeError } from '../api';
import { ErrorBanner } from '../components/error-banner';
import { useDatasetSummaries } from '../datasets/summaries';
import { PageHeader } from '../pages/page-header';
import { DataGrid } from './data-grid';
import { DatasetEmptyState } from './dataset-empty-state';
import type { RowCounts } from './grid-datasource';
import { GridStatusBar } from './grid-status-bar';

/**
 * One record data set as a grid. Composed of small parts so filters, facets, saved views, the
 * detail drawer and export can be added beside the grid without rewriting it.
 */
export function GridPage({ datasetId }: { datasetId: RecordDatasetId }) {
  const dataset = recordDataset(datasetId);
  const { byId, error: summaryError, versions } = useDatasetSummaries();
  const summary = byId?.get(datasetId);
  const [counts, setCounts] = useState<RowCounts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [retries, setRetries] = useState(0);

  useEffect(() => {
    setCounts(null);
    setError(null);
  }, [datasetId]);

  const onError = useCallback((e: unknown) => setError(describeError(e)), []);
  const onCounts = useCallback((c: RowCounts) => {
    setCounts(c);
    setError(null);
  }, []);

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
        <DataGrid key={datasetId} dataset={dataset} reloadToken={(versions[datasetId] ?? 0) + retries} onCounts={onCounts} onError={onError} />
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
