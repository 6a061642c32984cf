import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { recordDataset } from '../../../src/shared/catalogue';
import { openSpaceDatabase } from '../../../src/main/space-database';
import type { Db } from '../../../src/main/store';
import { createApiClient } from '../../../src/main/sync/client/http-client';
import { createRecordSyncContext, emptyCounts } from '../../../src/main/sync/engine/context';
import { createProgressTracker } from '../../../src/main/sync/engine/progress';
import { pullStream, type ExportCheckpoint } from '../../../src/main/sync/engine/pulls';
import { defaultSettings } from '../../../src/main/sync/engine/run-sync';
import { readCheckpoint } from '../../../src/main/sync/engine/state';
import { jsonArrayTexts } from '../../../src/main/sync/engine/json-array';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const licences = recordDataset('licences');

function freshContext(exportBatchRows: number) {
  const dir = mkdtempSync(join(tmpdir(), 'mpdesk-export-batches-'));
  dirs.push(dir);
  const db = openSpaceDatabase(join(dir, 'space.sqlite'));
  // The streams below are handed over directly: the client is never asked for anything.
  const client = createApiClient({ baseUrl: 'http://127.0.0.1:9', developerId: 'd', email: 'e@example.com', token: 't' });
  const batches: number[] = [];
  const progress = createProgressTracker('licences', (p) => {
    if (p.phase === 'downloading' && p.done > 0) batches.push(p.done);
  });
  const ctx = createRecordSyncContext({ db, client, dataset: licences, runId: 1, settings: { ...defaultSettings(), exportBatchRows }, progress, counts: emptyCounts() });
  return { db, ctx, batches };
}

/** An export body: the records as one JSON array, cut into small chunks (elements span chunks). */
function exportBody(records: readonly unknown[]): Readable {
  const bytes = Buffer.from(`[\n${records.map((r) => JSON.stringify(r)).join(',\n ')}\n]`);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 97) parts.push(bytes.subarray(i, i + 97));
  return Readable.from(parts);
}

const record = (i: number) => ({ appEntitlementId: `id-${i}`, appEntitlementNumber: `E-${i}`, addonKey: 'app', contactDetails: { company: `Company ${i} "ü"` } });

function pull(db: Db, ctx: ReturnType<typeof freshContext>['ctx'], records: readonly unknown[]) {
  return pullStream(ctx, 'export', (consume) => consume(exportBody(records)), (body) => jsonArrayTexts(body, 'licences-export'), 'licences-export', {});
}

const stored = (db: Db) => db.prepare('SELECT _key, _raw FROM licences ORDER BY _rowid').raw(true).all() as [string, string][];

describe('export batches (held as JSON text, flattened as they are written)', () => {
  it('writes every record in batches of the set size, the raw record as JSON.stringify gives it', async () => {
    const { db, ctx, batches } = freshContext(10);
    const records = Array.from({ length: 25 }, (_, i) => record(i));
    await pull(db, ctx, records);
    expect(batches).toEqual([10, 20, 25]);
    expect(stored(db)).toEqual(records.map((r) => [r.appEntitlementId, JSON.stringify(r)]));
    expect(readCheckpoint<ExportCheckpoint>(db, 'licences', 'export')).toMatchObject({ done: 25, complete: true });
  });

  it('a malformed record fails its whole batch, naming its place; the batches before it stay and a resumed pull writes the rest once', async () => {
    // Batches larger than the writer's slices (context.ts): the slices of the failing batch
    // written before the bad record are rolled back with it.
    const { db, ctx } = freshContext(600);
    const records: unknown[] = Array.from({ length: 1500 }, (_, i) => record(i));
    const bad = [...records];
    bad[1150] = { addonKey: 'no key at all' };
    const error = await pull(db, ctx, bad).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'api.malformed', message: expect.stringMatching(/^licences-export, record 1151: malformed record/) });
    // Records 601-1151 were in the failing batch: none of them is stored, and the checkpoint is the first batch's.
    expect(stored(db).map(([k]) => k)).toEqual(records.slice(0, 600).map((_, i) => `id-${i}`));
    expect(readCheckpoint<ExportCheckpoint>(db, 'licences', 'export')).toEqual({ done: 600 });
    await pull(db, ctx, records);
    expect(stored(db)).toEqual(records.map((r) => [(r as { appEntitlementId: string }).appEntitlementId, JSON.stringify(r)]));
  });

  it('a record that is not valid JSON is a retryable cut body, and nothing of its batch is written', async () => {
    const { db, ctx } = freshContext(10);
    const body = Readable.from([Buffer.from(`[${JSON.stringify(record(1))},{"appEntitlementId": tru}]`)]);
    const error = await pullStream(ctx, 'export', (consume) => consume(body), (b) => jsonArrayTexts(b, 'licences-export'), 'licences-export', {}).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/not valid JSON/) });
    expect(stored(db)).toEqual([]);
  });
});
