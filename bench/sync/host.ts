// The sync process of bench/sync.ts, run by plain `node` from an esbuild bundle (no tsx), as the
// app ships compiled code. It plays the Electron main thread's role: starts the app's sync worker
// (its compiled entry, with the app's resource limits, through runSyncInWorker), receives its
// progress events and serialises each as main does before sending it to the window. It measures
// its own RSS, its event-loop delay and the worker's heap, and sends them back over fork's channel.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SyncProgress } from '../../src/main/sync/engine';
import { runSyncInWorker } from '../../src/main/sync/worker/run-in-worker';
import type { HostFigures, HostMessage, HostStart } from './host-protocol';

const send = (message: HostMessage) => process.send!(message);
/** The last message, then the channel closes (once it is written: a pending summary is not cut off) and the process ends. */
const sendLast = (message: HostMessage) => process.send!(message, undefined, {}, () => process.disconnect());
process.once('message', (start: HostStart) => void syncOnce(start));

async function syncOnce(start: HostStart): Promise<void> {
  const rssBeforeWorker = process.memoryUsage.rss();
  let rssAtFirstProgress: number | null = null;
  let [peakRss, peakPhase, lastPhase] = [rssBeforeWorker, 'start', 'start'];
  let workerHeapPeak = 0;
  let progressEvents = 0;
  const spans = new Map<string, { first: number; last: number }>();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const started = performance.now();
  const onProgress = (p: SyncProgress) => {
    // What the Electron main thread does with each event: pass it on to the window, serialised.
    JSON.stringify(p);
    progressEvents++;
    rssAtFirstProgress ??= process.memoryUsage.rss();
    lastPhase = `${p.dataset} ${p.phase}`;
    // A data set's span runs from its first event to its last (the worker passes phase changes and the final count at once).
    const now = performance.now();
    const span = spans.get(p.dataset) ?? { first: now, last: now };
    span.last = now;
    spans.set(p.dataset, span);
    if (p.phase === 'done' || p.phase === 'failed') {
      send({ type: 'dataset', dataset: p.dataset, phase: p.phase, rows: p.done, seconds: (now - started) / 1000, peakRss, delayMaxMs: delay.max / 1e6 });
    }
  };
  const sync = runSyncInWorker({ path: start.workerPath }, { dbPath: start.dbPath, credentials: start.credentials, settings: { exportPollMs: 200, today: start.today } }, onProgress);
  delay.enable();
  send({ type: 'started' });
  const rssSampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) [peakRss, peakPhase] = [rss, lastPhase];
  }, 50);
  const heapSampler = setInterval(() => void sync.heapSize().then((h) => (workerHeapPeak = Math.max(workerHeapPeak, h ?? 0))), 500);
  try {
    const summary = await sync.done;
    const seconds = (performance.now() - started) / 1000;
    delay.disable();
    const figures: HostFigures = {
      rssBeforeWorker,
      rssAtFirstProgress,
      peakRss,
      peakPhase,
      kernelPeakRss: readKernelPeakRss(),
      workerHeapPeak,
      delayMaxMs: delay.max / 1e6,
      delayP99Ms: delay.percentile(99) / 1e6,
      progressEvents,
    };
    sendLast({ type: 'summary', summary, seconds, spans: [...spans].map(([id, s]) => ({ id, seconds: (s.last - s.first) / 1000 })), figures });
  } catch (e) {
    sendLast({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
  } finally {
    clearInterval(rssSampler);
    clearInterval(heapSampler);
  }
}

/** VmHWM of /proc/self/status in bytes; null off Linux. */
function readKernelPeakRss(): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}
