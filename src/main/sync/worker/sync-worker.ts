// Entry of a sync worker thread (built as out/main/sync-worker.js): one sync of one space file,
// on a writer connection of its own, so the data service's thread stays free to answer queries
// while this one holds write transactions (page writes, index and FTS rebuilds, metrics).
import { parentPort, workerData } from 'node:worker_threads';
import { toAppError } from '../../../shared/result';
import { openSpaceDatabase } from '../../space-database';
import { ensureGridSchemaOnce } from '../../query/ensure-once';
import { runSync } from '../engine';
import { throttleProgress } from '../throttle-progress';
import type { FromSyncWorker, SyncWorkerData, ToSyncWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('sync-worker must run in a worker thread');
const post = (message: FromSyncWorker) => port.postMessage(message);
const data = workerData as SyncWorkerData;
const controller = new AbortController();
port.on('message', (message: ToSyncWorker) => {
  if (message.type === 'cancel') controller.abort();
});

void syncOnce().finally(() => port.close());

async function syncOnce(): Promise<void> {
  try {
    const db = openSpaceDatabase(data.dbPath);
    try {
      ensureGridSchemaOnce(db);
      if (data.holdWrite) holdWriteTransaction(db, new Int32Array(data.holdWrite));
      const summary = await runSync({
        db,
        credentials: data.credentials,
        datasets: data.datasets,
        full: data.full,
        settings: data.settings,
        signal: controller.signal,
        onProgress: throttleProgress((progress) => post({ type: 'progress', progress })),
      });
      post({ type: 'summary', summary });
    } finally {
      db.close();
    }
  } catch (e) {
    post({ type: 'failed', error: toAppError(e) });
  }
}

/** The test hook of `SyncWorkerData.holdWrite`: a write transaction held as long as the test says. */
function holdWriteTransaction(db: ReturnType<typeof openSpaceDatabase>, flags: Int32Array): void {
  // IMMEDIATE takes the write lock at BEGIN, as the engine's first write in a transaction does.
  db.transaction(() => {
    Atomics.store(flags, 0, 1);
    Atomics.notify(flags, 0);
    // Bounded: a test that never releases ends here after a minute instead of hanging CI.
    Atomics.wait(flags, 1, 0, 60_000);
  }).immediate();
}
