// Entry of the data-service worker thread (built as out/main/data-worker.js).
import { parentPort, workerData } from 'node:worker_threads';
import type { DataMethodName } from '../../shared/contract';
import { toAppError } from '../../shared/result';
import type { FromWorker, ToWorker, WorkerOptions } from './protocol';
import { createDataService, type DataService } from './service';
import { createForwardingLogger } from '../logging';

const port = parentPort;
if (!port) throw new Error('data-worker must run in a worker thread');
const post = (message: FromWorker) => port.postMessage(message);

let service: DataService;
try {
  service = createDataService({
    ...(workerData as WorkerOptions),
    emit: (event, payload) => post({ type: 'event', event, payload }),
    // The app's schedule and connectivity monitor live here (the CLI's in-process service has none).
    background: (workerData as WorkerOptions).background ? { log: createForwardingLogger((line) => post({ type: 'log', line })) } : undefined,
  });
  post({ type: 'ready' });
} catch (e) {
  post({ type: 'failed', message: toAppError(e).message });
  throw e;
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'close') {
    service.close();
    post({ type: 'closed' });
    port.close();
    return;
  }
  void answer(message.id, message.method, message.request);
});

async function answer(id: number, method: DataMethodName, request: unknown): Promise<void> {
  try {
    const handler = service.handlers[method] as (req: unknown, ctx: { senderUrl: string }) => unknown;
    const value = await handler(request, { senderUrl: 'worker' });
    post({ type: 'result', id, result: { ok: true, value } });
  } catch (e) {
    post({ type: 'result', id, result: { ok: false, error: toAppError(e) } });
  }
}
