/**
 * Queries while a sync writes, end to end as the app runs them: the data service in a worker
 * thread, grid requests sent from this thread (as main relays the renderer's) one after another,
 * each timed from request to answer, during a first sync of licences and transactions from the
 * simulator (its own process). Requests go out at a steady pace (one every 200 ms, a user
 * scrolling) whether or not earlier ones were answered, so a stalled service shows in every
 * request that waited, not in one. Twice: the sync in the data service's own thread (as before
 * issue 6) and in a sync worker of its own (now); then the same query with nothing running.
 * Prints p50/p95/p99/max per case, the share of requests slower than 100 ms, the ratio of the
 * two p95s, and the peak RSS of this process (this thread, the data worker and the sync worker;
 * the simulator is another process). Figures are printed, not asserted.
 *   SCALE=100000 npm run bench -- during-sync     # default 100000 licences; `large` for 1M
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { appDbPath, openAppDatabase } from '../src/main/store';
import { startSimulatorProcess } from './simulator/process';

const scale = process.env.SCALE ?? '100000';
const accountId = 'bench-account';
/**
 * One grid request every 200 ms during the sync (PACE_MS): a user scrolling. Faster paces queue
 * requests behind each other whenever a block costs more than the pace (licences have no
 * indexes during a first load), which then measures the queue, not the sync.
 */
const paceMs = Number(process.env.PACE_MS ?? 200);
const sim = await startSimulatorProcess(scale);
const { credentials } = sim;
const { baseUrl, developerId, email } = credentials;
console.log(`${sim.banner}`);

type Reply = { id?: number; value?: unknown; error?: string; ready?: boolean; event?: string; payload?: unknown };

async function runCase(label: string, syncWorker: boolean): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mpdesk-bench-during-'));
  const app = openAppDatabase(appDbPath(dataDir));
  app.prepare("INSERT INTO accounts VALUES (?, 'Bench', ?, ?, ?, '2026-01-01T00:00:00Z', NULL)").run(accountId, developerId, email, baseUrl);
  app.prepare("INSERT INTO settings VALUES ('activeAccountId', ?)").run(accountId);
  app.close();
  const worker = new Worker(new URL('./during-sync/service-worker.ts', import.meta.url), { workerData: { dataDir, credentials, syncWorker }, execArgv: ['--import', 'tsx'] });
  const pending = new Map<number, (r: Reply) => void>();
  let ended = false;
  let phases = '';
  await new Promise<void>((resolve) =>
    worker.on('message', (m: Reply) => {
      if (m.ready) resolve();
      if (m.id !== undefined) pending.get(m.id)?.(m);
      if (m.event === 'data.changed' || m.event === 'app.notice') ended = true;
      if (m.event === 'app.notice') console.log('  notice:', JSON.stringify(m.payload));
      if (m.event === 'sync.progress') {
        const p = m.payload as { dataset: string; phase: string };
        phases = `${p.dataset} ${p.phase}`;
      }
    }),
  );
  let nextId = 1;
  const call = (method: string, request: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (r) => (pending.delete(id), r.error ? reject(new Error(r.error)) : resolve(r.value)));
      worker.postMessage({ id, method, request });
    });
  // A 100-row block with a sort and two filters, at a position that moves: what scrolling asks.
  const block = (i: number) =>
    call('grid.query', {
      dataset: 'licences',
      startRow: (i % 20) * 100,
      endRow: (i % 20) * 100 + 100,
      sortModel: [{ colId: 'maintenanceStartDate', sort: 'desc' }],
      filterModel: { hosting: { filterType: 'set', values: ['Cloud'] }, licenseType: { filterType: 'set', values: ['COMMERCIAL', 'EVALUATION'] } },
      quickFilter: '',
      columns: [],
      flags: {},
    });
  const samples: number[] = [];
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
  const started = performance.now();
  await call('sync.start', { datasets: ['licences', 'transactions'], full: false });
  let worst = { ms: 0, during: '' };
  const answered: Promise<void>[] = [];
  for (let i = 0; !ended; i++) {
    const due = started + i * paceMs;
    if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
    const t = performance.now();
    const during = phases;
    answered.push(
      block(i).then(() => {
        const ms = performance.now() - t;
        samples.push(ms);
        if (ms > worst.ms) worst = { ms, during };
      }),
    );
  }
  await Promise.all(answered);
  clearInterval(sampler);
  const syncS = (performance.now() - started) / 1000;
  const idle: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    await block(i);
    idle.push(performance.now() - t);
  }
  worker.postMessage('close');
  await new Promise((r) => worker.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
  console.log(
    `${label}\n   p50 ${p(samples, 0.5).toFixed(1)} ms   p95 ${p(samples, 0.95).toFixed(1)} ms   p99 ${p(samples, 0.99).toFixed(1)} ms   max ${worst.ms.toFixed(0)} ms (sent during: ${worst.during})   ` +
      `${((100 * samples.filter((ms) => ms > 100).length) / samples.length).toFixed(1)}% over 100 ms   (${samples.length} requests over a ${syncS.toFixed(0)} s sync; idle p95 ${p(idle, 0.95).toFixed(1)} ms; peak RSS ${Math.round(peakRss / 2 ** 20)} MB)`,
  );
  return p(samples, 0.95);
}

try {
  console.log(`block queries to the data service during a first sync of licences + transactions (scale ${scale}):`);
  const before = await runCase('sync in the data service thread (before)', false);
  const now = await runCase('sync in its own worker (now)', true);
  console.log(`p95 ratio before / now: ${(before / now).toFixed(1)}x`);
} finally {
  await sim.stop();
}
