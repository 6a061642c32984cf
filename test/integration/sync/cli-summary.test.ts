import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPath, recordDataset, type RecordDatasetId } from '../../../src/shared/catalogue';
import { spaceIdFor } from '../../../src/main/accounts/accounts-service';
import { acquireSyncLock } from '../../../src/main/maintenance/sync-lock';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { spaceDbPath } from '../../../src/main/store';
import { runCli, simulatorRecords, syncArgs, tempDir } from './helpers';

let sim: RunningSimulator;
const dirs: string[] = [];
const datasets = ['licences', 'transactions', 'churn-events'] as const;

beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', exportPolls: 0, control: true, seed: 21 });
});
afterAll(async () => {
  await sim.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The simulator's records of a data set, parsed, by natural key. */
function recordsOf(id: RecordDatasetId): Map<string, unknown> {
  return new Map([...simulatorRecords(sim, recordDataset(id))].map(([k, raw]) => [k, JSON.parse(raw) as unknown]));
}

/** A column's value in a record, read by the catalogue's path as the store flattens it. */
function valueOf(id: RecordDatasetId, record: unknown, column: string): unknown {
  return readPath(record, recordDataset(id).columns.find((c) => c.name === column)!.path);
}

describe('mpdesk sync prints what the run brought', () => {
  it('new sales, evaluations, cancellations and refunds with counts: none on a first load, exactly the new records after the clock advances', async () => {
    const dir = tempDir('mpdesk-cli-summary-');
    dirs.push(dir);
    const args = () => syncArgs(sim, dir, ['--datasets', datasets.join(',')]);
    const first = await runCli(args(), { MPDESK_API_TOKEN: sim.token });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('This run: 0 new sales, 0 new evaluations, 0 cancellations, 0 refunds.');

    const before = new Map(datasets.map((id) => [id, recordsOf(id)]));
    sim.control.advance(20);
    const added = (id: RecordDatasetId) => [...recordsOf(id)].filter(([k]) => !before.get(id as (typeof datasets)[number])!.has(k)).map(([, r]) => r);
    const sales = added('transactions').filter((r) => valueOf('transactions', r, 'saleType') !== 'Refund').length;
    const refunds = added('transactions').filter((r) => valueOf('transactions', r, 'saleType') === 'Refund').length;
    const evaluations = added('licences').filter((r) => valueOf('licences', r, 'licenseType') === 'EVALUATION').length;
    const cancellations = added('churn-events').length;
    expect(sales, 'the advance brought new sales').toBeGreaterThan(0);
    expect(evaluations, 'the advance brought new evaluations').toBeGreaterThan(0);

    const second = await runCli(args(), { MPDESK_API_TOKEN: sim.token });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain(`This run: ${sales} new sales, ${evaluations} new evaluations, ${cancellations} cancellations, ${refunds} refunds.`);
  });

  it('refuses to run beside another sync of the same account, naming it and its pid, and writes nothing', async () => {
    const dir = tempDir('mpdesk-cli-busy-');
    dirs.push(dir);
    // The app's data service (or another mpdesk sync) holding the account's lock: here, this process.
    const dbPath = spaceDbPath(dir, spaceIdFor(sim.developerId, sim.baseUrl));
    const release = await acquireSyncLock(dbPath);
    try {
      const busy = await runCli(syncArgs(sim, dir, ['--datasets', 'feedback']), { MPDESK_API_TOKEN: sim.token });
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain(`mpdesk: A sync of ${sim.developerId} is already running (pid ${process.pid}, started`);
      expect(busy.stderr).toContain('pass --wait to queue behind it');
      expect(existsSync(dbPath)).toBe(false);
    } finally {
      await release();
    }
  });
});
