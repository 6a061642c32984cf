// Wires the app together: the data-service worker, the handler table, IPC and the window.
// Logic lives in the domain folders, which never import electron (they run in plain Node too).
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { join } from 'node:path';
import { openAccounts } from './accounts';
import workerPath from './data-service/worker?modulePath';
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

/** The data-service worker and main's accounts on one data directory (a move replaces them). */
async function openRuntime(dataDir: string): Promise<DataRuntime> {
  const worker = await startDataWorker({ workerPath, dataDir, version: app.getVersion() });
  const unsubscribe = worker.onEvent((event, payload) => broadcast(event, payload));
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
  return createMainWindow({ preloadPath, rendererDir, devServerUrl, isAppUrl });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

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

    let opened: DataSession;
    try {
      opened = await openDataSession({ location: resolveDataDirSource(undefined), open: openRuntime, emit: broadcast });
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
    openWindow();

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => {
    void dataSession?.close();
  });
}
