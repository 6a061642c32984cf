import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordDataset } from '../../src/shared/catalogue';
import Database from 'better-sqlite3';
import { migrate, openDatabase, pageSize, type Db, type Migration } from '../../src/main/store';
import { createRecordTableSql } from '../../src/main/store/record-tables';
import { type AppFailure } from '../../src/shared/result';
import { openSpaceDatabase, spaceMigrations, spaceSchemaVersion } from '../../src/main/space-database';

let dir: string;
const open: Db[] = [];
const track = (db: Db) => (open.push(db), db);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-store-'));
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('sets WAL, foreign keys and NORMAL synchronous on a real file', () => {
    const db = track(openDatabase(join(dir, 'a.sqlite')));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('creates new files with 16 KiB pages and leaves an existing file its own page size', () => {
    const fresh = track(openDatabase(join(dir, 'new.sqlite')));
    fresh.exec('CREATE TABLE t (x)');
    expect(fresh.pragma('page_size', { simple: true })).toBe(pageSize);
    // An older space, made with SQLite's default 4 KiB pages, opens unchanged with its rows.
    const legacy = new Database(join(dir, 'old.sqlite'));
    legacy.pragma('page_size = 4096');
    legacy.pragma('journal_mode = WAL');
    legacy.exec("CREATE TABLE t (x); INSERT INTO t VALUES ('kept')");
    legacy.close();
    const reopened = track(openDatabase(join(dir, 'old.sqlite')));
    expect(reopened.pragma('page_size', { simple: true })).toBe(4096);
    expect(reopened.prepare('SELECT x FROM t').pluck().get()).toBe('kept');
  });

  it('reports statements slower than the threshold', () => {
    const slow: string[] = [];
    const db = track(openDatabase(join(dir, 'b.sqlite'), { slowQueryMs: 0, onSlowQuery: (sql) => slow.push(sql) }));
    db.prepare('SELECT 1').get();
    expect(slow).toEqual(['SELECT 1']);
  });
});

describe('migrations', () => {
  it('creates every record table of the catalogue as STRICT, and the bookkeeping tables', () => {
    const db = track(openSpaceDatabase(join(dir, 's.sqlite')));
    expect(db.pragma('user_version', { simple: true })).toBe(spaceSchemaVersion);
    const tables = (db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['licences', 'transactions', 'churn_events', 'change_history', 'sync_runs', 'sync_checkpoints', 'aggregate_series']));
    const strict = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'licences'").get() as { sql: string };
    expect(strict.sql).toMatch(/STRICT$/);
  });

  it('numbers the migrations owned by the metrics and query layers after the base one', () => {
    const db = track(openSpaceDatabase(join(dir, 's.sqlite')));
    expect(spaceMigrations.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6]);
    const names = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    expect(names.has('metric_mrr_month')).toBe(true);
    expect([...names].some((n) => n.endsWith('_fts'))).toBe(true);
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const path = join(dir, 'newer.sqlite');
    const db = openDatabase(path);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openSpaceDatabase(path)).toThrowError(/newer version of Marketplace Desk/);
    try {
      openSpaceDatabase(path);
    } catch (e) {
      expect((e as AppFailure).code).toBe('db.newer');
    }
    const again = track(openDatabase(path));
    expect(again.pragma('user_version', { simple: true })).toBe(999);
  });

  it('applies pending migrations in one transaction: a failing one leaves the old version', () => {
    const db = track(openDatabase(join(dir, 'm.sqlite')));
    const migrations: Migration[] = [
      { version: 1, description: 'a', up: (d) => d.exec('CREATE TABLE a (x INTEGER) STRICT') },
      { version: 2, description: 'b', up: (d) => d.exec('CREATE TABLE b (x INTEGER) STRICT; INSERT INTO missing VALUES (1)') },
    ];
    expect(() => migrate(db, migrations, 'test')).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('a', 'b')").get()).toEqual({ n: 0 });
    expect(migrate(db, migrations.slice(0, 1), 'test')).toEqual({ from: 0, to: 1 });
    expect(migrate(db, migrations.slice(0, 1), 'test')).toEqual({ from: 1, to: 1 });
  });

  it('adds columns the catalogue gained since the file was written', () => {
    const path = join(dir, 'old.sqlite');
    const licences = recordDataset('licences');
    const older = { ...licences, columns: licences.columns.filter((c) => c.name !== 'tier') };
    const db = openSpaceDatabase(path);
    db.exec('DROP TABLE licences');
    db.exec(createRecordTableSql(older));
    db.close();
    const reopened = track(openSpaceDatabase(path));
    const columns = (reopened.prepare("SELECT name FROM pragma_table_info('licences')").all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('tier');
  });
});
