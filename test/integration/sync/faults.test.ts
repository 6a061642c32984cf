import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDatasets } from '../../../src/shared/catalogue';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { quoteIdent, type Db } from '../../../src/main/store';
import type { RetryNotice } from '../../../src/main/sync/client/http-client';
import { runSync, type SyncOptions, type SyncSummary } from '../../../src/main/sync/engine';
import { tempDir } from './helpers';
import { openSpaceDatabase } from '../../../src/main/space-database';

let sim: RunningSimulator;
let dir: string;
let db: Db;
let baseline: Map<string, string>;

/** One checksum per record table (keys, raw records, gone marks). */
function tableChecksums(): Map<string, string> {
  return new Map(
    recordDatasets.map((d) => {
      const hash = createHash('sha256');
      for (const row of db.prepare(`SELECT _key, _raw, _gone_since IS NOT NULL FROM ${quoteIdent(d.table)} ORDER BY _key`).raw(true).iterate() as Iterable<unknown[]>) hash.update(JSON.stringify(row));
      return [d.id, hash.digest('hex')];
    }),
  );
}

async function sync(options: Partial<SyncOptions> = {}, notices: RetryNotice[] = []): Promise<SyncSummary> {
  return runSync({
    db,
    credentials: { baseUrl: sim.baseUrl, developerId: sim.developerId, email: sim.email, token: sim.token },
    settings: { exportPollMs: 5, today: sim.control.state().now, exportTimeoutMs: 2000 },
    client: { retry: { baseDelayMs: 5, maxDelayMs: 40 }, timeoutMs: 3000, onRetry: (n) => notices.push(n) },
    ...options,
  });
}

const outcome = (s: SyncSummary, id: string) => s.datasets.find((d) => d.id === id)!;

beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', exportPolls: 1, control: true, seed: 3 });
  dir = tempDir('mpdesk-faults-');
  db = openSpaceDatabase(join(dir, 'space.sqlite'));
  const first = await sync();
  expect(first.status).toBe('succeeded');
  baseline = tableChecksums();
});
afterAll(async () => {
  db.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the fault matrix', () => {
  it.each([
    ['429 with Retry-After', '429:next=2:retryAfter=1:path=/licenses', /rate limited \(429\)/],
    ['500', '500:next=2:path=/licenses', /server error 500/],
    ['502', '502:next=2:path=/licenses', /server error 502/],
    ['503', '503:next=2:path=/licenses', /server error 503/],
    ['504', '504:next=2:path=/licenses', /server error 504/],
    ['a connection reset', 'reset:next=2:path=/licenses', /connection failed/],
    ['a truncated body', 'truncate:next=2:path=/licenses', /cut off|connection failed/],
  ])('%s is retried and the sync succeeds with the same content', async (_name, spec, reason) => {
    sim.control.setFaults(spec);
    const notices: RetryNotice[] = [];
    const summary = await sync({ datasets: ['licences', 'transactions'], full: true }, notices);
    expect(summary.status, JSON.stringify(summary.error)).toBe('succeeded');
    expect(sim.control.faults()).toEqual([]);
    expect(notices.length).toBeGreaterThanOrEqual(2);
    expect(notices[0]!.reason).toMatch(reason);
    if (spec.startsWith('429')) expect(notices.map((n) => n.delayMs)).toEqual([1000, 1000]);
    expect(tableChecksums()).toEqual(baseline);
  });

  it('a slow response times out and is retried', async () => {
    sim.control.setFaults('slow:ms=2500:next=1:path=/feedback/details');
    const notices: RetryNotice[] = [];
    const summary = await sync({ datasets: ['feedback'], client: { timeoutMs: 400, retry: { baseDelayMs: 5 }, onRetry: (n) => notices.push(n) } });
    expect(summary.status).toBe('succeeded');
    expect(notices.some((n) => /no response for/.test(n.reason))).toBe(true);
    expect(tableChecksums()).toEqual(baseline);
  });

  it('a malformed record fails its data set, naming the endpoint and offset, while the others succeed', async () => {
    // A full pass reads feedback by date windows' exports; with the export failing it pages them.
    sim.control.setFaults('malformed:path=/feedback/details,500:path=/feedback/details/export');
    const summary = await sync({ datasets: ['feedback', 'churn-events', 'transactions'], full: true });
    sim.control.setFaults('');
    expect(summary.status).toBe('partial');
    const feedback = outcome(summary, 'feedback');
    expect(feedback.status).toBe('failed');
    expect(feedback.error!.code).toBe('api.malformed');
    expect(feedback.error!.message).toMatch(/feedback-details, offset \d+/);
    expect(outcome(summary, 'churn-events').status).toBe('succeeded');
    expect(outcome(summary, 'transactions').status).toBe('succeeded');
    expect(tableChecksums()).toEqual(baseline);
    expect(db.prepare("SELECT last_error FROM dataset_state WHERE dataset = 'feedback'").pluck().get()).toMatch(/malformed/);
  });

  it('a FAILED async export is started again', async () => {
    sim.control.setFaults('export-fail:next=1:path=/licenses');
    const summary = await sync({ datasets: ['licences'], full: true });
    expect(summary.status).toBe('succeeded');
    expect(sim.control.faults()).toEqual([]);
    expect(tableChecksums()).toEqual(baseline);
  });

  it('an async export that stays FAILED or never completes falls back to the sync export, same content', async () => {
    sim.control.setFaults('export-fail:path=/licenses,export-stuck:path=/sales/transactions');
    const summary = await sync({ datasets: ['licences', 'transactions'], full: true });
    sim.control.setFaults('');
    expect(summary.status, JSON.stringify(summary.datasets.map((d) => d.error))).toBe('succeeded');
    expect(tableChecksums()).toEqual(baseline);
  });

  it('when the sync export fails too, the data set fails clearly and keeps its content; the others go on', async () => {
    sim.control.setFaults('export-fail:path=/licenses,500:path=/licenses/export');
    const summary = await sync({ datasets: ['licences', 'churn-events'], full: true });
    sim.control.setFaults('');
    const licences = outcome(summary, 'licences');
    expect(licences.status).toBe('failed');
    expect(licences.error!.message).toMatch(/licenses-export: server error 500|FAILED/);
    expect(outcome(summary, 'churn-events').status).toBe('succeeded');
    expect(summary.status).toBe('partial');
    expect(tableChecksums()).toEqual(baseline);
    expect(db.prepare("SELECT last_error FROM dataset_state WHERE dataset = 'licences'").pluck().get()).toBe(licences.error!.message);
  });

  it('an aggregate request that keeps failing fails its group and keeps its snapshot; the other requests of the group are stored', async () => {
    const snapshot = db.prepare("SELECT variant, raw, fetched_at FROM aggregate_snapshots WHERE endpoint = 'transactions-by-metric' ORDER BY variant");
    const before = snapshot.all() as { variant: string; raw: string; fetched_at: string }[];
    const countrySeries = () => db.prepare("SELECT count(*) FROM aggregate_series WHERE endpoint = 'transactions-by-metric' AND variant = 'country'").pluck().get();
    const seriesBefore = countrySeries();
    // country is the first of the group's requests: the ones after it still run.
    sim.control.setFaults('500:path=/sales/transactions/country');
    const summary = await sync({ datasets: ['revenue', 'feedback-metrics'] });
    sim.control.setFaults('');
    const revenue = outcome(summary, 'revenue');
    expect(revenue.status).toBe('failed');
    expect(revenue.error!.message).toMatch(/transactions-by-metric \(country\): server error 500/);
    expect(outcome(summary, 'feedback-metrics').status).toBe('succeeded');
    const after = snapshot.all() as typeof before;
    expect(after.map((r) => r.variant)).toEqual(before.map((r) => r.variant));
    for (const [i, row] of after.entries()) {
      if (row.variant === 'country') expect(row).toEqual(before[i]);
      else expect(row.fetched_at > before[i]!.fetched_at, row.variant).toBe(true);
    }
    expect(countrySeries()).toBe(seriesBefore);
  });

  it('a 401 stops everything at once with what to do, and changes nothing', async () => {
    const notices: RetryNotice[] = [];
    const summary = await runSync({
      db,
      credentials: { baseUrl: sim.baseUrl, developerId: sim.developerId, email: sim.email, token: 'revoked-token-xyz' },
      settings: { exportPollMs: 5, today: sim.control.state().now },
      client: { onRetry: (n) => notices.push(n) },
    });
    expect(summary.status).toBe('failed');
    expect(summary.error!.code).toBe('auth.invalid');
    expect(summary.error!.message).toMatch(/View sales reports/);
    expect(JSON.stringify(summary)).not.toContain('revoked-token-xyz');
    expect(notices).toEqual([]);
    expect(tableChecksums()).toEqual(baseline);
  });

  it('a 403 names the missing permission and changes nothing', async () => {
    sim.control.forbid(['sales']);
    try {
      const summary = await sync({ datasets: ['transactions', 'feedback'] });
      expect(summary.status).toBe('failed');
      expect(summary.error!.code).toBe('auth.forbidden');
      expect(summary.error!.message).toMatch(/"View sales reports" permission/);
    } finally {
      sim.control.forbid([]);
    }
    expect(tableChecksums()).toEqual(baseline);
  });

  it('no network is reported as offline and leaves the local data untouched', async () => {
    // A port nothing listens on: bind one, then close it.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const summary = await runSync({
      db,
      credentials: { baseUrl: `http://127.0.0.1:${port}/marketplace`, developerId: sim.developerId, email: sim.email, token: sim.token },
      settings: { exportPollMs: 5, today: sim.control.state().now },
      client: { retry: { retries: 1, baseDelayMs: 1 } },
    });
    expect(summary.status).toBe('failed');
    expect(summary.error!.code).toBe('network.offline');
    expect(summary.error!.message).toMatch(/offline/);
    expect(tableChecksums()).toEqual(baseline);
  });
});
