import { Worker } from 'node:worker_threads';
import { methods, type DataMethodName, type EventName, type EventPayload, type MethodName } from '../../shared/contract';
import { AppFailure } from '../../shared/result';
import type { DataHandlers } from '../ipc/handlers';
import type { FromWorker, ToWorker, WorkerOptions } from './protocol';

export interface DataWorker {
  /** Forwarders for every `data` method of the contract: the main side's share of the handler table. */
  readonly handlers: DataHandlers;
  onEvent(listener: <E extends EventName>(event: E, payload: EventPayload<E>) => void): () => void;
  close(): Promise<void>;
}

export interface StartDataWorkerOptions extends WorkerOptions {
  /** The built worker file (out/main/data-worker.js) or, under tsx, the .ts source. */
  workerPath: string | URL;
  execArgv?: string[];
  /** Receives the worker's log lines (main writes them into its rotating log file). */
  onLog?: (line: string) => void;
}

/**
 * Heap limits of the data-service worker. V8 sizes a heap's young generation and its growth by
 * the heap's maximum: with the defaults a sync's short-lived records let the worker's heap grow
 * to ~200 MB, mostly garbage (540 MB process RSS syncing 100k licences); with these it stays
 * near 50-80 MB at no measured cost in speed, leaving room for exports and dashboards (bench/sync.ts).
 */
export const dataWorkerResourceLimits = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 } as const;

/** Starts the data service in a worker thread and resolves once its databases are open. */
export async function startDataWorker(options: StartDataWorkerOptions): Promise<DataWorker> {
  const { workerPath, execArgv, onLog, ...workerData } = options;
  const worker = new Worker(workerPath, { workerData, resourceLimits: dataWorkerResourceLimits, ...(execArgv ? { execArgv } : {}) });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Set<(event: EventName, payload: never) => void>();
  let nextId = 1;
  let exited: Error | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', function onFirst(message: FromWorker) {
      if (message.type === 'ready') resolve();
      else if (message.type === 'failed') reject(new AppFailure('internal', message.message));
      else return;
      worker.off('message', onFirst);
    });
  });

  worker.on('message', (message: FromWorker) => {
    if (message.type === 'result') {
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      if (message.result.ok) call.resolve(message.result.value);
      else call.reject(new AppFailure(message.result.error.code, message.result.error.message));
    } else if (message.type === 'event') {
      for (const listener of listeners) listener(message.event, message.payload as never);
    } else if (message.type === 'log') {
      onLog?.(message.line);
    }
  });
  worker.on('exit', (code) => {
    exited = new AppFailure('internal', `The data service stopped (exit code ${code}).`);
    for (const call of pending.values()) call.reject(exited);
    pending.clear();
  });

  await ready;

  const send = (message: ToWorker) => worker.postMessage(message);
  const call = (method: DataMethodName, request: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      if (exited) return reject(exited);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send({ type: 'call', id, method, request });
    });

  const handlers = Object.fromEntries(
    (Object.keys(methods) as MethodName[])
      .filter((m): m is DataMethodName => methods[m].owner === 'data')
      .map((m) => [m, (request: unknown) => call(m, request)]),
  ) as unknown as DataHandlers;

  return {
    handlers,
    onEvent(listener) {
      const l = listener as (event: EventName, payload: never) => void;
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async close() {
      if (exited) return;
      const closed = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      send({ type: 'close' });
      await closed;
    },
  };
}
