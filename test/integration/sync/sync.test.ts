import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateGroups, recordDatasets } from '../../../src/shared/catalogue';
import { spaceIdFor } from '../../../src/main/accounts/accounts-service';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { spaceDbPath, type Db } from '../../../src/main/store';
import { runSync } from '../../../src/main/sync/engine';
import { differences, runCli, simulatorRecords, syncArgs, tempDir } from './helpers';
import { openSpaceDatabase } from '../../../src/main/space-database';

let sim: RunningSimulator;
let dataDir: string;
let db: Db;

const credentials = () => ({ baseUrl: sim.baseUrl, developerId: sim.developerId, email: sim.email, token: sim.token });
const settings = () => ({ exportPollMs: 5, today: sim.control.state().now });

beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', exportPolls: 1, control: true, seed: 7 });
  dataDir = tempDir('mpdesk-sync-');
});
afterAll(async () => {
  db?.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sync against the simulator', () => {
  it('mpdesk sync stores every record the API has, every aggregate endpoint and path value, and exits 0', async () => {
    const result = await runCli(syncArgs(sim, dataDir), { MPDESK_API_TOKEN: sim.token });
    expect(result.stderr).not.toContain(sim.token);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Sync succeeded/);
    db = openSpaceDatabase(spaceDbPath(dataDir, spaceIdFor(sim.developerId, sim.baseUrl)));

    for (const d of recordDatasets) {
      expect(differences(sim, db, d), d.id).toEqual([]);
      expect(simulatorRecords(sim, d).size, d.id).toBeGreaterThan(0);
    }
    // The API's own totalCount, for the lists that have one.
    const auth = `Basic ${Buffer.from(`${sim.email}:${sim.token}`).toString('base64')}`;
    for (const [path, table] of [['licenses', 'licences'], ['sales/transactions', 'transactions'], ['feedback/details', 'feedback']] as const) {
      const page = (await (await fetch(`${sim.baseUrl}/rest/3/reporting/developer-space/${sim.developerId}/${path}?limit=1`, { headers: { authorization: auth } })).json()) as { totalCount: number };
      expect(db.prepare(`SELECT count(*) FROM ${table} WHERE _gone_since IS NULL`).pluck().get(), path).toBe(page.totalCount);
    }

    const productIds = (db.prepare('SELECT DISTINCT productId FROM licences').pluck().all() as string[]).sort();
    const snapshots = new Set((db.prepare("SELECT endpoint || ' ' || variant FROM aggregate_snapshots").pluck().all() as string[]));
    const seriesOf = db.prepare('SELECT count(*) FROM aggregate_series WHERE endpoint = ? AND variant = ?').pluck();
    for (const group of aggregateGroups) {
      for (const e of group.endpoints) {
        if (e.shape === 'partner-metrics') {
          for (const v of ['installs', 'installs-major', 'installs-minor', 'gmv-month-runs-on-atlassian', 'gmv-month-native-app', 'gmv-month-non-harmonised']) {
            expect(seriesOf.get(e.endpoint, v), `${e.endpoint} ${v}`).toBeGreaterThan(0);
          }
          continue;
        }
        const values = Object.values(e.pathParams ?? {}).flatMap((v) => (v === 'products' ? productIds : v));
        for (const variant of values.length ? values : ['']) {
          expect(snapshots.has(`${e.endpoint} ${variant}`), `${e.endpoint} ${variant}`).toBe(true);
          if (e.shape !== 'links') expect(seriesOf.get(e.endpoint, variant), `${e.endpoint} ${variant}`).toBeGreaterThan(0);
          if (e.exportEndpoint) expect(snapshots.has(`${e.exportEndpoint} ${variant}`), `${e.exportEndpoint} ${variant}`).toBe(true);
        }
      }
    }
  });

  it('a routine run after the clock advances picks up exactly the changes', async () => {
    const before = new Map(recordDatasets.map((d) => [d.id, simulatorRecords(sim, d)]));
    const advanced = sim.control.advance(6);
    const rewritten = advanced.newRewrites.length;
    const summary = await runSync({ db, credentials: credentials(), settings: settings() });
    expect(summary.status, JSON.stringify(summary.datasets.filter((d) => d.error))).toBe('succeeded');
    for (const d of recordDatasets) {
      const after = simulatorRecords(sim, d);
      const outcome = summary.datasets.find((o) => o.id === d.id)!;
      const added = [...after.keys()].filter((k) => !before.get(d.id)!.has(k)).length;
      // Silent rewrites during the advance are the reconciliation's job (next test), not a routine pull's.
      const diff = differences(sim, db, d);
      expect(diff.length, `${d.id}: ${diff.slice(0, 3).join(', ')}`).toBeLessThanOrEqual(d.id === 'licences' || d.id === 'transactions' ? rewritten : 0);
      expect(outcome.counts.inserted, d.id).toBe(added);
    }
    expect(summary.datasets.find((o) => o.id === 'transactions')!.counts.inserted).toBeGreaterThan(0);
  });

  it('a forced full reconciliation catches a silent rewrite and records it in the change history', async () => {
    const rewrite = sim.control.rewriteSilently();
    expect(rewrite).not.toBeNull();
    const routine = await runSync({ db, credentials: credentials(), settings: settings(), datasets: ['licences', 'transactions'] });
    expect(routine.status).toBe('succeeded');
    const dataset = recordDatasets.find((d) => d.id === rewrite!.dataset)!;
    expect(differences(sim, db, dataset).length).toBeGreaterThan(0);

    const historyBefore = db.prepare('SELECT count(*) FROM change_history WHERE dataset = ?').pluck().get(dataset.id) as number;
    const full = await runSync({ db, credentials: credentials(), settings: settings(), datasets: ['licences', 'transactions'], full: true });
    expect(full.status).toBe('succeeded');
    expect(differences(sim, db, dataset)).toEqual([]);
    const changes = db.prepare('SELECT record_key, field, old_value, new_value, sync_run_id FROM change_history WHERE dataset = ? AND sync_run_id = ?').all(dataset.id, full.runId) as { field: string; old_value: string | null; new_value: string | null }[];
    expect((db.prepare('SELECT count(*) FROM change_history WHERE dataset = ?').pluck().get(dataset.id) as number)).toBeGreaterThan(historyBefore);
    expect(changes.length).toBeGreaterThan(0);
    for (const c of changes) {
      expect(c.field).not.toBe('lastUpdated');
      expect(c.old_value).not.toBe(c.new_value);
    }
  });

  it('mpdesk status reports every data set with rows and the last success', async () => {
    const result = await runCli(['status', '--json', '--data-dir', dataDir, '--base-url', sim.baseUrl, '--developer-id', sim.developerId]);
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout) as { datasets: { id: string; rows: number; lastSuccessAt: string | null; lastError: string | null }[] };
    expect(status.datasets.map((d) => d.id)).toEqual([...recordDatasets.map((d) => d.id), ...aggregateGroups.map((g) => g.id)]);
    for (const d of status.datasets) {
      expect(d.lastSuccessAt, d.id).not.toBeNull();
      expect(d.lastError, d.id).toBeNull();
    }
    expect(status.datasets.find((d) => d.id === 'licences')!.rows).toBe(simulatorRecords(sim, recordDatasets[0]).size);
  });
});
