import { join } from 'node:path';
import { appMigrations } from './app-schema';
import { migrate } from './migrate';
import { openDatabase, type Db, type OpenDatabaseOptions } from './open-database';
import { ensureRecordTables } from './record-tables';
import { spaceMigrations } from './space-schema';

export { openDatabase, type Db } from './open-database';
export { migrate, type Migration } from './migrate';
export { quoteIdent, recordMetaColumns } from './record-tables';

/** The space database of an account: `<dataDir>/spaces/<accountId>.sqlite`. */
export function spaceDbPath(dataDir: string, accountId: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(accountId)) throw new Error(`invalid account id: ${accountId}`);
  return join(dataDir, 'spaces', `${accountId}.sqlite`);
}

export function appDbPath(dataDir: string): string {
  return join(dataDir, 'app.sqlite');
}

export function openSpaceDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  const db = openDatabase(path, options);
  try {
    if (!options.readonly) {
      migrate(db, spaceMigrations, 'data file');
      // Columns the catalogue gained after the file was written.
      ensureRecordTables(db);
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function openAppDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  const db = openDatabase(path, options);
  try {
    migrate(db, appMigrations, 'app database');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
