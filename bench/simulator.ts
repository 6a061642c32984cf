/**
 * Simulator benchmark. Starts `mpdesk simulator` as its own process (as the sync bench runs it)
 * and prints: start-up and generation time, peak RSS, and the serving rate (rows/s, MB/s) of
 * paged lists at several offsets over four keep-alive connections, of incremental pulls
 * (`lastUpdated`), of sync CSV/JSON exports and of async export downloads — each beside the rate
 * at which a client could ingest the same records (JSON.parse + flatten + a plain prepared
 * INSERT into SQLite, measured here in the same run), as a ratio. The ratio uses the simulator's
 * own CPU time (from /proc): this client shares the machine's two cores, so wall-clock rates
 * understate what the simulator can serve. Asserts nothing: compare figures taken in one run.
 *   npm run bench -- simulator                 # large (1M licences)
 *   SCALE=100000 npm run bench -- simulator    # a quicker look; PAGES=n pages per offset (200)
 */
import type { RecordDatasetId } from '../src/shared/catalogue';
import { completeAsyncExport, countList, fetchUrl, servePages, serveWhole, serveWindows, withQuery, type Served } from './simulator/client';
import { measureIngest } from './simulator/ingest';
import { startSimulatorProcess } from './simulator/process';

const scale = process.env.SCALE ?? 'large';
const pagesPerRun = Number(process.env.PAGES ?? 200);
/** A week before the simulator's default clock (2026-11-26): the sync's incremental pull. */
const since = '2026-11-19';

interface ListSpec {
  name: string;
  path: string;
  query: string;
  key: string;
  dataset: RecordDatasetId;
  offsets: readonly number[];
}

const spread = [0, 0.5, 0.9] as const;
const lists: ListSpec[] = [
  { name: 'licences', path: 'licenses', query: '', key: 'licenses', dataset: 'licences', offsets: spread },
  { name: 'licences +insights', path: 'licenses', query: 'withDataInsights=true', key: 'licenses', dataset: 'licences', offsets: spread },
  { name: 'transactions', path: 'sales/transactions', query: '', key: 'transactions', dataset: 'transactions', offsets: spread },
  { name: 'renewal events', path: 'sales/metrics/renewal/details', query: '', key: 'events', dataset: 'renewal-events', offsets: spread },
  { name: 'conversion events', path: 'sales/metrics/conversion/details', query: '', key: 'events', dataset: 'conversion-events', offsets: [0, 0.9] },
  { name: 'churn events', path: 'sales/metrics/churn/details', query: '', key: 'events', dataset: 'churn-events', offsets: [0, 0.9] },
  { name: 'feedback', path: 'feedback/details', query: '', key: 'feedback', dataset: 'feedback', offsets: [0, 0.9] },
  // Incremental pulls, as the sync's routine passes ask them.
  { name: 'licences lastUpdated', path: 'licenses', query: `withDataInsights=true&lastUpdated=${since}`, key: 'licenses', dataset: 'licences', offsets: [0] },
  { name: 'transactions lastUpdated', path: 'sales/transactions', query: `lastUpdated=${since}`, key: 'transactions', dataset: 'transactions', offsets: [0] },
  { name: 'renewal lastUpdated', path: 'sales/metrics/renewal/details', query: `lastUpdated=${since}`, key: 'events', dataset: 'renewal-events', offsets: [0] },
];

const sim = await startSimulatorProcess(scale);
console.log(sim.banner);
console.log(`scale ${scale}: generated in ${sim.generationS.toFixed(1)} s; serving ${sim.startupS.toFixed(1)} s after the process started; peak RSS ${sim.peakRssMiB().toFixed(0)} MiB`);

const mb = (bytes: number) => bytes / 1e6;
const ingestRates = new Map<string, number>();
const totals = new Map<string, number>();
const rowsOut: string[] = [];

function report(name: string, where: string, firstMs: number | null, s: Served, ingest: number | undefined): void {
  // Progress on stderr: a run that stops half-way says where.
  process.stderr.write(`measured ${name} ${where}\n`);
  const capacity = s.rows / Math.max(s.serverCpuS, 0.01); // rows per simulator CPU second
  const mbCapacity = mb(s.bytes) / Math.max(s.serverCpuS, 0.01);
  rowsOut.push(
    [
      name.padEnd(26),
      where.padStart(9),
      (firstMs === null ? '' : firstMs.toFixed(0)).padStart(8),
      String(s.rows).padStart(8),
      ((s.rows / s.wallS) | 0).toLocaleString('en').padStart(10),
      (mb(s.bytes) / s.wallS).toFixed(0).padStart(6),
      (capacity | 0).toLocaleString('en').padStart(11),
      mbCapacity.toFixed(0).padStart(6),
      ingest ? (ingest | 0).toLocaleString('en').padStart(9) : ''.padStart(9),
      ingest ? (capacity / ingest).toFixed(1).padStart(6) : '',
    ].join(' '),
  );
}

