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

export interface MaintenanceDeps {
  /** The data directory in use and where its path came from (it changes after a move). */
  dataDir: () => { path: string; source: DataDirSource };
  /** The data service's handlers (main asks it which space file is open). */
  data: () => DataHandlers;
  dialogs?: DialogService;
  /** Opens a folder in the OS file manager (electron's shell.openPath); resolves to an error text or ''. */
  openPath?: (path: string) => Promise<string>;
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  now?: () => Date;
}

type MaintenanceHandlers = {
  'app.dataDir': Handler<'app.dataDir'>;
  'maintenance.backup': Handler<'maintenance.backup'>;
  'app.showLogs': Handler<'app.showLogs'>;
};

/** Main's share of the data directory's upkeep: its facts, a backup through a save dialog, the logs. */
export function createMaintenanceHandlers(deps: MaintenanceDeps): MaintenanceHandlers {
  let backupRunning = false;
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
    'maintenance.backup': async (_request, context) => {
      if (!deps.dialogs?.chooseBackupPath) throw new AppFailure('internal', 'No file dialog is available in this process; use `mpdesk backup --out FILE`.');
      if (backupRunning) throw new AppFailure('validation', 'A backup is already running; wait for it to finish.');
      backupRunning = true;
      try {
        return await backUpActiveSpace(deps, context, now);
      } finally {
        backupRunning = false;
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
