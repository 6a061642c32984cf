import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDataService } from '../../../src/main/data-service/service';
import { appDbPath, openAppDatabase, spaceDbPath } from '../../../src/main/store';

const ctx = { senderUrl: 'test' };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** An app database with one saved account (rows written as the accounts service writes them). */
function dataDirWithAccount(accountId: string, active: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'mpdesk-spaces-'));
  dirs.push(dir);
  const db = openAppDatabase(appDbPath(dir));
  db.prepare("INSERT INTO accounts VALUES (?, 'Acme', ?, 'p@example.com', 'https://api.atlassian.com/marketplace', '2026-01-01T00:00:00Z', NULL)").run(accountId, accountId);
  if (active) db.prepare("INSERT INTO settings VALUES ('activeAccountId', ?)").run(active);
  db.close();
  return dir;
}

describe('the data service follows the active account', () => {
  const id = '5b2c3d4e-1f2a-4b3c-9d8e-7f6a5b4c3d2e';

  it('opens the active account’s space at start, and the Demo space without one', () => {
    const dir = dataDirWithAccount(id, id);
    const service = createDataService({ dataDir: dir, version: 't' });
    expect(service.spaceDb.name).toBe(spaceDbPath(dir, id));
    service.close();
    const none = createDataService({ dataDir: dataDirWithAccount(id, null), version: 't' });
    expect(none.spaceDb.name).toMatch(/demo\.sqlite$/);
    none.close();
  });

  it('falls back to Demo when the active account no longer exists', () => {
    const service = createDataService({ dataDir: dataDirWithAccount(id, 'removed-account'), version: 't' });
    expect(service.spaceDb.name).toMatch(/demo\.sqlite$/);
    service.close();
  });

  it('switches on space.open, emits data.changed once, and releases only spaces not in use', async () => {
    const dir = dataDirWithAccount(id, null);
    const events: string[] = [];
    const service = createDataService({ dataDir: dir, version: 't', emit: (e) => events.push(e) });
    try {
      expect(await service.handlers['space.open']({}, ctx)).toEqual({ spaceId: 'demo' });
      expect(events).toEqual([]);

      const app = openAppDatabase(appDbPath(dir));
      app.prepare("INSERT INTO settings VALUES ('activeAccountId', ?)").run(id);
      app.close();
      expect(await service.handlers['space.open']({}, ctx)).toEqual({ spaceId: id });
      expect(events).toEqual(['data.changed']);
      expect(service.spaceDb.name).toBe(spaceDbPath(dir, id));
      expect((await service.handlers['datasets.summary']({}, ctx)).length).toBeGreaterThan(0);

      expect(await service.handlers['space.release']({ spaceId: id }, ctx)).toEqual({ released: false });
      expect(await service.handlers['space.release']({ spaceId: 'demo' }, ctx)).toEqual({ released: true });
      expect(existsSync(spaceDbPath(dir, 'demo'))).toBe(true);
    } finally {
      service.close();
    }
  });
});
