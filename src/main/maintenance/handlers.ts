import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { EventName, EventPayload } from '../../shared/contract';
import type { DataDirSource } from '../../shared/contract-maintenance';
import { AppFailure } from '../../shared/result';
import type { DialogService } from '../dialogs/handlers';
import type { CallContext, DataHandlers, Handler } from '../ipc/handlers';
import { logDir } from '../logging';
import { backupDatabase } from './backup';
import { measureFolder } from './data-dir-info';
import { moveDataDir } from './move-data-dir';
import { requestFullCheckAtStartup } from './integrity';
import { quickCheckOffThread } from './quick-check-thread';

export interface MaintenanceDeps {
  /** The data directory in use and where its path came from (it changes after a move). */
  dataDir: () => { path: string; source: DataDirSource };
  /** The data service's handlers (main asks it which space file is open). */
  data: () => DataHandlers;
  dialogs?: DialogService;
  /** Opens a folder in the OS file manager (electron's shell.openPath); resolves to an error text or ''. */
  openPath?: (path: string) => Promise<string>;
  /** Stops and restarts what runs on the data directory (a move); absent headless, where moving refuses. */
  session?: { stop(): Promise<void>; start(dataDir: string): Promise<void>; relocate(next: { path: string; source: DataDirSource }): void };
  /** The location file a move writes, and the OS-convention directory (moving back there removes the file). */
  locationFile?: string;
  defaultDir?: string;
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  now?: () => Date;
}

type MaintenanceHandlers = {
  'app.dataDir': Handler<'app.dataDir'>;
  'maintenance.backup': Handler<'maintenance.backup'>;
  'app.showLogs': Handler<'app.showLogs'>;
  'maintenance.moveDataDir': Handler<'maintenance.moveDataDir'>;
  'maintenance.checkIntegrity': Handler<'maintenance.checkIntegrity'>;
  'maintenance.cancelMove': Handler<'maintenance.cancelMove'>;
};

/** Main's share of the data directory's upkeep: its facts, a backup through a save dialog, the logs. */
export function createMaintenanceHandlers(deps: MaintenanceDeps): MaintenanceHandlers {
  // One backup or move at a time: a move closes the database a backup would be reading.
  let busy = false;
  /** The running move's copy, until the new place is recorded. */
  let moving: AbortController | null = null;
  const now = deps.now ?? (() => new Date());

  return {
    'app.dataDir': () => {
      const { path, source } = deps.dataDir();
      return { path, source, bytes: measureFolder(path), movable: source === 'pointer' || source === 'default', logDir: logDir(path) };
    },
    'app.showLogs': async () => {
      const path = logDir(deps.dataDir().path);
      if (!deps.openPath) throw new AppFailure('internal', `No file manager is available in this process; the logs are in ${path}.`);
      mkdirSync(path, { recursive: true }); // before the first log line the folder may not exist yet
      const error = await deps.openPath(path);
      if (error) throw new AppFailure('internal', `Could not open ${path}: ${error}`);
      return { path };
    },
    'maintenance.moveDataDir': async () => {
      const { path, source } = deps.dataDir();
      if (source === 'flag' || source === 'env') {
        throw new AppFailure('validation', `The data folder is set by ${source === 'flag' ? 'the --data-dir option' : 'the MPDESK_DATA_DIR variable'}; change that setting to use another folder.`);
      }
      if (!deps.session || !deps.locationFile || !deps.dialogs?.chooseFolder) throw new AppFailure('internal', 'The data folder cannot be moved from this process.');
      if (busy) throw new AppFailure('busy', 'A backup or a move is already running; wait for it to finish.');
      const to = await deps.dialogs.chooseFolder({ title: 'Move the data to an empty folder' });
      if (!to) return null;
      busy = true;
      const controller = (moving = new AbortController());
      try {
        const result = await moveDataDir({
          from: path,
          to,
          locationFile: deps.locationFile,
          defaultDir: deps.defaultDir,
          stop: deps.session.stop,
          onProgress: (p) => deps.emit?.('move.progress', p),
          signal: controller.signal,
          // Once every file is copied the switch begins: no longer cancellable.
          start: async (dir) => {
            moving = null;
            await deps.session!.start(dir);
          },
        });
        const isDefault = deps.defaultDir !== undefined && resolve(deps.defaultDir) === result.to;
        deps.session.relocate({ path: result.to, source: isDefault ? 'default' : 'pointer' });
        return result;
      } finally {
        busy = false;
        moving = null;
      }
    },
    'maintenance.cancelMove': () => {
      if (!moving) return { cancelled: false };
      moving.abort();
      return { cancelled: true };
    },
    'maintenance.checkIntegrity': async (_request, context) => {
      const { path } = await deps.data()['maintenance.activeSpace']({}, context);
      const started = performance.now();
      // A read-only connection on its own thread: the worker keeps syncing and answering (WAL).
      const problems = await quickCheckOffThread(path).catch((e: unknown) => {
        requestFullCheckAtStartup(path);
        throw new AppFailure('db.corrupt', `${path} cannot be read as a database: ${(e as Error).message}. Restart Marketplace Desk to keep it aside and rebuild it.`, { cause: e });
      });
      const ok = problems.length === 1 && problems[0] === 'ok';
      if (!ok) requestFullCheckAtStartup(path);
      return { path, ok, problems: problems.slice(0, 20), seconds: (performance.now() - started) / 1000 };
    },
    'maintenance.backup': async (_request, context) => {
      if (!deps.dialogs?.chooseBackupPath) throw new AppFailure('internal', 'No file dialog is available in this process; use `mpdesk backup --out FILE`.');
      if (busy) throw new AppFailure('busy', 'A backup or a move is already running; wait for it to finish.');
      busy = true;
      try {
        return await backUpActiveSpace(deps, context, now);
      } finally {
        busy = false;
      }
    },
  };
}

async function backUpActiveSpace(deps: MaintenanceDeps, context: CallContext, now: () => Date) {
  const { spaceId, path: source } = await deps.data()['maintenance.activeSpace']({}, context);
  const day = now().toISOString().slice(0, 10);
  const chosen = await deps.dialogs?.chooseBackupPath?.({ defaultName: `marketplace-desk-${spaceId}-${day}.sqlite` });
  if (!chosen) return null;
  const out = resolve(chosen);
  // The dialog lets the user pick any file: never let a backup replace a live database.
  const dataDir = resolve(deps.dataDir().path);
  const inData = relative(dataDir, out);
  if (out === resolve(source) || (!inData.startsWith('..') && !isAbsolute(inData))) {
    throw new AppFailure('validation', `A backup cannot replace a database the app uses (${out}); choose a file outside ${dataDir}.`);
  }
  const started = performance.now();
  // Main reads the file itself on a read-only connection: the worker keeps syncing and answering,
  // and the page-stepped backup lets main's event loop run between steps.
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const { bytes } = await backupDatabase(db, out, (p) => deps.emit?.('backup.progress', p));
    return { path: out, bytes, seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}
