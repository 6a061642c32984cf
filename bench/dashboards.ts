/**
 * Dashboard benchmark. Seeds a space database at the `large` scale from the simulator's
 * generator (1M licences and their transactions, written through the record writer as a sync
 * would), plus aggregate series of the size eight years of weekly reports give, then times:
 * refreshMetrics — the full rebuild (first sync, reconciliation) and the incremental refresh
 * after a typical day (the simulator's clock advanced one day: its new evaluations, sales,
 * renewals, cancellations and silent rewrites, written as a sync writes them, then rolled back
 * so the cached file stays as it was) — and each dashboard's full refresh (getDashboard with
 * every panel) over several control sets, printing p50/p95 against 150 ms. A refresh blocks the
 * data-service worker while it runs, so its time is also the longest a grid query waits.
 *   npm run bench -- dashboards                   # large, database cached in $TMPDIR
 *   SCALE=demo npm run bench -- dashboards
 *   FRESH=1 npm run bench -- dashboards           # rebuild the cached database
 *   SKIP_REFRESH=1 npm run bench -- dashboards    # time the dashboards only
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordDataset } from '../src/shared/catalogue';
import { dashboardControlsSchema, dashboardIds, resolvePreset, type DashboardPreset } from '../src/shared/contract-dashboards';
import { getDashboard } from '../src/main/dashboards';
import { refreshMetrics } from '../src/main/metrics';
import { World } from '../src/main/simulator';
import { resolveScale } from '../src/main/simulator/data/scale';
import { buildLicence } from '../src/main/simulator/records/licence';
import { buildTransaction } from '../src/main/simulator/records/transaction';
import { type Db } from '../src/main/store';
import { createRecordWriter } from '../src/main/store/record-writer';
import { openSpaceDatabase } from '../src/main/space-database';

const scale = (process.env.SCALE ?? 'large') as 'tiny' | 'demo' | 'large';
const now = '2026-11-26';
const targetMs = 150;
const dir = join(tmpdir(), 'mpdesk-bench');
const file = join(dir, `dashboards-${scale}-v1.sqlite`);

function seed(db: Db): void {
  const t0 = performance.now();
  const world = createWorld();
  console.log(`generated ${world.licences.length} licences, ${world.transactions.length} transactions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = performance.now();
  const seen = `${now}T00:00:00Z`;
  const write = (dataset: 'licences' | 'transactions', count: number, build: (i: number) => unknown) => {
    const writer = createRecordWriter(db, recordDataset(dataset));
    for (let start = 0; start < count; start += 5000) {
      const page: unknown[] = [];
      for (let i = start; i < Math.min(count, start + 5000); i++) page.push(build(i));
      db.transaction(() => writer(page, seen, 1))();
    }
  };
  write('licences', world.licences.length, (i) => buildLicence(world, i, { withDataInsights: true }));
  write('transactions', world.transactions.length, (t) => buildTransaction(world, t));
  console.log(`wrote the records in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  seedAggregates(db, world.apps.map((a) => a.addonKey));
  db.prepare("INSERT INTO sync_runs (mode, started_at, finished_at, status) VALUES ('full', ?, ?, 'ok')").run(seen, seen);
}

/** Weekly series for eight years, for the total and each app, as the sync stores them. */
function seedAggregates(db: Db, apps: string[]): void {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO aggregate_series (endpoint, variant, scope, addon_key, product_id, dataset, series, date, measures, fetched_at)
     VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
  );
  const weeks: string[] = [];
  for (let d = Date.parse('2018-12-02'); d <= Date.parse(now); d += 7 * 86_400_000) weeks.push(new Date(d).toISOString().slice(0, 10));
  const months = weeks.filter((_, i) => i % 4 === 0).map((w) => `${w.slice(0, 7)}-01`);
  const scopes = ['total', ...apps];
  let rows = 0;
  const put = (endpoint: string, variant: string, dataset: string, series: string[], dates: string[], measures: (i: number) => object) => {
    for (const scope of scopes)
      for (const s of series)
        dates.forEach((date, i) => {
          insert.run(endpoint, variant, scope, scope === 'total' ? null : scope, dataset, s, date, JSON.stringify(measures(i)), now);
          rows++;
        });
  };
  db.transaction(() => {
    const ten = (p: string) => Array.from({ length: 10 }, (_, i) => `${p} ${i + 1}`);
    for (const v of ['country', 'hosting', 'partner', 'region', 'tier', 'type']) put('transactions-by-metric', v, '', ten(v), weeks, (i) => ({ count: i % 7, netCount: i % 5, revenue: i * 3.5 }));
    for (const v of ['hosting', 'country', 'partner', 'region']) put('evaluations-by-metric', v, '', ten(v), weeks, (i) => ({ count: i % 9 }));
    for (const ds of ['Monthly', 'Annual']) {
      put('sales-metrics-churn', '', ds, ['Customers', 'Cancellations'], weeks, (i) => ({ count: 100 + (i % 10), uniqueTotal: 100 }));
      put('sales-metrics-renewal', '', ds, ['Renewal opportunities', 'Renewals'], weeks, (i) => ({ count: 50 + (i % 10) }));
    }
    put('sales-metrics-conversion', '', '', ['Evaluations', 'Conversions'], weeks, (i) => ({ count: 20 + (i % 10) }));
    put('feedback-metrics', 'reason', '', ten('reason'), weeks, (i) => ({ count: i % 3 }));
    put('feedback-metrics', 'type', '', ten('type'), weeks, (i) => ({ count: i % 3 }));
    put('churn-benchmark', '', '', [''], months, () => ({ churnRate: 5, churnRateBenchmark: 3, isolatedChurnRate: 2, isolatedChurnRateBenchmark: 1 }));
    put('sales-benchmark', '', '', [''], months, (i) => ({ sale: i * 100, salesMoMGrowth: 2, salesMoMGrowthBenchmarkAllPartners: 1 }));
    put('evaluations-benchmark', '', '', [''], months, (i) => ({ evaluationCount: i, evaluationMoMGrowth: 1, evaluationMoMGrowthBenchmarkAllPartners: 2 }));
    put('app-requests-and-approvals', '', '', [''], months, (i) => ({ appRequests: i, appRequestsApproved: i / 2, appRequestsApprovalRate: 50 }));
    for (const e of ['customer-insights-regions', 'customer-insights-editions', 'customer-insights-active-users', 'customer-insights-tiers'])
      put(e, '', '', ['a', 'b', 'c', 'd', 'e'], months, (i) => ({ usersCount: i, usersPercent: 20, usersMarketplaceBenchmark: 1 }));
    for (const v of ['marketplace', 'embedded-marketplace']) {
      put('search-keywords-by-source', v, '', Array.from({ length: 500 }, (_, k) => `kw${k}`), months.slice(-12), (i) => ({ percentage: i / 10 }));
      put('zero-search-results-keywords-by-source', v, '', Array.from({ length: 200 }, (_, k) => `zero${k}`), months.slice(-12), () => ({ count: 1 }));
    }
    put('partner-metrics-time-series', '', '', ['', '7.x.x', '8.x.x', '9.x.x'], weeks, (i) => ({ installCounts: 1000 + i }));
    put('partner-metrics-time-series', 'gmv', '', [''], months, (i) => ({ lifetimeGmv: i * 1000 }));
  })();
  console.log(`seeded ${rows} aggregate series rows`);
}

