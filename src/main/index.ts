// Wires the app together: the data-service worker, the handler table, IPC and the window.
// Logic lives in the domain folders, which never import electron (they run in plain Node too).
import { app, BrowserWindow, dialog, session, shell, type Tray } from 'electron';
import { join } from 'node:path';
import type { EventPayload } from '../shared/contract';
import { createLogger, logDir, openLogStream, type Logger } from './logging';
import { buildMenuTemplate } from './menu/template';
import { installMenu } from './menu/install';
import { menuPages } from './menu/pages';
import { createSyncNotifier } from './notifications/deliver';
import { showOsNotification } from './notify';
import { createQuitPolicy, keepsTray } from './lifecycle/quit-policy';
import { createAppTray } from './tray';
import { openAccounts } from './accounts';
import workerPath from './data-service/worker?modulePath';
import syncWorkerPath from './sync/worker/sync-worker?modulePath';
import { startDataWorker } from './data-service/worker-client';
import { createElectronDialogs } from './dialogs/electron-dialogs';
import { createHandlerTable, createMainHandlers } from './ipc/handler-table';
import { broadcast, registerIpc } from './ipc/register';
import { createRouter } from './ipc/router';
import { openDataSession, type DataRuntime, type DataSession } from './maintenance/data-session';
import { defaultDataDir, locationFilePath, resolveDataDirSource } from './paths';
import { contentSecurityPolicy } from './security/csp';
import { createAppUrlCheck } from './security/trusted-origin';
import { createMainWindow } from './window';

app.enableSandbox();

const rendererDir = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const isAppUrl = createAppUrlCheck({ rendererDir, devServerUrl });

let dataSession: DataSession | undefined;
let tray: Tray | null = null;
let log: Logger | undefined;
/** The rotating log file; the worker's lines are written into it too (one writer per file). */
let logStream: { write(line: string): void } | undefined;
const mainCall = { senderUrl: 'main' };
const quitPolicy = createQuitPolicy({
  platform: process.platform,
  isSyncRunning: async () => (dataSession ? (await dataSession.handlers['schedule.status']({}, mainCall)).running : false),
  windowCount: () => BrowserWindow.getAllWindows().length,
  quit: () => app.quit(),
});

/** The data-service worker and main's accounts on one data directory (a move replaces them). */
async function openRuntime(dataDir: string): Promise<DataRuntime> {
  const worker = await startDataWorker({ workerPath, dataDir, version: app.getVersion(), background: true, syncWorker: { path: syncWorkerPath }, onLog: (line) => logStream?.write(line) });
  const notify = createSyncNotifier({
    enabled: async () => (await worker.handlers['settings.get']({}, mainCall)).notifications,
    show: showOsNotification,
    open: (route, accountId) => navigateTo(route, accountId),
    log,
  });
  const unsubscribe = worker.onEvent((event, payload) => {
    broadcast(event, payload);
    if (event === 'sync.finished') onSyncFinished(payload as EventPayload<'sync.finished'>, notify);
  });
  const { accounts, close } = openAccounts({ dataDir, data: worker.handlers });
  return {
    handlers: worker.handlers,
    accounts,
    close: async () => {
      close();
      unsubscribe();
      await worker.close();
    },
  };
}

function openWindow() {
  quitPolicy.windowOpened();
  return createMainWindow({ preloadPath, rendererDir, devServerUrl, isAppUrl });
}

/** The window (created if closed, e.g. from the tray), focused; `then` runs once its page has loaded. */
function showWindow(then?: (win: BrowserWindow) => void): void {
  const win = BrowserWindow.getAllWindows()[0] ?? openWindow();
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  if (!then) return;
  if (win.webContents.isLoading()) win.webContents.once('did-finish-load', () => then(win));
  else then(win);
}

/**
 * A notification click: the window shows the page behind it (the grid filtered to the new rows),
 * in the space of the account it is about — the renderer switches to it first when another is open.
 */
function navigateTo(route: string, accountId?: string): void {
  showWindow(() => broadcast('app.command', { command: 'navigate', target: route, ...(accountId ? { accountId } : {}) }));
}

function onSyncFinished(finished: EventPayload<'sync.finished'>, notify: ReturnType<typeof createSyncNotifier>): void {
  log?.info({ accountId: finished.accountId, status: finished.status, highlights: finished.highlights }, 'sync finished');
  notify(finished).catch((e: unknown) => log?.warn({ err: e instanceof Error ? e.message : String(e) }, 'notifications failed'));
  quitPolicy.syncEnded();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second launch brings up the first instance's window (re-created if it lives in the tray).
  app.on('second-instance', () => showWindow());

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(async () => {
    // No web permission (camera, notifications from the page, …) is ever granted to content.
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
    });

    const location = resolveDataDirSource(undefined);
    // The rotating log in <data dir>/logs (registered tokens and info-level e-mails scrubbed).
    logStream = await openLogStream(location.path).catch(() => undefined);
    log = logStream ? createLogger(logStream) : undefined;
    log?.info({ version: app.getVersion(), platform: process.platform }, 'started');
    let opened: DataSession;
    try {
      opened = await openDataSession({ location, open: openRuntime, emit: broadcast });
    } catch (e) {
      // The settings file cannot be opened (written by a newer version, unreadable): say so and stop.
      dialog.showErrorBox('Marketplace Desk cannot start', (e as Error).message);
      app.quit();
      return;
    }
    const data = (dataSession = opened);
    const mainHandlers = createMainHandlers({
      accounts: data.accounts,
      dialogs: createElectronDialogs(),
      maintenance: {
        dataDir: data.location,
        data: () => data.handlers,
        session: data,
        locationFile: locationFilePath(),
        defaultDir: defaultDataDir(),
        openPath: (path) => shell.openPath(path),
        emit: broadcast,
      },
    });
    registerIpc(createRouter(createHandlerTable(data.handlers, mainHandlers), { isTrustedSender: isAppUrl }));
    installMenu(buildMenuTemplate(process.platform, menuPages()), {
      command: (command) => showWindow(() => broadcast('app.command', command)),
      action: (action) => {
        const dir = data.location().path;
        void shell.openPath(action === 'show-logs' ? logDir(dir) : dir);
      },
    });
    if (keepsTray(process.platform)) {
      tray = createAppTray({
        open: () => showWindow(),
        syncNow: () => showWindow(() => broadcast('app.command', { command: 'sync-now' })),
        quit: () => quitPolicy.requestQuit(),
      });
    }
    openWindow();

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    void quitPolicy.allWindowsClosed();
  });

  app.on('before-quit', () => quitPolicy.quitting());

  app.on('will-quit', () => {
    // Held in a module variable so the icon is not garbage-collected while the app lives.
    tray?.destroy();
    void dataSession?.close();
  });
}
