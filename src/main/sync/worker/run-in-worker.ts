import { Worker } from 'node:worker_threads';
import { AppFailure } from '../../../shared/result';
import { dataWorkerResourceLimits } from '../../data-service/worker-client';
import type { SyncProgress, SyncSummary } from '../engine';
import type { FromSyncWorker, SyncWorkerData, ToSyncWorker } from './protocol';

/** Where the sync worker's entry is: the built out/main/sync-worker.js, or under tsx the .ts source. */
export interface SyncWorkerSpec {
  path: string | URL;
  execArgv?: string[] | undefined;
  /** Test hook, see `SyncWorkerData.holdWrite`. */
  holdWrite?: SharedArrayBuffer | undefined;
}

export interface SyncInWorker {
  /** The run's summary; rejects when the run could not start or the worker died. */
  readonly done: Promise<SyncSummary>;
  /** Asks the run to stop (the engine's cancel: what was written stays). */
  cancel(): void;
  /** Stops the thread at once (the service is closing): SQLite rolls back an open transaction. */
  terminate(): Promise<void>;
  /** The thread's V8 heap in bytes (total size): the sync bench samples it; null once it ended or where Node lacks it. */
  heapSize(): Promise<number | null>;
}

/**
 * Runs one sync in a worker thread of its own. The heap limits are the data worker's: measured
 * there to keep a sync's process near 50–80 MB of heap at no cost in speed (worker-client.ts).
 */
export function runSyncInWorker(spec: SyncWorkerSpec, data: Omit<SyncWorkerData, 'holdWrite'>, onProgress: (p: SyncProgress) => void): SyncInWorker {
  const workerData: SyncWorkerData = { ...data, holdWrite: spec.holdWrite };
  const worker = new Worker(spec.path, { workerData, resourceLimits: dataWorkerResourceLimits, ...(spec.execArgv ? { execArgv: spec.execArgv } : {}) });
  let result: { summary: SyncSummary } | { error: AppFailure } | null = null;
  let terminated = false;
  const done = new Promise<SyncSummary>((resolve, reject) => {
    worker.on('message', (message: FromSyncWorker) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'summary') result = { summary: message.summary };
      else result = { error: new AppFailure(message.error.code, message.error.message) };
    });
    // An uncaught error (out of memory under the resource limits, a crash in native code) ends
    // the thread without a summary: the run is reported as failed, and the next sync resumes
    // from the last committed page.
    worker.on('error', (e) => (result ??= { error: new AppFailure('internal', `The sync stopped unexpectedly: ${e.message}`) }));
    worker.once('exit', (code) => {
      const r: typeof result = result;
      if (r && 'summary' in r) resolve(r.summary);
      else if (terminated) reject(new AppFailure('cancelled', 'The sync was stopped.'));
      else reject(r?.error ?? new AppFailure('internal', `The sync stopped unexpectedly (exit code ${code}).`));
    });
  });
  return {
    done,
    cancel: () => worker.postMessage({ type: 'cancel' } satisfies ToSyncWorker),
    terminate: async () => {
      terminated = true;
      await worker.terminate();
    },
    heapSize: async () => {
      // Node 24 (the toolchain's); absent in older Node. Rejects once the thread has ended.
      if (typeof worker.getHeapStatistics !== 'function') return null;
      return worker.getHeapStatistics().then((h) => h.total_heap_size, () => null);
    },
  };
}