/** The generator's world as the cached file holds it (seed 1, clock at `now`). */
function createWorld(): World {
  return new World(1, resolveScale(scale), now);
}

/** One day of the simulator's clock, written as a sync would, then refreshMetrics incrementally on the next day; all rolled back. */
function timeIncrementalDay(db: Db): void {
  const world = createWorld();
  const before = { licences: world.licences.length, transactions: world.transactions.length, rewrites: world.rewrites.length };
  world.advance(1);
  const day = world.now;
  const nextDay = new Date(Date.parse(`${now}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const rewritten = (dataset: string) => new Set(world.rewrites.slice(before.rewrites).filter((r) => r.dataset === dataset).map((r) => r.index));
  const changed = (table: { length: number; lastUpdated: Int32Array }, since: number, dataset: string) => {
    const silent = rewritten(dataset);
    const out: number[] = [];
    for (let i = 0; i < table.length; i++) if (i >= since || table.lastUpdated[i] === day || silent.has(i)) out.push(i);
    return out;
  };
  const licences = changed(world.licences, before.licences, 'licences');
  const transactions = changed(world.transactions, before.transactions, 'transactions');
  const seen = `${nextDay}T00:00:00.000Z`;
  db.exec('BEGIN');
  try {
    const run = Number(db.prepare("INSERT INTO sync_runs (mode, started_at, status) VALUES ('incremental', ?, 'running')").run(seen).lastInsertRowid);
    const writeLic = createRecordWriter(db, recordDataset('licences'));
    const writeTx = createRecordWriter(db, recordDataset('transactions'));
    const lic = writeLic(licences.map((i) => buildLicence(world, i, { withDataInsights: true })), seen, run);
    const tx = writeTx(transactions.map((t) => buildTransaction(world, t)), seen, run);
    console.log(
      `a day of changes: licences ${lic.inserted} new, ${lic.updated} changed; transactions ${tx.inserted} new, ${tx.updated} changed`,
    );
    const inc = refreshMetrics(db, { asOf: nextDay, now: () => new Date(`${nextDay}T00:30:00Z`) });
    console.log(`refreshMetrics (${inc.mode}, next day): ${inc.ms} ms for ${inc.entitlements} entitlements recomputed, conversion ${inc.conversion}`);
    // The first refresh of a new month moves every entitlement whose periods reach the old month.
    const monthStart = new Date(Date.UTC(Number(nextDay.slice(0, 4)), Number(nextDay.slice(5, 7)), 1)).toISOString().slice(0, 10);
    const rollover = refreshMetrics(db, { asOf: monthStart, now: () => new Date(`${monthStart}T00:30:00Z`) });
    console.log(`refreshMetrics (${rollover.mode}, first day of the next month, no new records): ${rollover.ms} ms`);
  } finally {
    db.exec('ROLLBACK');
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

mkdirSync(dir, { recursive: true });
if (process.env.FRESH && existsSync(file)) rmSync(file);
const fresh = !existsSync(file);
const db = openSpaceDatabase(file);
if (fresh) seed(db);
// The sync stores one snapshot per (endpoint, variant) beside the series; older bench files lack them.
db.prepare("INSERT OR IGNORE INTO aggregate_snapshots (endpoint, variant, params, raw, fetched_at) SELECT DISTINCT endpoint, variant, '{}', '{}', ? FROM aggregate_series").run(now);
const counts = db.prepare('SELECT (SELECT count(*) FROM licences) AS licences, (SELECT count(*) FROM transactions) AS transactions').get() as { licences: number; transactions: number };
console.log(`database ${file}: ${counts.licences} licences, ${counts.transactions} transactions`);

// SKIP_REFRESH=1 times the dashboards over the tables of an earlier run (the refresh takes minutes at large).
if (process.env.SKIP_REFRESH && db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'metric_licence_month'").get()) {
  console.log('refreshMetrics skipped (SKIP_REFRESH)');
} else {
  const refresh = refreshMetrics(db, { asOf: now, mode: 'full' });
  console.log(`refreshMetrics (full rebuild): ${refresh.ms} ms for ${refresh.transactions} transactions, ${refresh.entitlements} entitlements`);
  timeIncrementalDay(db);
}

const clock = new Date(`${now}T12:00:00Z`);
const apps = (db.prepare('SELECT addon_key FROM metric_apps ORDER BY addon_key LIMIT 2').pluck().all() as string[]);
const presets: DashboardPreset[] = ['last-30-days', 'last-90-days', 'month-to-date', 'last-month', 'year-to-date', 'last-year'];
const controlSets = presets.flatMap((p) => {
  const r = resolvePreset(p, clock)!;
  return [
    dashboardControlsSchema.parse({ ...r, granularity: 'month' }),
    dashboardControlsSchema.parse({ ...r, granularity: 'week', apps: apps.slice(0, 1) }),
    dashboardControlsSchema.parse({ ...r, granularity: 'month', apps, hosting: ['Cloud'] }),
  ];
});
// A long range as well: the whole history by month.
controlSets.push(dashboardControlsSchema.parse({ from: '2018-12-01', to: now, granularity: 'month' }));

const rounds = Number(process.env.ROUNDS ?? 3);
console.log(`\nfull refresh of each dashboard: ${controlSets.length} control sets × ${rounds} rounds (target p95 ≤ ${targetMs} ms)`);
console.log(`${'dashboard'.padEnd(18)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}  panels`);
let failed = 0;
for (const id of dashboardIds) {
  const times: number[] = [];
  let panels = 0;
  getDashboard(db, id, controlSets[0]!, clock); // warm the statement cache and pages
  for (let r = 0; r < rounds; r++)
    for (const c of controlSets) {
      const t = performance.now();
      panels = getDashboard(db, id, c, clock).panels.length;
      times.push(performance.now() - t);
    }
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  if (p95 > targetMs) failed++;
  console.log(`${id.padEnd(18)} ${percentile(times, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${times.at(-1)!.toFixed(1).padStart(8)}  ${panels}${p95 > targetMs ? '  OVER TARGET' : ''}`);
}
db.close();
console.log(failed === 0 ? `\nevery dashboard within ${targetMs} ms at p95` : `\n${failed} dashboard(s) over ${targetMs} ms at p95`);
