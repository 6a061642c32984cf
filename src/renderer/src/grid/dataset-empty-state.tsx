import type { RecordDataset } from '../../../shared/catalogue';
import type { DatasetSummary } from '../../../shared/contract';
import { EmptyState } from '../components/empty-state';
import { syncShortcut } from '../pages/sync-hint';
import { formatInstant } from '../theme/format-instant';

/** What a data set without rows means: never synced, or synced and truly empty. */
export function DatasetEmptyState({ dataset, summary }: { dataset: RecordDataset; summary: DatasetSummary | undefined }) {
  const lower = dataset.title.toLowerCase();
  if (summary?.lastSuccessAt) {
    return (
      <EmptyState title={`No ${lower} in this developer space`}>
        <p>The last sync, {formatInstant(summary.lastSuccessAt)}, found none.</p>
        <p>New records appear here after the next sync (<strong>Sync now</strong> at the top, or {syncShortcut()}).</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="Not synced yet" tone="pending">
      <p>This data set has not been downloaded to this computer yet.</p>
      <p>
        Choose <strong>Sync now</strong> at the top of the window ({syncShortcut()}) to download it from the Marketplace reporting API. The rows are
        kept on this computer, so you can browse, sort and export them offline afterwards.
      </p>
    </EmptyState>
  );
}
