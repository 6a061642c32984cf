/**
 * Sync benchmark: a full first sync of the `large` scale (1M licences, ~2M transactions) from the
 * simulator (its own process), run as the app runs it: in "the sync process", a child process of
 * plain `node` running compiled code (esbuild bundles of bench/sync/host.ts in the Electron main
 * thread's role and of the app's own sync worker entry, see sync/host-process.ts), with no tsx
 * and none of this harness in it. Prints rows/s per data set, the peak RSS of that process (main
 * role + sync worker; target ≤ 300 MB) beside its RSS before the sync, its main thread's largest
 * event-loop delay during the sync (target ≤ 50 ms), and the ingest rate of licences and
 * transactions against a hand-written baseline measured here afterwards on the same file: the
 * same rows, flattened, inserted by one plain prepared statement in one transaction (target ratio
 * ≥ 0.5). Figures are printed, not asserted.
 *   npm run bench -- sync                 # large
 *   SCALE=100000 npm run bench -- sync    # a quicker look
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordDataset, readPath } from '../src/shared/catalogue';
import { openDatabase, quoteIdent } from '../src/main/store';
import { createRecordWriter, toSqlValue } from '../src/main/store/record-writer';
import { createRecordTableSql } from '../src/main/store/record-tables';
import { exportBatchSize } from '../src/main/sync/engine/pulls';
import { startSimulatorProcess } from './simulator/process';
import { runSyncHost } from './sync/host-process';

const scale = process.env.SCALE ?? 'large';
const dir = mkdtempSync(join(tmpdir(), 'mpdesk-bench-sync-'));
const dbPath = join(dir, 'space.sqlite');
const today = '2026-11-26';
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/**
 * An idle process measuring its own event-loop delay over the same time: this machine's noise
 * floor (other work on 2 shared cores delays any thread), printed beside the main thread's figure.
 */
function startIdleControl(): { stop(): Promise<{ max: number; p99: number } | null> } {
  const script = `const h = require('node:perf_hooks').monitorEventLoopDelay({ resolution: 5 }); h.enable();
process.stdin.on('data', () => {}); process.stdin.on('end', () => { h.disable(); process.stdout.write(JSON.stringify({ max: h.max / 1e6, p99: h.percentile(99) / 1e6 })); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += String(c)));
  return {
    async stop() {
      child.stdin!.end();
      await new Promise((r) => child.once('exit', r));
      try {
        return JSON.parse(out) as { max: number; p99: number };
      } catch {
        return null;
      }
    },
  };
}

/** Raw records of a table in rowid slices: a million of them are never held at once. */
function* rawSlices(db: ReturnType<typeof openDatabase>, table: string, size = 50_000): Generator<[string, string][]> {
  const read = db.prepare(`SELECT _rowid, _key, _raw FROM ${quoteIdent(table)} WHERE _rowid > ? ORDER BY _rowid LIMIT ?`).raw(true);
  for (let after = 0; ; ) {
    const rows = read.all(after, size) as [number, string, string][];
    if (rows.length === 0) return;
    after = rows[rows.length - 1]![0];
    yield rows.map(([, key, raw]) => [key, raw]);
  }
}

/**
 * The engine's own writer (parse, flatten, upsert on the natural key, change detection) over the
 * same raw records into an empty copy of the table, in transactions of the sync's export batch
 * (exportBatchSize records, parsed from their text inside the transaction as the sync does):
 * the ingest rate without the network and the export's wait. Timed like the baseline: parse,
 * flatten and insert, not the read of the raw records.
 */
function writerRowsPerSecond(id: 'licences' | 'transactions'): number {
  const dataset = { ...recordDataset(id), table: `bench_${recordDataset(id).table}` };
  const db = openDatabase(dbPath);
  db.exec(`DROP TABLE IF EXISTS ${quoteIdent(dataset.table)}`);
  db.exec(createRecordTableSql(dataset));
  const write = createRecordWriter(db, dataset);
  let rows = 0;
  let ms = 0;
  for (const slice of rawSlices(db, recordDataset(id).table, exportBatchSize * 5)) {
    const started = performance.now();
    for (let i = 0; i < slice.length; i += exportBatchSize) {
      db.transaction(() => write(slice.slice(i, i + exportBatchSize).map(([, raw]) => JSON.parse(raw) as unknown), new Date().toISOString(), null))();
    }
    ms += performance.now() - started;
    rows += slice.length;
  }
  const perSecond = rows / (ms / 1000);
  db.exec(`DROP TABLE ${quoteIdent(dataset.table)}`);
  db.close();
  return perSecond;
}

/** The same rows, flattened from their raw records, inserted by one plain statement in one transaction. */
function baselineRowsPerSecond(id: 'licences' | 'transactions'): { rows: number; perSecond: number } {
  const dataset = recordDataset(id);
  const db = openDatabase(dbPath);
  const table = `baseline_${dataset.table}`;
  const cols = dataset.columns.map((c) => quoteIdent(c.name));
  db.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}; CREATE TABLE ${quoteIdent(table)} (_rowid INTEGER PRIMARY KEY, _key TEXT NOT NULL UNIQUE, ${cols.join(', ')}, _raw TEXT NOT NULL)`);
  const insert = db.prepare(`INSERT INTO ${quoteIdent(table)} (_key, ${cols.join(', ')}, _raw) VALUES (?, ${cols.map(() => '?').join(', ')}, ?)`);
  let rows = 0;
  let ms = 0;
  // One transaction for all the rows; only the parse, flatten and insert are timed, not the read.
  db.exec('BEGIN');
  for (const slice of rawSlices(db, dataset.table)) {
    const started = performance.now();
    for (const [key, raw] of slice) {
      const record = JSON.parse(raw) as unknown;
      insert.run(key, ...dataset.columns.map((c) => toSqlValue(c, readPath(record, c.path))), raw);
    }
    ms += performance.now() - started;
    rows += slice.length;
  }
  db.exec('COMMIT');
  db.exec(`DROP TABLE ${quoteIdent(table)}`);
  db.close();
  return { rows, perSecond: rows / (ms / 1000) };
}

