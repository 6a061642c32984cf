import { formatInstant } from '../theme/format-instant';
import { formatNumber } from './format';
import type { RowCounts } from './grid-datasource';

export interface GridStatusBarProps {
  counts: RowCounts | null;
  lastSyncedAt: string | null;
}

function describeSync(lastSyncedAt: string | null): string {
  return lastSyncedAt ? `Last synced ${formatInstant(lastSyncedAt)}` : 'Not synced yet';
}

/** Row counts and data freshness under the grid; a live region so screen readers hear changes. */
export function GridStatusBar({ counts, lastSyncedAt }: GridStatusBarProps) {
  let rows = 'Counting rows…';
  if (counts) {
    const n = formatNumber(counts.rowCount);
    rows = counts.rowCount === counts.totalCount ? `${n} ${counts.rowCount === 1 ? 'row' : 'rows'}` : `${n} of ${formatNumber(counts.totalCount)} rows`;
  }
  return (
    <div className="grid-status" role="status" aria-live="polite">
      <span className="grid-status__rows" data-testid="row-count">
        {rows}
      </span>
      <span className="grid-status__sync">{describeSync(lastSyncedAt)}</span>
    </div>
  );
}
