import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../../shared/contract';
import type { SyncRunView } from '../../../shared/contract-sync';
import { callApi, describeError, onApiEvent } from '../api';

export interface SyncState {
  running: boolean;
  /** The latest progress report of the running sync. */
  progress: EventPayload<'sync.progress'> | null;
  lastRun: SyncRunView | null;
  /** A start or cancel that failed, for the user. */
  error: string | null;
  start(): void;
  cancel(): void;
}

// While a sync runs, its end is read from sync.status: a run can end without a final progress
// event (cancelled, failed before its first page), and data.changed names only what changed.
const statusPollMs = 1000;

/** The open space's sync: start, cancel, progress, and how the last run ended. */
export function useSync(): SyncState {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<EventPayload<'sync.progress'> | null>(null);
  const [lastRun, setLastRun] = useState<SyncRunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const live = useRef(true);

  const readStatus = useCallback(() => {
    callApi('sync.status', {}).then(
      (status) => {
        if (!live.current) return;
        setRunning(status.running);
        setLastRun(status.lastRun);
        if (!status.running) setProgress(null);
      },
      (e: unknown) => live.current && setError(describeError(e)),
    );
  }, []);

  useEffect(() => {
    live.current = true;
    readStatus();
    const offProgress = onApiEvent('sync.progress', (p) => {
      setRunning(true);
      setProgress(p);
    });
    const offChanged = onApiEvent('data.changed', () => readStatus());
    return () => {
      live.current = false;
      offProgress();
      offChanged();
    };
  }, [readStatus]);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(readStatus, statusPollMs);
    return () => clearInterval(timer);
  }, [running, readStatus]);

  const start = useCallback(() => {
    setError(null);
    callApi('sync.start', {}).then(
      () => {
        if (!live.current) return;
        setRunning(true);
        readStatus();
      },
      (e: unknown) => live.current && setError(describeError(e)),
    );
  }, [readStatus]);

  const cancel = useCallback(() => {
    callApi('sync.cancel', {}).then(readStatus, (e: unknown) => live.current && setError(describeError(e)));
  }, [readStatus]);

  return { running, progress, lastRun, error, start, cancel };
}
