import { metricsSchemaMigration } from './metrics';
import { fullTextRebuildMigration } from './query/full-text';
import { gridIndexesMigration, gridSchemaMigration, lookupIndexesMigration } from './query/schema';
import { baseSpaceMigration, openMigratedSpaceDatabase, type Db, type Migration, type OnUpgrade, type OpenDatabaseOptions } from './store';

/**
 * Every migration of a developer space's database, in order. Each layer owns the tables it
 * reads (the store its record tables, the query layer its full-text tables and indexes, the
 * metrics layer its pre-aggregated tables); this module sits above them all and numbers them.
 */
export const spaceMigrations: readonly Migration[] = [
  baseSpaceMigration,
  metricsSchemaMigration,
  gridSchemaMigration,
  gridIndexesMigration,
  fullTextRebuildMigration,
  lookupIndexesMigration,
];

export const spaceSchemaVersion = spaceMigrations.length;

export function openSpaceDatabase(path: string, options: OpenDatabaseOptions & { onUpgrade?: OnUpgrade } = {}): Db {
  return openMigratedSpaceDatabase(path, spaceMigrations, options);
}
