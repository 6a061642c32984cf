import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDataset } from '../../src/shared/catalogue';
import { startDataWorker, type DataWorker } from '../../src/main/data-service/worker-client';
import { spaceDbPath } from '../../src/main/store';
import { createRecordWriter } from '../../src/main/store/record-writer';
import { AppFailure } from '../../src/shared/result';
import { openSpaceDatabase } from '../../src/main/space-database';

// The data service in a real worker thread, as the app runs it (the .ts entry through tsx).
let dir: string;
let worker: DataWorker;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-worker-'));
  const db = openSpaceDatabase(spaceDbPath(dir, 'demo'));
  const write = createRecordWriter(db, recordDataset('licences'));
  write(
    Array.from({ length: 120 }, (_, i) => ({ appEntitlementId: `id-${String(i).padStart(3, '0')}`, addonName: i % 2 ? 'Beta' : 'Alpha', maintenanceStartDate: `2025-01-${String((i % 28) + 1).padStart(2, '0')}` })),
    '2026-01-01T00:00:00Z',
  );
  db.close();
  worker = await startDataWorker({
    workerPath: join(import.meta.dirname, '../../src/main/data-service/worker.ts'),
    execArgv: ['--import', 'tsx'],
    dataDir: dir,
    version: '9.9.9',
  });
});

afterAll(async () => {
  await worker?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('data service worker', () => {
  it('answers contract calls over the worker boundary', async () => {
    const info = await worker.handlers['app.info']({}, { senderUrl: 'test' });
    expect(info).toMatchObject({ version: '9.9.9', dataDir: dir });
    const summary = await worker.handlers['datasets.summary']({}, { senderUrl: 'test' });
    expect(summary.find((s) => s.id === 'licences')?.rowCount).toBe(120);
  });

  it('serves grid blocks sorted as asked, with stable paging', async () => {
    const call = (startRow: number, endRow: number) =>
      worker.handlers['grid.rows']({ dataset: 'licences', startRow, endRow, sortModel: [{ colId: 'addonName', sort: 'desc' }] }, { senderUrl: 'test' });
    const first = await call(0, 60);
    const second = await call(60, 120);
    expect(first.rowCount).toBe(120);
    expect(first.rows[0]?.addonName).toBe('Beta');
    expect(second.rows.at(-1)?.addonName).toBe('Alpha');
    const keys = [...first.rows, ...second.rows].map((r) => r._key);
    expect(new Set(keys).size).toBe(120);
  });

  it('carries error codes back as failures', async () => {
    await expect(
      worker.handlers['grid.rows']({ dataset: 'licences', startRow: 0, endRow: 10, sortModel: [{ colId: 'nope', sort: 'asc' }] }, { senderUrl: 'test' }),
    ).rejects.toSatisfy((e: unknown) => e instanceof AppFailure && e.code === 'validation');
  });
});
