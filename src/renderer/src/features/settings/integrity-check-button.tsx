import { useState } from 'react';
import type { IntegrityReport } from '../../../../shared/contract-maintenance';
import { callApi, describeError } from '../../api';

type CheckState = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; report: IntegrityReport } | { kind: 'error'; message: string };

/**
 * Check data…: reads every page of the open space's file on a thread of its own while the app
 * keeps working. Start-up checks a large file only in part (its schema and where syncs resume),
 * so this is where damage deep inside a record table is found on purpose.
 */
export function IntegrityCheckButton() {
  const [state, setState] = useState<CheckState>({ kind: 'idle' });
  const running = state.kind === 'running';

  const start = async () => {
    setState({ kind: 'running' });
    try {
      setState({ kind: 'done', report: await callApi('maintenance.checkIntegrity', {}) });
    } catch (e) {
      setState({ kind: 'error', message: describeError(e) });
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={() => void start()} disabled={running}>
        {running ? 'Checking…' : 'Check data'}
      </button>
      <CheckStatus state={state} />
    </>
  );
}

function CheckStatus({ state }: { state: CheckState }) {
  switch (state.kind) {
    case 'idle':
      return null;
    case 'running':
      return (
        <p className="settings-status" role="status">
          Checking every page of the data file; you can keep working…
        </p>
      );
    case 'done':
      return state.report.ok ? (
        <p className="settings-status" role="status" data-testid="integrity-ok">
          The data file is sound (checked in {state.report.seconds.toFixed(1)} s).
        </p>
      ) : (
        <p className="settings-status settings-status--error" role="alert" data-testid="integrity-damaged">
          The data file is damaged: {state.report.problems.slice(0, 3).join('; ')}. Restart Marketplace Desk to keep it aside and rebuild it from the Marketplace API, or restore a backup.
        </p>
      );
    case 'error':
      return (
        <p className="settings-status settings-status--error" role="alert">
          Check failed: {state.message}
        </p>
      );
  }
}
