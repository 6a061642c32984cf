import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSettings, updateSettings } from '../../src/main/settings/repository';
import { openAppDatabase, type Db } from '../../src/main/store';
import { defaultSettings, scheduleFor } from '../../src/shared/settings';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-settings-'));
  db = openAppDatabase(join(dir, 'app.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('settings', () => {
  it('answers the defaults on a new database: notifications off, sync every 6 hours', () => {
    expect(readSettings(db)).toEqual(defaultSettings);
    expect(defaultSettings.notifications).toEqual({ newSales: false, newEvaluations: false, cancellations: false, refunds: false });
    expect(scheduleFor(defaultSettings, 'any')).toEqual({ enabled: true, intervalHours: 6, fullReconcileDays: 7 });
  });

  it('stores validated updates that survive reopening the file', () => {
    updateSettings(db, { theme: 'dark', schedules: { acme: { enabled: false, intervalHours: 12, fullReconcileDays: 7 } } });
    db.close();
    db = openAppDatabase(join(dir, 'app.sqlite'));
    const s = readSettings(db);
    expect(s.theme).toBe('dark');
    expect(scheduleFor(s, 'acme')).toEqual({ enabled: false, intervalHours: 12, fullReconcileDays: 7 });
    expect(scheduleFor(s, 'other')).toEqual(defaultSettings.defaultSchedule);
  });

  it('refuses invalid values and writes nothing', () => {
    for (const bad of [{ theme: 'purple' }, { exportPageSize: 5 }, { defaultSchedule: { enabled: true, intervalHours: 0, fullReconcileDays: 7 } }, { unknown: 1 }, { schedules: { 'bad id!': defaultSettings.defaultSchedule } }]) {
      expect(() => updateSettings(db, bad)).toThrowError(/Invalid setting/);
    }
    expect(readSettings(db)).toEqual(defaultSettings);
  });

  it('falls back to the default for a damaged stored value', () => {
    db.prepare("INSERT INTO settings (key, value) VALUES ('theme', '{not json'), ('dateDisplay', '\"martian\"')").run();
    expect(readSettings(db)).toMatchObject({ theme: 'system', dateDisplay: 'utc' });
  });
});
