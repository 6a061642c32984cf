import { useEffect } from 'react';
import { datasets } from '../../../shared/catalogue';
import { onApiEvent } from '../api';
import { formatNumber } from '../grid/format';
import { useSync } from './use-sync';

function titleOf(id: string): string {
  if (id === 'aggregates') return 'Reports';
  if (id === 'metrics') return 'Metrics';
  return datasets.find((d) => d.id === id)?.title ?? id;
}

function describeProgress(p: ReturnType<typeof useSync>['progress']): string {
  if (!p) return 'Starting…';
  const counts = p.total ? `${formatNumber(p.done)} of ${formatNumber(p.total)}` : p.done > 0 ? formatNumber(p.done) : '';
  return [titleOf(p.dataset), counts].filter(Boolean).join(' · ');
}

/** The header's sync button: starts a sync, shows its progress, cancels it; File → Sync Now too. */
export function SyncControl({ offline = false }: { offline?: boolean }) {
  const sync = useSync();
  const { start, running } = sync;

  useEffect(
    () =>
      onApiEvent('app.command', ({ command }) => {
        if (command === 'sync-now' && !running && !offline) start();
      }),
    [start, running, offline],
  );

  const failed = sync.lastRun && !sync.running && sync.lastRun.status === 'failed' ? sync.lastRun.error : null;
  return (
    <div className="sync-control">
      {sync.running ? (
        <>
          <span className="sync-control__progress" role="status" aria-live="polite" data-testid="sync-progress">
            <span className="sync-control__spinner" aria-hidden="true" />
            Syncing {describeProgress(sync.progress)}
          </span>
          <button type="button" className="button" onClick={sync.cancel}>
            Cancel
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button button--primary"
          // Focusable while offline (aria-disabled, not disabled) so the reason can be read.
          aria-disabled={offline || undefined}
          aria-describedby={offline ? 'sync-offline-note' : undefined}
          onClick={offline ? undefined : start}
        >
          Sync now
        </button>
      )}
      {offline && !sync.running && (
        <span id="sync-offline-note" className="sync-control__offline" data-testid="sync-offline-note">
          Can’t sync while offline
        </span>
      )}
      {(sync.error ?? failed) && (
        <span className="sync-control__error" role="alert">
          {sync.error ?? `The last sync failed: ${failed}`}
        </span>
      )}
    </div>
  );
}
