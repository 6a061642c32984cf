// The data service in a worker thread, as the app runs it (data-service/worker.ts), with the
// account's credentials given (the app reads them from the keychain) and, when asked, each sync
// in a sync worker of its own. Answers {id, method, request}; forwards sync events.
import { parentPort, workerData } from 'node:worker_threads';
import type { DataMethodName } from '../../src/shared/contract';
import { toAppError } from '../../src/shared/result';
import { createDataService } from '../../src/main/data-service/service';
import type { ApiCredentials } from '../../src/main/sync/client/http-client';

const data = workerData as { dataDir: string; credentials: ApiCredentials; syncWorker: boolean };
const port = parentPort!;
const service = createDataService({
  dataDir: data.dataDir,
  version: 'bench',
  credentialsFor: async () => data.credentials,
  emit: (event, payload) => {
    if (event === 'data.changed' || event === 'app.notice' || (event === 'sync.progress' && (payload as { phase: string }).phase !== 'fetching')) port.postMessage({ event, payload });
  },
  ...(data.syncWorker ? { syncWorker: { path: new URL('../../src/main/sync/worker/sync-worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] } } : {}),
});
port.on('message', (m: { id: number; method: DataMethodName; request: unknown } | 'close') => {
  if (m === 'close') {
    service.close();
    port.close();
    return;
  }
  void (async () => {
    try {
      const handler = service.handlers[m.method] as (req: unknown, ctx: { senderUrl: string }) => unknown;
      port.postMessage({ id: m.id, value: await handler(m.request, { senderUrl: 'bench' }) });
    } catch (e) {
      port.postMessage({ id: m.id, error: toAppError(e).message });
    }
  })();
});
port.postMessage({ ready: true });
