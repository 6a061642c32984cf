import { recordDatasets } from '../../shared/catalogue';
import type { AppInfo, DatasetSummary, EventName, EventPayload } from '../../shared/contract';
import type { DataHandlers } from '../ipc/handlers';
import { queryGridRows } from '../query/grid-rows';
import { createGridHandlers } from '../query/handlers';
import { createSettingsHandlers } from '../settings/handlers';
import { createDashboardHandlers } from '../dashboards/handlers';
import { createOpenSpaces, createSpaceHandlers, resolveActiveSpaceId, type OpenSpaces } from '../accounts/open-spaces';
import { openAppDatabase, appDbPath, quoteIdent, spaceDbPath, type Db } from '../store';
import { appMigrations } from '../store/app-schema';
import { createSyncRunner } from '../sync/service-handlers';
import type { SyncWorkerSpec } from '../sync/worker/run-in-worker';
import { ensureGridSchemaOnce } from '../query/ensure-once';
import { ensureMetricTables } from '../metrics';
import { spaceSchemaVersion } from '../space-database';
import { createBackgroundSync, type BackgroundSync, type BackgroundSyncDeps } from '../schedule/background';
import type { ApiCredentials } from '../sync/client/http-client';
import { createStartupChecks } from '../maintenance/startup-check';
import { createDemoReseed } from '../maintenance/demo-reseed';
import { salvageAccounts } from '../maintenance/salvage-accounts';
import { demoAccount } from '../accounts/account-views';
import { getAccountRow } from '../accounts/repository';

export interface DataServiceOptions {
  dataDir: string;
  version: string;
  /** The developer space to open; by default the active account's (app database), else `demo`. */
  spaceId?: string;
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** The app's sync schedule and connectivity monitor: started only when given (the worker; never the CLI). */
  background?: Pick<BackgroundSyncDeps, 'clock' | 'probe' | 'log' | 'datasets'>;
  /** Credentials of a saved space (tests); by default the OS keychain. */
  credentialsFor?: (spaceId: string) => Promise<ApiCredentials>;
  /** Run each sync in a worker thread of its own (the app); without it syncs run in this thread. */
  syncWorker?: SyncWorkerSpec;
}

export interface DataService {
  readonly handlers: DataHandlers;
  /** The writer connection of the open space (sync, tests). It changes when `space.open` switches
   *  accounts: read it at the time of use, do not keep it. */
  readonly spaceDb: Db;
  /** The schedule and connectivity monitor (idle unless `background` was given). */
  readonly background: BackgroundSync;
  close(): void;
}

/**
 * The data service owns the databases. In the app it runs in a worker thread (worker.ts) so
 * that heavy queries never block the Electron main process, and each sync runs in a worker of
 * its own (`syncWorker`) so that its write transactions never hold up a query; the command line
 * and tests run it in-process. Its handlers answer the contract's `data` methods.
 */
export function createDataService(options: DataServiceOptions): DataService {
  const checks = createStartupChecks({ emit: ({ level, message }) => options.emit?.('app.notice', { level, message }) });
  checks.checkAppFile(appDbPath(options.dataDir), appMigrations.at(-1)?.version ?? 0, salvageAccounts);
  const appDb = openAppDatabase(appDbPath(options.dataDir));
  const nameOf = (id: string) => (id === demoAccount.id ? 'the Demo space' : (getAccountRow(appDb, id)?.name ?? id));
  const spaces = createOpenSpaces(options.dataDir, options.spaceId ?? resolveActiveSpaceId(appDb), { checks, nameOf });
  const queryDb = () => readerFor(spaces);

  const sync = createSyncRunner({
    dataDir: options.dataDir,
    spaces,
    emit: options.emit,
    credentialsFor: options.credentialsFor,
    worker: options.syncWorker,
    nameOf,
    onFinished: (s, id) => background.finished(s, id),
  });
  const spaceHandlers = createSpaceHandlers(spaces, appDb, options.emit);
  const background = createBackgroundSync({ appDb, spaces, sync, nameOf, pathOf: (id) => spaceDbPath(options.dataDir, id), emit: options.emit, ...options.background });
  const handlers: DataHandlers = background.attach({
    'app.info': (): AppInfo => ({
      version: options.version,
      platform: process.platform,
      dataDir: options.dataDir,
      spaceSchemaVersion,
    }),
    'datasets.summary': (): DatasetSummary[] => summariseDatasets(queryDb()),
    'grid.rows': (request) => queryGridRows(queryDb(), request),
    'app.notices': () => checks.notices(),
    'maintenance.activeSpace': () => ({ spaceId: spaces.currentId(), path: spaceDbPath(options.dataDir, spaces.currentId()) }),
    // Domain handler groups (sync, grid queries, …) are spread in here, one line each.
    ...createSettingsHandlers(appDb),
    // They get the open space's connections at call time: switching accounts changes them.
    // Queries read through the reader; saved views and schema steps write through the writer.
    ...createGridHandlers({ db: () => spaces.db(), reader: queryDb, emit: options.emit }),
    ...createDashboardHandlers({ db: queryDb }),
    ...spaceHandlers,
    // A removed account's file is deleted after this answers: its sync must have stopped first.
    'space.release': async (request, ctx) => {
      await sync.stop(request.spaceId);
      return spaceHandlers['space.release'](request, ctx);
    },
    ...sync.handlers,
  });
  if (options.background) {
    // A damaged Demo file kept aside at start-up gets its sample data back by itself (demo-reseed.ts).
    checks.onSpaceReset(createDemoReseed({ demoPath: spaceDbPath(options.dataDir, demoAccount.id), sync, emit: options.emit, datasets: options.background.datasets }));
    void background.start();
  }

  return {
    handlers,
    get spaceDb() {
      return spaces.db();
    },
    background,
    close() {
      background.stop();
      sync.close();
      spaces.closeAll();
      appDb.close();
    },
  };
}

const preparedForQueries = new WeakSet<Db>();

/**
 * The current space's read-only query connection. Whatever a query path would otherwise create
 * on first use (full-text tables of a file from before migration 3, metric tables of a newer
 * layout) is created first on the writer, once per connection: the reader cannot write.
 */
function readerFor(spaces: OpenSpaces): Db {
  const writer = spaces.db();
  if (!preparedForQueries.has(writer)) {
    ensureGridSchemaOnce(writer);
    ensureMetricTables(writer);
    preparedForQueries.add(writer);
  }
  return spaces.reader();
}

function summariseDatasets(db: Db): DatasetSummary[] {
  const state = db.prepare('SELECT last_success_at, last_error FROM dataset_state WHERE dataset = ?');
  return recordDatasets.map((d) => {
    const s = state.get(d.id) as { last_success_at: string | null; last_error: string | null } | undefined;
    const rowCount = (db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(d.table)}`).get() as { n: number }).n;
    return { id: d.id, title: d.title, rowCount, lastSuccessAt: s?.last_success_at ?? null, lastError: s?.last_error ?? null };
  });
}
