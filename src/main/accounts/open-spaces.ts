import { recordDatasetIds } from '../../shared/catalogue';
import { AppFailure } from '../../shared/result';
import type { EventName, EventPayload } from '../../shared/contract';
import type { DataHandlers } from '../ipc/handlers';
import { openDatabase, spaceDbPath, type Db } from '../store';
import { demoAccount } from './account-views';
import { getAccountRow, readActiveAccountId } from './repository';
import { openSpaceDatabase, spaceSchemaVersion } from '../space-database';
import type { StartupChecks } from '../maintenance/startup-check';

/**
 * The space databases the data service has open. Switching accounts opens (or reuses) a file
 * and makes it current — instant, nothing is copied or synced. Earlier connections stay open so
 * work still running on them (a sync of the space being left) finishes on its own file; they
 * are closed when their space is released (before its data is deleted) or at shutdown.
 *
 * Queries (grid, dashboards, exports) read through a second, read-only connection of the current
 * space with a large page cache and mmap: it never waits for a sync's write transactions (WAL),
 * and nothing on a query path can write by mistake (p95 of a block during a
 * concurrent write 226 ms on the writer, 15 ms on a reader, bench/grid.ts). Writes (saved views, settings,
 * schema steps) stay on the writer.
 */
export function createOpenSpaces(dataDir: string, initialSpaceId: string, options: { checks?: StartupChecks; nameOf?: (id: string) => string } = {}) {
  const open = new Map<string, Db>();
  const readers = new Map<string, Db>();
  let currentId = initialSpaceId;
  const nameOf = options.nameOf ?? ((id: string) => (id === demoAccount.id ? 'the Demo space' : id));

  function connect(id: string): Db {
    let db = open.get(id);
    if (!db) {
      const path = spaceDbPath(dataDir, id);
      // Quick-checked the first time this process opens it: a damaged file is set aside and the
      // space starts empty, so its next sync is a full one that rebuilds it from the API.
      options.checks?.checkSpaceFile(path, spaceSchemaVersion, nameOf(id));
      db = openSpaceDatabase(path, { onUpgrade: (upgrade) => options.checks?.upgradingSpaceFile(path, nameOf(id), upgrade) });
      open.set(id, db);
    }
    return db;
  }
  try {
    connect(currentId);
  } catch (e) {
    // A file this app cannot open (written by a newer version) is left untouched; the service
    // still starts (settings, other accounts), and every request on that space answers the
    // same clear db.newer error, which the start-up notices also carry.
    if (!options.checks || !(e instanceof AppFailure && e.code === 'db.newer')) throw e;
  }

  function closeReader(id: string): void {
    readers.get(id)?.close();
    readers.delete(id);
  }

  return {
    currentId: () => currentId,
    /** The writer connection of the current space. */
    db: () => connect(currentId),
    /** The read-only query connection of the current space (opened after its writer has migrated the file). */
    reader(): Db {
      let reader = readers.get(currentId);
      if (!reader) {
        const writer = connect(currentId);
        reader = openDatabase(writer.name, { readonly: true, role: 'reader' });
        readers.set(currentId, reader);
      }
      return reader;
    },
    /** The writer connection of any space, opened (checked, migrated) if needed (a scheduled sync). */
    writerOf: (id: string): Db => connect(id),
    /** Makes a space current; answers whether it changed. */
    switchTo(id: string): boolean {
      connect(id);
      const changed = id !== currentId;
      // Queries run synchronously on this thread: none is in flight on the old reader.
      if (changed) closeReader(currentId);
      currentId = id;
      return changed;
    },
    release(id: string): boolean {
      const db = open.get(id);
      if (!db || id === currentId) return false;
      closeReader(id);
      db.close();
      open.delete(id);
      return true;
    },
    closeAll(): void {
      for (const id of [...readers.keys()]) closeReader(id);
      for (const db of open.values()) db.close();
      open.clear();
    },
  };
}

export type OpenSpaces = ReturnType<typeof createOpenSpaces>;

/** The space of the active account; the Demo space when none is chosen or it was removed. */
export function resolveActiveSpaceId(appDb: Db): string {
  const id = readActiveAccountId(appDb);
  if (id === null || id === demoAccount.id) return demoAccount.id;
  return getAccountRow(appDb, id) ? id : demoAccount.id;
}

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** The data service's `space.*` handlers (see contract-accounts.ts). */
export function createSpaceHandlers(spaces: OpenSpaces, appDb: Db, emit?: Emit): Pick<DataHandlers, 'space.open' | 'space.release'> {
  return {
    'space.open': () => {
      const id = resolveActiveSpaceId(appDb);
      // Every view reloads: all of its rows now come from another file.
      if (spaces.switchTo(id)) emit?.('data.changed', { datasets: [...recordDatasetIds] });
      return { spaceId: id };
    },
    'space.release': ({ spaceId }) => ({ released: spaces.release(spaceId) }),
  };
}
