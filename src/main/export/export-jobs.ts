import { randomUUID } from 'node:crypto';
import type { RecordDatasetId } from '../../shared/catalogue';
import type { ExportFormat, ExportStarted, ViewState } from '../../shared/contract-grid';
import type { EventName, EventPayload } from '../../shared/contract';
import { AppFailure, toAppError } from '../../shared/result';
import { openDatabase, type Db } from '../store';
import { checkExportTarget, exportView, planExport } from './export-view';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface ExportJobsOptions {
  /** The open space's connection; exports read through their own reader on the same file. */
  db: () => Db;
  now: () => Date;
  emit?: Emit | undefined;
}

/**
 * Exports started from the app: each runs in the background on its own read connection,
 * reports `export.progress` events and can be cancelled by id.
 */
export function createExportJobs(options: ExportJobsOptions) {
  const running = new Map<string, AbortController>();

  function start(request: { dataset: RecordDatasetId; view: ViewState; format: ExportFormat; path: string }): ExportStarted {
    checkExportTarget(request.path);
    const writer = options.db();
    const now = options.now();
    const { total } = planExport(writer, request.dataset, request.view, now); // validation errors answer the call
    const exportId = randomUUID();
    const controller = new AbortController();
    running.set(exportId, controller);
    const emit = (phase: 'running' | 'done' | 'failed' | 'cancelled', done: number, error: string | null) =>
      options.emit?.('export.progress', { exportId, phase, done, total, path: request.path, error });
    const reader = openDatabase(writer.name, { readonly: true, role: 'reader' });
    let done = 0;
    void exportView({
      db: reader,
      ...request,
      now,
      signal: controller.signal,
      onProgress: (p) => {
        done = p.done;
        emit('running', p.done, null);
      },
    })
      .then((r) => emit('done', r.rows, null))
      .catch((e: unknown) => {
        const error = toAppError(e);
        if (error.code === 'cancelled') emit('cancelled', done, null);
        else emit('failed', done, error.message);
      })
      .finally(() => {
        running.delete(exportId);
        reader.close();
      });
    return { exportId, rowCount: total };
  }

  function cancel(exportId: string): { cancelled: boolean } {
    const controller = running.get(exportId);
    if (!controller) return { cancelled: false };
    controller.abort();
    return { cancelled: true };
  }

  /** Resolves once no export runs (shutdown, tests). */
  async function idle(): Promise<void> {
    for (let i = 0; i < 6000 && running.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
    if (running.size > 0) throw new AppFailure('busy', 'Exports are still running.');
  }

  return { start, cancel, idle, get runningCount() { return running.size; } };
}
export type ExportJobs = ReturnType<typeof createExportJobs>;