for (const list of lists) {
  const url = withQuery(`${sim.ds}/${list.path}`, list.query);
  // The first page of a new filter scans the data set and caches the selection.
  const t0 = performance.now();
  await fetchUrl(withQuery(url, 'limit=50'), sim.auth);
  const firstMs = performance.now() - t0;
  const total = await countList(sim, url, list.key);
  totals.set(`${list.path}?${list.query}`, total);
  const bodies: Buffer[] = [];
  const runs: [string, number | null, Served][] = [];
  for (const fraction of list.offsets) {
    const offset = Math.floor((total * fraction) / 50) * 50;
    runs.push([String(offset), fraction === 0 ? firstMs : null, await servePages(sim, url, total, offset, pagesPerRun, fraction === 0 ? bodies : null)]);
  }
  const ingestKey = `${list.dataset}|${list.query.includes('withDataInsights') ? 'insights' : ''}`;
  if (!ingestRates.has(ingestKey) && bodies.length > 0) ingestRates.set(ingestKey, measureIngest(list.dataset, list.key, bodies).perSecond);
  for (const [where, first, s] of runs) report(`${list.name} (${total})`, where, first, s, ingestRates.get(ingestKey));
}

const exports: { name: string; url: () => Promise<string>; rows: number; ingest: string }[] = [
  { name: 'licences CSV export', url: async () => `${sim.ds}/licenses/export?accept=csv`, rows: totals.get('licenses?')!, ingest: 'licences|' },
  { name: 'licences JSON export', url: async () => `${sim.ds}/licenses/export?accept=json`, rows: totals.get('licenses?')!, ingest: 'licences|' },
  { name: 'licences async +insights', url: () => completeAsyncExport(sim, `${sim.ds}/licenses/async/export?withDataInsights=true`), rows: totals.get('licenses?')!, ingest: 'licences|insights' },
  { name: 'transactions CSV export', url: async () => `${sim.ds}/sales/transactions/export?accept=csv`, rows: totals.get('sales/transactions?')!, ingest: 'transactions|' },
  { name: 'transactions async JSON', url: () => completeAsyncExport(sim, `${sim.ds}/sales/transactions/async/export`), rows: totals.get('sales/transactions?')!, ingest: 'transactions|' },
];
for (const e of exports) report(e.name, 'whole', null, await serveWhole(sim, await e.url(), e.rows), ingestRates.get(e.ingest));

// Windowed exports, as the sync pulls sale-metric details and feedback: one export per year of
// history, each a new selection (the simulator must pick a window's rows, not scan them all).
const years = Array.from({ length: 8 }, (_, k) => 2019 + k);
const yearWindows = years.map((y) => [`${y}-01-01`, `${y}-12-31`] as [string, string]);
for (const [name, path, ingest] of [
  ['renewal export per year', 'sales/metrics/renewal/details', 'renewal-events|'],
  ['feedback export per year', 'feedback/details', 'feedback|'],
] as const) {
  report(name, `${years.length} yrs`, null, await serveWindows(sim, `${sim.ds}/${path}/export`, yearWindows), ingestRates.get(ingest));
}

console.log(`\n${pagesPerRun} pages of 50 per offset, 4 keep-alive connections; "per CPU s" = rows (MB) per second of the simulator's own CPU time; ratio = that / ingest`);
console.log(`${'list (records)'.padEnd(26)} ${'offset'.padStart(9)} ${'1st ms'.padStart(8)} ${'rows'.padStart(8)} ${'wall rows/s'.padStart(10)} ${'MB/s'.padStart(6)} ${'rows/CPU s'.padStart(11)} ${'MB/CPUs'.padStart(6)} ${'ingest/s'.padStart(9)} ${'ratio'.padStart(6)}`);
for (const line of rowsOut) console.log(line);
const cpu = sim.cpuTimes();
console.log(`\nsimulator CPU in all: user ${cpu.user.toFixed(1)} s, system ${cpu.system.toFixed(1)} s (system time is mostly loopback TCP, which a real sync pays too)`);
console.log(`simulator peak RSS after everything: ${sim.peakRssMiB().toFixed(0)} MiB`);
await sim.stop();
