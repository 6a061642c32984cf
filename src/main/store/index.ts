import { join } from 'node:path';
import { appMigrations } from './app-schema';
import { migrate, type Migration, type OnUpgrade } from './migrate';
import { openDatabase, type Db, type OpenDatabaseOptions } from './open-database';
import { ensureRecordTables } from './record-tables';

export { openDatabase, pageSize, type Db } from './open-database';
export { migrate, type Migration, type OnUpgrade } from './migrate';
export { quoteIdent, recordMetaColumns } from './record-tables';
export { baseSpaceMigration } from './space-schema';
export type { OpenDatabaseOptions } from './open-database';

/** The space database of an account: `<dataDir>/spaces/<accountId>.sqlite`. */
export function spaceDbPath(dataDir: string, accountId: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(accountId)) throw new Error(`invalid account id: ${accountId}`);
  return join(dataDir, 'spaces', `${accountId}.sqlite`);
}

export function appDbPath(dataDir: string): string {
  return join(dataDir, 'app.sqlite');
}

/**
 * Opens a space database and brings it to `migrations` (the full list lives in
 * src/main/space-database.ts, above the layers that own some of them).
 */
export function openMigratedSpaceDatabase(path: string, migrations: readonly Migration[], options: OpenDatabaseOptions & { onUpgrade?: OnUpgrade } = {}): Db {
  const db = openDatabase(path, options);
  try {
    if (!options.readonly) {
      migrate(db, migrations, 'data file', options.onUpgrade);
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
