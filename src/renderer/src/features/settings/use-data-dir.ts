import { useCallback, useEffect, useState } from 'react';
import type { DataDirInfo } from '../../../../shared/contract-maintenance';
import { callApi, describeError } from '../../api';

export interface DataDirState {
  info: DataDirInfo | null;
  error: string | null;
  /** Reads the facts again (the size grows after a sync or a backup's journal). */
  reload(): void;
}

/** Where the data directory is, its size and whether the app may move it (`app.dataDir`). */
export function useDataDir(): DataDirState {
  const [info, setInfo] = useState<DataDirInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    callApi('app.dataDir', {}).then(
      (value) => {
        if (!live) return;
        setInfo(value);
        setError(null);
      },
      (e: unknown) => live && setError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { info, error, reload };
}
