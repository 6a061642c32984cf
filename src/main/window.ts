import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { openKnownExternalUrl } from './external-links';

export interface WindowOptions {
  preloadPath: string;
  rendererDir: string;
  devServerUrl?: string | undefined;
  isAppUrl: (url: string) => boolean;
}

/** The main window, locked down: isolated, sandboxed, no Node, no popups, no off-app navigation. */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Marketplace Desk',
    show: false,
    backgroundColor: '#1d2125',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Help links (target=_blank) open in the browser when they are known pages; nothing opens in-app.
    openKnownExternalUrl(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!options.isAppUrl(url)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!options.isAppUrl(url)) event.preventDefault();
  });
  if (options.devServerUrl) void win.loadURL(options.devServerUrl);
  else void win.loadFile(join(options.rendererDir, 'index.html'));
  return win;
}
