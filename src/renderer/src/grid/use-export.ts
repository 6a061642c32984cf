import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecordDataset, RecordDatasetId } from '../../../shared/catalogue';
import type { ExportFormat, ViewState } from '../../../shared/contract-grid';
import { callApi, describeError, onApiEvent } from '../api';

export type ExportStatus =
  | { phase: 'idle' }
  | { phase: 'choosing' }
  | { phase: 'running'; exportId: string; done: number; total: number; path: string }
  | { phase: 'done'; rows: number; path: string }
  | { phase: 'cancelled' }
  | { phase: 'failed'; message: string };

function fileName(dataset: RecordDataset, format: ExportFormat): string {
  return `${dataset.id}-${new Date().toISOString().slice(0, 10)}.${format}`;
}

/**
 * Export exactly the current view: main asks where (save dialog), the data service writes the
 * file and reports `export.progress`; cancel stops it and leaves no file.
 */
export function useExport(dataset: RecordDataset) {
  const [status, setStatus] = useState<ExportStatus>({ phase: 'idle' });
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      onApiEvent('export.progress', (p) => {
        if (p.exportId !== current.current) return;
        if (p.phase === 'running') setStatus({ phase: 'running', exportId: p.exportId, done: p.done, total: p.total, path: p.path });
        if (p.phase === 'done') setStatus({ phase: 'done', rows: p.done, path: p.path });
        if (p.phase === 'cancelled') setStatus({ phase: 'cancelled' });
        if (p.phase === 'failed') setStatus({ phase: 'failed', message: p.error ?? 'The export failed.' });
        if (p.phase !== 'running') current.current = null;
      }),
    [],
  );

  const start = useCallback(
    async (format: ExportFormat, view: ViewState) => {
      try {
        setStatus({ phase: 'choosing' });
        const { path } = await callApi('dialog.saveExportFile', { defaultName: fileName(dataset, format), format });
        if (!path) {
          setStatus({ phase: 'idle' });
          return;
        }
        const started = await callApi('export.start', { dataset: dataset.id as RecordDatasetId, view, format, path });
        current.current = started.exportId;
        // Progress events may already have said more; only move forward from "choosing".
        setStatus((s) => (s.phase === 'choosing' ? { phase: 'running', exportId: started.exportId, done: 0, total: started.rowCount, path } : s));
      } catch (e) {
        setStatus({ phase: 'failed', message: describeError(e) });
      }
    },
    [dataset],
  );

  const cancel = useCallback(async () => {
    const id = current.current;
    if (!id) return;
    try {
      await callApi('export.cancel', { exportId: id });
    } catch (e) {
      setStatus({ phase: 'failed', message: describeError(e) });
    }
  }, []);

  return { status, start, cancel, dismiss: () => setStatus({ phase: 'idle' }) };
}
