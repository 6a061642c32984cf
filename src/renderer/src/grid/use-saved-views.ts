import { useCallback, useEffect, useState } from 'react';
import type { RecordDatasetId } from '../../../shared/catalogue';
import type { SavedView, ViewState } from '../../../shared/contract-grid';
import { callApi, describeError } from '../api';

export interface SavedViewsState {
  views: SavedView[] | null;
  error: string | null;
  save: (name: string, state: ViewState) => Promise<SavedView | null>;
  rename: (id: number, name: string) => Promise<boolean>;
  remove: (id: number) => Promise<boolean>;
}

/** The named views of one data set, kept in the space database (`views.*`). */
export function useSavedViews(dataset: RecordDatasetId): SavedViewsState {
  const [views, setViews] = useState<SavedView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(
    () =>
      callApi('views.list', { dataset }).then(
        (list) => {
          setViews(list);
          setError(null);
        },
        (e: unknown) => setError(describeError(e)),
      ),
    [dataset],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  // Each action reports its own failure in `error` and answers whether it worked.
  const run = useCallback(
    async <T,>(action: () => Promise<T>): Promise<T | null> => {
      try {
        const result = await action();
        await reload();
        return result;
      } catch (e) {
        setError(describeError(e));
        return null;
      }
    },
    [reload],
  );

  return {
    views,
    error,
    save: (name, state) => {
      const existing = views?.find((v) => v.name.toLowerCase() === name.trim().toLowerCase());
      return run(() => callApi('views.save', { dataset, name, state, overwrite: existing !== undefined }));
    },
    rename: async (id, name) => (await run(() => callApi('views.rename', { id, name }))) !== null,
    remove: async (id) => (await run(() => callApi('views.delete', { id }))) !== null,
  };
}
