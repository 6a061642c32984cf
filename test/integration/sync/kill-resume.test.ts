import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaceIdFor } from '../../../src/main/accounts/accounts-service';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { openDatabase, spaceDbPath, type Db } from '../../../src/main/store';
import { contentChecksum, runCli, syncArgs, tempDir } from './helpers';
import { openSpaceDatabase } from '../../../src/main/space-database';

const bin = fileURLToPath(new URL('../../../bin/mpdesk.js', import.meta.url));
let sim: RunningSimulator;
const dirs: string[] = [];

beforeAll(async () => {
  // Enough licences and transactions that their exports span two 2500-row batches (exportBatchSize),
  // and date windows of a few hundred events.
  sim = await startSimulator({ scale: 3000, exportPolls: 1, control: true, seed: 11 });
});
afterAll(async () => {
  await sim.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dbPathOf(dataDir: string): string {
  return spaceDbPath(dataDir, spaceIdFor(sim.developerId, sim.baseUrl));
}

function startChild(dataDir: string, extra: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [bin, ...syncArgs(sim, dataDir, extra)], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MPDESK_API_TOKEN: sim.token } });
  child.stderr!.resume();
  return child;
}

/** Polls the child's database (a separate reader connection) until `ready` holds, or the child exits. */
async function killWhen(child: ChildProcess, dataDir: string, what: string, ready: (db: Db, since: string) => boolean): Promise<void> {
  // Only what this child wrote counts (an earlier killed run left checkpoints behind).
  const since = new Date().toISOString();
  const exited = once(child, 'exit');
  let done = false;
  void exited.then(() => (done = true));
  let db: Db | null = null;
  try {
    for (let i = 0; i < 20_000 && !done; i++) {
      if (!db && existsSync(dbPathOf(dataDir))) {
        try {
          db = openDatabase(dbPathOf(dataDir), { readonly: true, role: 'reader' });
        } catch {
          db = null;
        }
      }
      try {
        if (db && ready(db, since)) {
          child.kill('SIGKILL');
          await exited;
          return;
        }
      } catch {
        // tables not created yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`the sync ended before the kill point "${what}"`);
  } finally {
    db?.close();
  }
}

const checkpoint = (db: Db, since: string, sql: string) => db.prepare(`SELECT count(*) FROM sync_checkpoints WHERE updated_at > ? AND ${sql}`).pluck().get(since) as number;

/** Runs the CLI sync to completion and returns the checksum of what it stored. */
async function syncToEnd(dataDir: string): Promise<string> {
  const run = await runCli(syncArgs(sim, dataDir), { MPDESK_API_TOKEN: sim.token });
  expect(run.code, run.stdout).toBe(0);
  const db = openSpaceDatabase(dbPathOf(dataDir));
  try {
    return contentChecksum(db);
  } finally {
    db.close();
  }
}

describe('a sync killed with SIGKILL and run again', () => {
  it('ends with exactly the content of an uninterrupted sync: first load, then a routine pull', async () => {
    const reference = tempDir('mpdesk-ref-');
    const killed = tempDir('mpdesk-kill-');
    dirs.push(reference, killed);
    const expected = await syncToEnd(reference);

    // Batches of 100 records: a date window's export (a few hundred events) is written in several.
    const points: [string, (db: Db, since: string) => boolean][] = [
      ['during an async export download', (db, since) => checkpoint(db, since, "scope = 'export' AND json_extract(state, '$.done') > 0 AND dataset IN ('licences', 'transactions')") > 0],
      ['in the middle of a date window\'s export', (db, since) => checkpoint(db, since, "scope LIKE 'window:%' AND json_extract(state, '$.done') > 0 AND json_extract(state, '$.complete') IS NULL") > 0],
      ['between data sets', (db, since) => (db.prepare('SELECT count(*) FROM dataset_state WHERE last_success_at > ?').pluck().get(since) as number) >= 2],
    ];
    for (const [what, ready] of points) {
      // The killed process leaves its sync lock behind: the next run sees its PID dead and takes it over.
      await killWhen(startChild(killed, ['--export-batch-rows', '100']), killed, what, ready);
    }
    expect(await syncToEnd(killed)).toBe(expected);
    const db = openSpaceDatabase(dbPathOf(killed));
    try {
      expect(db.prepare('SELECT count(*) FROM sync_checkpoints').pluck().get()).toBe(0);
      expect(db.prepare("SELECT count(*) FROM sync_runs WHERE status = 'interrupted'").pluck().get()).toBeGreaterThanOrEqual(3);
    } finally {
      db.close();
    }

    // Routine pulls page (lastUpdated lists): killed during paging, the rerun ends as the reference's routine run.
    sim.control.advance(20);
    const expectedRoutine = await syncToEnd(reference);
    await killWhen(startChild(killed), killed, 'during paging', (db, since) => checkpoint(db, since, "scope = 'list' AND json_extract(state, '$.offset') > 0") > 0);
    expect(await syncToEnd(killed)).toBe(expectedRoutine);
    // Seven CLI processes (each starting tsx) on a loaded 2-core CI machine.
  }, 300_000);
});