const sim = await startSimulatorProcess(scale);
console.log(`simulator (${scale}) at ${sim.credentials.baseUrl}`);
// Set from the host's callback (a `let … = null` would be narrowed to null at the await below).
let control = null as ReturnType<typeof startIdleControl> | null;
try {
  const { summary, seconds, spans, figures } = await runSyncHost({ dbPath, credentials: sim.credentials, today }, (e) => {
    // The noise floor is measured over the same time as the host's event-loop delay.
    if (e.type === 'started') control = startIdleControl();
    // A line per finished data set, so a long run shows where it is (and what it reached if cut short).
    else console.log(`  ${e.dataset} ${e.phase} at ${e.seconds.toFixed(0)} s (${e.rows} rows); peak RSS so far ${mb(e.peakRss)}, max delay ${e.delayMaxMs.toFixed(1)} ms`);
  });
  const noise = await control?.stop();
  console.log(`\nfull first sync: ${summary.status} in ${seconds.toFixed(1)} s`);
  console.log('data set                  rows       s     rows/s');
  const rates = new Map<string, number>();
  for (const d of summary.datasets.filter((x) => x.mode !== 'snapshot')) {
    const s = spans.find((x) => x.id === d.id)?.seconds ?? seconds;
    rates.set(d.id, d.rows / Math.max(s, 0.001));
    console.log(`${d.id.padEnd(22)} ${String(d.rows).padStart(9)} ${s.toFixed(1).padStart(7)} ${Math.round(rates.get(d.id)!).toLocaleString('en').padStart(10)}`);
  }
  const aggregates = spans.find((x) => x.id === 'aggregates');
  if (aggregates) console.log(`aggregates (every endpoint and path value): ${aggregates.seconds.toFixed(1)} s`);
  // Data sets run side by side on one thread, so a data set's own span counts the others' work
  // too: the whole sync's rate is the figure that does not depend on how they interleave.
  const records = summary.datasets.filter((x) => x.mode !== 'snapshot').reduce((n, d) => n + d.rows, 0);
  console.log(`every record data set together: ${records.toLocaleString('en')} rows in ${seconds.toFixed(1)} s, ${Math.round(records / seconds).toLocaleString('en')} rows/s (aggregates, indexing and metrics included)`);
  console.log(
    `\npeak RSS of the sync process (plain node running compiled code as the app does: main role + sync worker): ${mb(figures.peakRss)} (target ≤ 300 MB), reached during "${figures.peakPhase}"` +
      (figures.kernelPeakRss === null ? '' : `; kernel high-water mark ${mb(figures.kernelPeakRss)}`),
  );
  console.log(
    `  before the sync: ${mb(figures.rssBeforeWorker)} for the main role alone, ${figures.rssAtFirstProgress === null ? 'n/a' : mb(figures.rssAtFirstProgress)} at the first progress event (code of both threads loaded, database open: the fixed cost); the worker's JS heap at most ${mb(figures.workerHeapPeak)}`,
  );
  console.log(`main thread event-loop delay during the sync: max ${figures.delayMaxMs.toFixed(1)} ms, p99 ${figures.delayP99Ms.toFixed(1)} ms (target max ≤ 50 ms), ${figures.progressEvents} progress events received`);
  if (noise) console.log(`an idle process over the same time (this machine's noise floor): max ${noise.max.toFixed(1)} ms, p99 ${noise.p99.toFixed(1)} ms`);
  for (const id of ['licences', 'transactions'] as const) {
    const base = baselineRowsPerSecond(id);
    const ratio = rates.get(id)! / base.perSecond;
    const writer = writerRowsPerSecond(id);
    console.log(
      `${id}: plain prepared statement ${Math.round(base.perSecond).toLocaleString('en')} rows/s; end-to-end sync ${Math.round(rates.get(id)!).toLocaleString('en')} rows/s, ratio ${ratio.toFixed(2)}; ` +
        `the sync's writer alone ${Math.round(writer).toLocaleString('en')} rows/s, ratio ${(writer / base.perSecond).toFixed(2)} (target ≥ 0.5)`,
    );
  }
} finally {
  // An idle control left running ends by itself when this process exits (its stdin closes).
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
}
