// The sync of bench/sync.ts, in a worker thread as the app runs it (the data-service worker).
import { parentPort, workerData } from 'node:worker_threads';
import { ensureGridSchema } from '../../src/main/query/schema';
import { runSync } from '../../src/main/sync/engine';
import type { ApiCredentials } from '../../src/main/sync/client/http-client';
import { throttleProgress } from '../../src/main/sync/service-handlers';
import { openSpaceDatabase } from '../../src/main/space-database';

const { dbPath, credentials, today } = workerData as { dbPath: string; credentials: ApiCredentials; today: string };
const db = openSpaceDatabase(dbPath);
ensureGridSchema(db);
// Modules are loaded (tsx compiles them on first import): the measured sync starts now.
parentPort!.postMessage({ ready: true });
const spans = new Map<string, { first: number; last: number }>();
// Progress crosses to the host thread as the app's `sync.progress` events do (service-handlers.ts).
const post = throttleProgress((progress) => parentPort!.postMessage({ progress }));
const summary = await runSync({
  db,
  credentials,
  settings: { exportPollMs: 200, today },
  onProgress: (p) => {
    const now = performance.now();
    const span = spans.get(p.dataset) ?? { first: now, last: now };
    span.last = now;
    spans.set(p.dataset, span);
    post(p);
  },
});
db.close();
parentPort!.postMessage({ summary, spans: [...spans].map(([id, s]) => ({ id, seconds: (s.last - s.first) / 1000 })) });
