import { closeSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDataService, type DataService } from '../../../src/main/data-service/service';
import { createManualClock } from '../../../src/main/schedule/clock';
import { spaceDbPath } from '../../../src/main/store';
import { createRecordWriter } from '../../../src/main/store/record-writer';
import { openSpaceDatabase } from '../../../src/main/space-database';
import { recordDataset } from '../../../src/shared/catalogue';
import type { EventName, EventPayload } from '../../../src/shared/contract';
import { tempDir } from '../sync/helpers';

const ctx = { senderUrl: 'test' };
const dirs: string[] = [];
const services: DataService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A Demo file with rows in it, then pages in its middle overwritten as a failing disk would. */
function writeDamagedDemoFile(dataDir: string): string {
  const path = spaceDbPath(dataDir, 'demo');
  const db = openSpaceDatabase(path);
  const write = createRecordWriter(db, recordDataset('licences'));
  db.transaction(() => write(Array.from({ length: 3000 }, (_, i) => ({ appEntitlementId: `id-${i}`, company: `Company ${i} with a longer name to fill pages`, addonName: 'App' })), 't'))();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(16 * 1024, 0xa5), 0, 16 * 1024, Math.floor(size / 2 / 4096) * 4096);
  closeSync(fd);
  return path;
}

describe('the Demo space after its file was damaged', () => {
  it('keeps the damaged file aside and generates the demo data again by itself, with the schedule off, telling the user', async () => {
    const dataDir = tempDir('mpdesk-demo-reseed-');
    dirs.push(dataDir);
    // The schedule is off: only the re-seed can bring the data back.
    const setup = createDataService({ dataDir, version: 'test', spaceId: 'demo' });
    await setup.handlers['settings.update']({ defaultSchedule: { enabled: false, intervalHours: 6, fullReconcileDays: 7 } }, ctx);
    setup.close();
    rmSync(spaceDbPath(dataDir, 'demo'), { force: true });
    for (const suffix of ['-wal', '-shm']) rmSync(spaceDbPath(dataDir, 'demo') + suffix, { force: true });
    writeDamagedDemoFile(dataDir);

    const events: { event: EventName; payload: unknown }[] = [];
    const service = createDataService({
      dataDir,
      version: 'test',
      spaceId: 'demo',
      emit: <E extends EventName>(event: E, payload: EventPayload<E>) => events.push({ event, payload }),
      background: { clock: createManualClock(Date.now()), probe: async () => true, datasets: ['licences'] },
    });
    services.push(service);
    expect(readdirSync(join(dataDir, 'spaces')).some((n) => n.startsWith('demo.sqlite.corrupt-') && !/-(wal|shm)$/.test(n))).toBe(true);

    let licences = 0;
    for (let i = 0; i < 3000 && licences === 0; i++) {
      const status = await service.handlers['sync.status']({}, ctx);
      if (!status.running && status.lastRun?.finishedAt) {
        expect(status.lastRun.status).toBe('succeeded');
        licences = (await service.handlers['datasets.summary']({}, ctx)).find((d) => d.id === 'licences')?.rowCount ?? 0;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(licences).toBeGreaterThan(1000); // the demo world, not the 3000 rows of the damaged file
    expect(licences).not.toBe(3000);
    const notices = events.filter((e) => e.event === 'app.notice').map((e) => e.payload as EventPayload<'app.notice'>);
    expect(notices.map((n) => n.level)).toEqual(['warning', 'info']);
    expect(notices[0]!.message).toContain('The data file of the Demo space was damaged');
    expect(notices[1]!.message).toContain('The Demo space is generating its sample data again');
    const runs = service.spaceDb.prepare('SELECT count(*) FROM sync_runs').pluck().get();
    expect(runs).toBe(1);
  });

  it('leaves a damaged account file for its next sync: no sync starts by itself with the schedule off', async () => {
    const dataDir = tempDir('mpdesk-demo-reseed-');
    dirs.push(dataDir);
    const setup = createDataService({ dataDir, version: 'test', spaceId: 'demo' });
    await setup.handlers['settings.update']({ defaultSchedule: { enabled: false, intervalHours: 6, fullReconcileDays: 7 } }, ctx);
    setup.close();
    const damaged = writeDamagedDemoFile(dataDir);
    const accountPath = spaceDbPath(dataDir, 'acct-1');
    rmSync(accountPath, { force: true });
    // The same damaged bytes under an account's name.
    renameSync(damaged, accountPath);

    const events: { event: EventName; payload: unknown }[] = [];
    const service = createDataService({
      dataDir,
      version: 'test',
      spaceId: 'acct-1',
      emit: <E extends EventName>(event: E, payload: EventPayload<E>) => events.push({ event, payload }),
      background: { clock: createManualClock(Date.now()), probe: async () => true, datasets: ['licences'] },
    });
    services.push(service);
    await new Promise((r) => setImmediate(r));
    expect((await service.handlers['sync.status']({}, ctx)).running).toBe(false);
    const notices = events.filter((e) => e.event === 'app.notice').map((e) => e.payload as EventPayload<'app.notice'>);
    expect(notices.map((n) => n.level)).toEqual(['warning']);
    expect(notices[0]!.message).toContain('the next sync downloads everything again');
  });
});
