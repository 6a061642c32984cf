import { z } from 'zod';
import { dataMethod, mainMethod } from './contract-methods';

// Contract methods of the data directory's upkeep; merged into `methods` in contract.ts.
// Progress of a backup arrives as `backup.progress` events.

const empty = z.object({}).strict();

/** Something the user must know about the start-up (a damaged file set aside, a newer file refused). */
export interface StartupNotice {
  level: 'info' | 'warning' | 'error';
  message: string;
  /** When it happened (ISO-8601 UTC). */
  at: string;
  /** A stable code for the renderer: `db.corrupt` (set aside, rebuilt), `db.newer` (refused), `db.upgrade` (slow migrations running). */
  code: string;
}

/** Where the data directory's path comes from, strongest first. */
export type DataDirSource = 'flag' | 'env' | 'pointer' | 'default';

export interface DataDirInfo {
  path: string;
  /** Bytes of every file in it (databases, logs, files kept aside). */
  bytes: number;
  /** `--data-dir`, MPDESK_DATA_DIR, the location file a move wrote, or the OS convention. */
  source: DataDirSource;
  /** Only a location the app chose (pointer, default) can be moved from the app. */
  movable: boolean;
  logDir: string;
}

export interface BackupResult {
  path: string;
  bytes: number;
  seconds: number;
}

export interface MoveDataDirResult {
  from: string;
  to: string;
  files: number;
  bytes: number;
  /** Old files that could not be removed (a MOVED-TO.txt note beside them says why they stay). */
  leftBehind: string[];
}

/** A full integrity check of the open space's file (every page), asked for from Settings. */
export interface IntegrityReport {
  path: string;
  /** 'ok' alone when sound; else SQLite's first problems. */
  problems: string[];
  ok: boolean;
  seconds: number;
}

/** The space database the data service has open (main backs it up read-only itself). */
export interface ActiveSpaceFile {
  spaceId: string;
  path: string;
}

export const maintenanceMethods = {
  /**
   * Start-up notices the window may have missed (the worker can emit `app.notice` before the
   * renderer listens): the renderer asks once at load and shows them like the event's.
   */
  'app.notices': dataMethod<StartupNotice[]>()(empty),
  'maintenance.activeSpace': dataMethod<ActiveSpaceFile>()(empty),
  'app.dataDir': mainMethod<DataDirInfo>()(empty),
  /**
   * Backs up the open developer space's database with SQLite's online backup API to a file the
   * user picks in a save dialog (main shows it: the renderer never names the path). `null`
   * when the user cancels.
   */
  'maintenance.backup': mainMethod<BackupResult | null>()(empty),
  /**
   * Moves the data directory to an empty folder the user picks in a folder dialog (main shows it):
   * syncs stop, every file is copied and verified, the service restarts there, and only then are
   * the old files removed. `null` when the user cancels. Refused (validation) when the location
   * comes from `--data-dir` or MPDESK_DATA_DIR; any failure leaves the old directory in use.
   * Every view reloads afterwards (`data.changed`).
   */
  'maintenance.moveDataDir': mainMethod<MoveDataDirResult | null>()(empty),
  /**
   * Cancels a running move while its files are being copied (the copy is removed, the old folder
   * stays in use; the move answers `cancelled`). `false` when no move is copying.
   */
  'maintenance.cancelMove': mainMethod<{ cancelled: boolean }>()(empty),
  /**
   * Reads every page of the open space's file (`PRAGMA quick_check` on a thread of its own, while
   * the app keeps working): the start-up check of a large file reads only its schema and
   * bookkeeping tables (maintenance/integrity.ts).
   */
  'maintenance.checkIntegrity': mainMethod<IntegrityReport>()(empty),
  /** Opens the folder of the log files in the OS file manager. */
  'app.showLogs': mainMethod<{ path: string }>()(empty),
} as const;
