import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAccounts } from '../../../src/main/accounts';
import { createDataService } from '../../../src/main/data-service/service';
import type { DialogService } from '../../../src/main/dialogs/handlers';
import { createHandlerTable, createMainHandlers } from '../../../src/main/ipc/handler-table';
import { createRouter, type Dispatch } from '../../../src/main/ipc/router';
import { verifyBackupFile } from '../../../src/main/maintenance/backup';
import { openDataSession, type DataRuntime, type DataSession } from '../../../src/main/maintenance/data-session';
import { readLocationFile } from '../../../src/main/paths';
import { spaceDbPath } from '../../../src/main/store';
import { createRecordWriter } from '../../../src/main/store/record-writer';
import { openSpaceDatabase } from '../../../src/main/space-database';
import { recordDataset } from '../../../src/shared/catalogue';
import type { DataDirSource } from '../../../src/shared/contract-maintenance';
import type { EventName } from '../../../src/shared/contract';
import { tempDir } from '../sync/helpers';

const origin = 'app://test';
let root: string;
let events: { event: EventName; payload: unknown }[];
let opened: string[];
let chosen: { file: string | null; folder: string | null };
let session: DataSession;
let dispatch: Dispatch;
const openedFolders: string[] = [];

/** The app's runtime on a directory, in-process: the data service and main's accounts. */
async function openRuntime(dataDir: string): Promise<DataRuntime> {
  opened.push(dataDir);
  const service = createDataService({ dataDir, version: 'test', spaceId: 'demo', emit: (event, payload) => events.push({ event, payload }) });
  const { accounts, close } = openAccounts({ dataDir, data: service.handlers });
  return { handlers: service.handlers, accounts, close: async () => (close(), service.close()) };
}

/** The native dialogs are Electron's: here they answer what the test chose. */
const dialogs: DialogService = {
  chooseSavePath: async () => null,
  chooseBackupPath: async () => chosen.file,
  chooseFolder: async () => chosen.folder,
};

async function start(source: DataDirSource = 'default'): Promise<void> {
  const from = join(root, 'data');
  session = await openDataSession({ location: { path: from, source }, open: openRuntime, emit: (event, payload) => events.push({ event, payload }) });
  const main = createMainHandlers({
    accounts: session.accounts,
    dialogs,
    maintenance: {
      dataDir: session.location,
      data: () => session.handlers,
      session,
      locationFile: join(root, 'config', 'location.json'),
      defaultDir: from,
      openPath: async (path) => (openedFolders.push(path), ''),
      emit: (event, payload) => events.push({ event, payload }),
    },
  });
  dispatch = createRouter(createHandlerTable(session.handlers, main), { isTrustedSender: (url) => url === origin });
}

async function call<T>(method: string, request: unknown = {}): Promise<T> {
  const result = await dispatch(method, request, origin);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Licences in the Demo space of a data directory, written as a sync writes them. */
function seedDemo(dataDir: string, count: number): void {
  const db = openSpaceDatabase(spaceDbPath(dataDir, 'demo'));
  const write = createRecordWriter(db, recordDataset('licences'));
  db.transaction(() => write(Array.from({ length: count }, (_, i) => ({ appEntitlementId: `e-${i}`, company: `Company ${i}`, addonName: 'App' })), 't'))();
  db.close();
}

const licenceRows = async () => (await call<{ id: string; rowCount: number }[]>('datasets.summary')).find((d) => d.id === 'licences')!.rowCount;

beforeEach(() => {
  root = tempDir('mpdesk-app-maint-');
  seedDemo(join(root, 'data'), 1500);
  events = [];
  opened = [];
  chosen = { file: null, folder: null };
});
afterEach(async () => {
  await session?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('data-directory upkeep from the app', () => {
  it('answers the folder, its size and where it comes from; opens the log folder', async () => {
    await start();
    const info = await call<{ path: string; bytes: number; source: string; movable: boolean; logDir: string }>('app.dataDir');
    expect(info).toMatchObject({ path: join(root, 'data'), source: 'default', movable: true, logDir: join(root, 'data', 'logs') });
    expect(info.bytes).toBeGreaterThan(0);
    expect(await call('app.showLogs')).toEqual({ path: join(root, 'data', 'logs') });
    expect(openedFolders.at(-1)).toBe(join(root, 'data', 'logs'));
    expect(existsSync(join(root, 'data', 'logs'))).toBe(true);
  });

  it('backs up the open space to the file chosen in the save dialog, with progress; refuses a file inside the data folder', async () => {
    await start();
    expect(await call('maintenance.backup')).toBeNull(); // dialog cancelled: nothing written
    chosen.file = join(root, 'backups', 'demo.sqlite');
    mkdirSync(join(root, 'backups'));
    const result = await call<{ path: string; bytes: number; seconds: number }>('maintenance.backup');
    expect(result.path).toBe(chosen.file);
    expect(result.bytes).toBeGreaterThan(0);
    expect(verifyBackupFile(chosen.file).bytes).toBe(result.bytes);
    const copy = openSpaceDatabase(chosen.file, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM licences').get()).toEqual({ n: 1500 });
    copy.close();
    expect(events.some((e) => e.event === 'backup.progress')).toBe(true);

    chosen.file = spaceDbPath(join(root, 'data'), 'demo');
    await expect(call('maintenance.backup')).rejects.toThrow(/validation: A backup cannot replace a database the app uses/);
    expect(await licenceRows()).toBe(1500);
  });

  it('moves the data folder to the one chosen, keeps answering from it, and records it', async () => {
    await start();
    expect(await licenceRows()).toBe(1500);
    expect(await call('maintenance.moveDataDir')).toBeNull(); // dialog cancelled
    const to = join(root, 'moved');
    chosen.folder = to;
    events.length = 0;
    const result = await call<{ from: string; to: string; files: number; leftBehind: string[] }>('maintenance.moveDataDir');
    expect(result).toMatchObject({ from: join(root, 'data'), to, leftBehind: [] });
    expect(opened).toEqual([join(root, 'data'), to]);
    expect(events.map((e) => e.event)).toContain('data.changed');
    expect(await licenceRows()).toBe(1500); // the same handler table now reads the new folder
    expect((await call<{ path: string; source: string }>('app.dataDir')).path).toBe(to);
    expect((await call<{ source: string }>('app.dataDir')).source).toBe('pointer');
    expect(readLocationFile(join(root, 'config', 'location.json'))).toBe(to);
    expect(existsSync(join(root, 'data'))).toBe(false);
    expect(readFileSync(spaceDbPath(to, 'demo')).length).toBeGreaterThan(0);
  });

  it('refuses to move a folder set by MPDESK_DATA_DIR, touching nothing', async () => {
    await start('env');
    chosen.folder = join(root, 'moved');
    await expect(call('maintenance.moveDataDir')).rejects.toThrow(/validation: The data folder is set by the MPDESK_DATA_DIR variable/);
    expect(existsSync(chosen.folder)).toBe(false);
    expect(opened).toEqual([join(root, 'data')]);
    expect(await licenceRows()).toBe(1500);
  });
});
