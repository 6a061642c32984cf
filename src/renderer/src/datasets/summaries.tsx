import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DatasetSummary } from '../../../shared/contract';
import { callApi, describeError, onApiEvent } from '../api';

interface SummariesState {
  /** Per record data set: row count and last sync; null until the first answer. */
  byId: ReadonlyMap<string, DatasetSummary> | null;
  error: string | null;
  /** Bumped for every data set a `data.changed` event names: pages reload their rows on it. */
  versions: Readonly<Record<string, number>>;
}

const SummariesContext = createContext<SummariesState | null>(null);

/**
 * Row counts and sync state of every data set, read once and again whenever main says data
 * changed (a sync wrote pages, the account switched). The sidebar and the pages share it.
 */
export function DatasetSummariesProvider({ children }: { children: ReactNode }) {
  const [byId, setById] = useState<ReadonlyMap<string, DatasetSummary> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [versions, setVersions] = useState<Record<string, number>>({});

  useEffect(() => {
    let live = true;
    const load = () =>
      callApi('datasets.summary', {}).then(
        (list) => {
          if (!live) return;
          setById(new Map(list.map((s) => [s.id, s])));
          setError(null);
        },
        (e: unknown) => live && setError(describeError(e)),
      );
    void load();
    const unsubscribe = onApiEvent('data.changed', ({ datasets }) => {
      setVersions((v) => {
        const next = { ...v };
        for (const d of datasets) next[d] = (next[d] ?? 0) + 1;
        return next;
      });
      void load();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);

  const value = useMemo(() => ({ byId, error, versions }), [byId, error, versions]);
  return <SummariesContext.Provider value={value}>{children}</SummariesContext.Provider>;
}

export function useDatasetSummaries(): SummariesState {
  const state = useContext(SummariesContext);
  if (!state) throw new Error('useDatasetSummaries is used outside <DatasetSummariesProvider>');
  return state;
}
