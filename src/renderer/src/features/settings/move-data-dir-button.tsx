import { useEffect, useState } from 'react';
import type { MoveDataDirResult } from '../../../../shared/contract-maintenance';
import { callApi, describeError, onApiEvent } from '../../api';
import { formatBytes } from './format-bytes';

type MoveState = { kind: 'idle' } | { kind: 'running'; bytesDone: number; bytesTotal: number } | { kind: 'done'; result: MoveDataDirResult } | { kind: 'error'; message: string };

/**
 * Move…: main asks for an empty folder, stops syncing, copies and verifies every file, reopens
 * there and only then removes the old files; any failure leaves the old folder in use. Only a
 * location the app chose can move (a --data-dir or MPDESK_DATA_DIR one is the user's to change).
 */
export function MoveDataDirButton({ movable, onDone }: { movable: boolean; onDone(): void }) {
  const [state, setState] = useState<MoveState>({ kind: 'idle' });
  const running = state.kind === 'running';

  useEffect(() => {
    if (!running) return;
    return onApiEvent('move.progress', ({ bytesDone, bytesTotal }) => setState({ kind: 'running', bytesDone, bytesTotal }));
  }, [running]);

  const start = async () => {
    setState({ kind: 'running', bytesDone: 0, bytesTotal: 0 });
    try {
      const result = await callApi('maintenance.moveDataDir', {});
      setState(result ? { kind: 'done', result } : { kind: 'idle' });
      if (result) onDone();
    } catch (e) {
      setState({ kind: 'error', message: describeError(e) });
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={() => void start()} disabled={running || !movable} aria-describedby={movable ? undefined : 'data-dir-fixed'}>
        {running ? 'Moving…' : 'Move…'}
      </button>
      {running && (
        <button type="button" className="button" onClick={() => void callApi('maintenance.cancelMove', {}).catch(() => {})}>
          Cancel move
        </button>
      )}
      {!movable && (
        <p id="data-dir-fixed" className="settings-section__description">
          Set when the app was started, so it moves only by changing that setting.
        </p>
      )}
      <MoveStatus state={state} />
    </>
  );
}

function MoveStatus({ state }: { state: MoveState }) {
  if (state.kind === 'idle') return null;
  if (state.kind === 'running') {
    const { bytesDone, bytesTotal } = state;
    return (
      <div className="settings-status" role="status">
        <p>Moving the data directory: syncing pauses until every file is copied and checked…</p>
        {bytesTotal > 0 && (
          <>
            <progress aria-label="Data copied" max={bytesTotal} value={Math.min(bytesDone, bytesTotal)} />
            <span data-testid="move-progress">
              {' '}
              {formatBytes(bytesDone)} of {formatBytes(bytesTotal)}
            </span>
          </>
        )}
      </div>
    );
  }
  if (state.kind === 'error') {
    return (
      <p className="settings-status settings-status--error" role="alert">
        Not moved — the data stays where it was: {state.message}
      </p>
    );
  }
  const { result } = state;
  return (
    <p className="settings-status" role="status" data-testid="move-done">
      Moved {result.files} files ({formatBytes(result.bytes)}) to {result.to}.
      {result.leftBehind.length > 0 && ` ${result.leftBehind.length} old files could not be removed from ${result.from}; a MOVED-TO.txt note there says where the data went.`}
    </p>
  );
}
