// Thin Electron glue: the tray / menu-bar icon that keeps the app (and a running sync) alive
// with no window open on macOS and Windows. What it offers is decided in schedule/quit-policy.ts.
import { Menu, Tray, nativeImage } from 'electron';

/** A 16×16 dot, drawn black on transparent: macOS tints template images to the menu bar. */
const iconDataUrl =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAY0lEQVR4nGNgoBHgBOJgIK6C4mCoGFEApOELEP9Hw1+gcnjBIiwa0fEifDYT0gzDGC7hxOFsXPgLA1qYBJOgGYaDyXU+Vm9QbADFXqA4EEn1Bs4ERVFCQnYJ2UkZBijKTCQBAN8hhDnLT9NgAAAAAElFTkSuQmCC';

export interface TrayActions {
  open: () => void;
  syncNow: () => void;
  quit: () => void;
}

export function createAppTray(actions: TrayActions): Tray {
  const image = nativeImage.createFromDataURL(iconDataUrl);
  image.setTemplateImage(true);
  const tray = new Tray(image);
  tray.setToolTip('Marketplace Desk');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Marketplace Desk', click: actions.open },
      { label: 'Sync Now', click: actions.syncNow },
      { type: 'separator' },
      { label: 'Quit Marketplace Desk', click: actions.quit },
    ]),
  );
  tray.on('click', actions.open);
  return tray;
}
