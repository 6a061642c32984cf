import { useCallback, useEffect, useRef, useState } from 'react';
import type { BackupResult } from '../../../../shared/contract-maintenance';
import { callApi, describeError, onApiEvent } from '../../api';
import { onBackupRequest } from './backup-request';
import { formatBytes } from './format-bytes';

type BackupState =
  | { kind: 'idle' }
  | { kind: 'running'; percent: number | null }
  | { kind: 'done'; result: BackupResult }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

/**
 * Back up now…: main asks where in a save dialog and copies the open space with SQLite's online
 * backup, so syncing and browsing go on meanwhile; progress arrives as `backup.progress`. The
 * menu's Back Up Database… starts the same flow (backup-request.ts).
 */
export function BackupButton({ onDone }: { onDone(): void }) {
  const [state, setState] = useState<BackupState>({ kind: 'idle' });
  const running = state.kind === 'running';

  useEffect(() => {
    if (!running) return;
    return onApiEvent('backup.progress', ({ totalPages, remainingPages }) => {
      const percent = totalPages > 0 ? Math.round(((totalPages - remainingPages) / totalPages) * 100) : null;
      setState({ kind: 'running', percent });
    });
  }, [running]);

  // A menu request while a backup runs is not a second backup (main would refuse it as busy).
  const inFlight = useRef(false);
  const start = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setState({ kind: 'running', percent: null });
    try {
      const result = await callApi('maintenance.backup', {});
      setState(result ? { kind: 'done', result } : { kind: 'cancelled' });
      if (result) onDone();
    } catch (e) {
      setState({ kind: 'error', message: describeError(e) });
    } finally {
      inFlight.current = false;
    }
  }, [onDone]);
  useEffect(() => onBackupRequest(() => void start()), [start]);

  return (
    <>
      <button type="button" className="button" onClick={() => void start()} disabled={running}>
        {running ? 'Backing up…' : 'Back up now…'}
      </button>
      <BackupStatus state={state} />
    </>
  );
}

function BackupStatus({ state }: { state: BackupState }) {
  switch (state.kind) {
    case 'idle':
    case 'cancelled':
      return null;
    case 'running':
      return (
        <p className="settings-status" role="status">
          Backing up{state.percent === null ? '…' : ` — ${state.percent}%`}
        </p>
      );
    case 'done':
      return (
        <p className="settings-status" role="status" data-testid="backup-done">
          Backed up to {state.result.path} ({formatBytes(state.result.bytes)} in {state.result.seconds.toFixed(1)} s).
        </p>
      );
    case 'error':
      return (
        <p className="settings-status settings-status--error" role="alert">
          Backup failed: {state.message}
        </p>
      );
  }
}
