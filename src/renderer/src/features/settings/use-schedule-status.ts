import { useCallback, useEffect, useState } from 'react';
import type { ScheduleStatus } from '../../../../shared/contract-app';
import { callApi, describeError, onApiEvent } from '../../api';

export interface ScheduleStatusState {
  status: ScheduleStatus | null;
  error: string | null;
  /** Reads it again (after a saved schedule re-arms the timer). */
  reload(): void;
}

/** The active account's schedule as the data service runs it: next run, last sync; live after each sync. */
export function useScheduleStatus(): ScheduleStatusState {
  const [status, setStatus] = useState<ScheduleStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let live = true;
    callApi('schedule.status', {}).then(
      (s) => {
        if (!live) return;
        setStatus(s);
        setError(null);
      },
      (e: unknown) => live && setError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [generation]);

  useEffect(() => onApiEvent('sync.finished', reload), [reload]);
  useEffect(() => onApiEvent('app.connectivity', reload), [reload]);
  return { status, error, reload };
}
