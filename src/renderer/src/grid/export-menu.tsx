import type { RecordDataset } from '../../../shared/catalogue';
import type { ExportFormat, ViewState } from '../../../shared/contract-grid';
import { formatNumber } from './format';
import { Popover } from './popover';
import { useExport, type ExportStatus } from './use-export';

export interface ExportMenuProps {
  dataset: RecordDataset;
  rowCount: number | null;
  currentView: () => ViewState | null;
}

const formats: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'Excel (XLSX)' },
  { format: 'json', label: 'JSON' },
];

function ExportProgress({ status, onCancel, onDismiss }: { status: ExportStatus; onCancel: () => void; onDismiss: () => void }) {
  if (status.phase === 'idle' || status.phase === 'choosing') return null;
  if (status.phase === 'running') {
    const percent = status.total > 0 ? Math.round((status.done / status.total) * 100) : 0;
    return (
      <div className="export-status" role="status" data-testid="export-status">
        <span>
          Exporting {formatNumber(status.done)} of {formatNumber(status.total)} rows
        </span>
        <progress max={100} value={percent} aria-label="Export progress" />
        <button type="button" className="button button--small" onClick={onCancel}>
          Cancel export
        </button>
      </div>
    );
  }
  const message =
    status.phase === 'done'
      ? `Exported ${formatNumber(status.rows)} rows to ${status.path}`
      : status.phase === 'cancelled'
        ? 'Export cancelled; no file was written.'
        : `Export failed: ${status.message}`;
  return (
    <div className={`export-status export-status--${status.phase}`} role={status.phase === 'failed' ? 'alert' : 'status'} data-testid="export-status">
      <span>{message}</span>
      <button type="button" className="button button--small button--ghost" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** Export exactly the rows, columns and order the grid shows, as CSV, XLSX or JSON. */
export function ExportMenu({ dataset, rowCount, currentView }: ExportMenuProps) {
  const { status, start, cancel, dismiss } = useExport(dataset);
  const busy = status.phase === 'running' || status.phase === 'choosing';
  return (
    <>
      <Popover label="Export" testId="export-menu" align="end">
        {(close) => (
        <div className="export-menu">
          <p className="export-menu__note">{rowCount === null ? 'The rows of the current view' : `${formatNumber(rowCount)} rows of the current view`}, with its columns in their order.</p>
          {formats.map((f) => (
            <button
              key={f.format}
              type="button"
              className="button button--small"
              disabled={busy || rowCount === 0}
              onClick={() => {
                const view = currentView();
                close();
                if (view) void start(f.format, view);
              }}
            >
              {f.label}
            </button>
          ))}
        </div>
        )}
      </Popover>
      <ExportProgress status={status} onCancel={() => void cancel()} onDismiss={dismiss} />
    </>
  );
}
