import type { EventPayload } from '../../shared/contract';

/**
 * The application menu as plain data (no electron import), so it is testable and the same on
 * every platform except where conventions differ: macOS gets the app menu and Cmd shortcuts,
 * Windows/Linux a File menu with Exit. src/main/menu/install.ts turns it into an Electron Menu.
 */
export type AppCommand = EventPayload<'app.command'>;

export type MenuItemSpec =
  | { kind: 'command'; label: string; accelerator?: string; command: AppCommand }
  | { kind: 'action'; label: string; accelerator?: string; action: 'show-logs' | 'open-data-folder' }
  | { kind: 'role'; role: string; label?: string }
  | { kind: 'separator' };

export interface MenuSpec {
  label: string;
  role?: string;
  items: MenuItemSpec[];
}

export interface PageLink {
  route: string;
  title: string;
}

export function buildMenuTemplate(platform: NodeJS.Platform, pages: readonly PageLink[]): MenuSpec[] {
  const mac = platform === 'darwin';
  const command = (label: string, accelerator: string | undefined, cmd: AppCommand): MenuItemSpec => ({
    kind: 'command',
    label,
    command: cmd,
    ...(accelerator ? { accelerator } : {}),
  });
  const sep: MenuItemSpec = { kind: 'separator' };

  const appMenu: MenuSpec = {
    label: 'Marketplace Desk',
    role: 'appMenu',
    items: [
      { kind: 'role', role: 'about' },
      sep,
      command('Settings…', 'CmdOrCtrl+,', { command: 'open-settings' }),
      sep,
      { kind: 'role', role: 'services' },
      sep,
      { kind: 'role', role: 'hide' },
      { kind: 'role', role: 'hideOthers' },
      { kind: 'role', role: 'unhide' },
      sep,
      { kind: 'role', role: 'quit' },
    ],
  };

  const file: MenuSpec = {
    label: mac ? 'File' : '&File',
    items: [
      command('Sync Now', 'CmdOrCtrl+R', { command: 'sync-now' }),
      command('Export View…', 'CmdOrCtrl+E', { command: 'export-view' }),
      sep,
      // The renderer runs the whole flow (save dialog, progress, result) on the Settings page.
      command('Back Up Database…', undefined, { command: 'backup' }),
      { kind: 'action', label: 'Open Data Folder', action: 'open-data-folder' },
      ...(mac ? [] : [sep, command('Settings…', 'Ctrl+,', { command: 'open-settings' }), sep, { kind: 'role', role: 'quit', label: 'Exit' } as MenuItemSpec]),
    ],
  };

  const edit: MenuSpec = {
    label: mac ? 'Edit' : '&Edit',
    items: [
      { kind: 'role', role: 'undo' },
      { kind: 'role', role: 'redo' },
      sep,
      { kind: 'role', role: 'cut' },
      { kind: 'role', role: 'copy' },
      { kind: 'role', role: 'paste' },
      { kind: 'role', role: 'selectAll' },
      sep,
      command('Find', 'CmdOrCtrl+F', { command: 'focus-quick-filter' }),
    ],
  };

  const go: MenuSpec = {
    label: mac ? 'Go' : '&Go',
    items: [
      ...pages.slice(0, 9).map((p, i) => command(p.title, `CmdOrCtrl+${i + 1}`, { command: 'navigate', target: p.route })),
      ...pages.slice(9).map((p) => command(p.title, undefined, { command: 'navigate', target: p.route })),
      sep,
      command('Open Detail', 'CmdOrCtrl+I', { command: 'open-detail' }),
    ],
  };

  const view: MenuSpec = {
    label: mac ? 'View' : '&View',
    items: [{ kind: 'role', role: 'resetZoom' }, { kind: 'role', role: 'zoomIn' }, { kind: 'role', role: 'zoomOut' }, sep, { kind: 'role', role: 'togglefullscreen' }],
  };

  const help: MenuSpec = {
    label: mac ? 'Help' : '&Help',
    role: 'help',
    items: [{ kind: 'action', label: 'Show Logs', action: 'show-logs' }],
  };

  const window: MenuSpec = { label: 'Window', role: 'windowMenu', items: [{ kind: 'role', role: 'minimize' }, { kind: 'role', role: 'zoom' }, sep, { kind: 'role', role: 'front' }] };

  return mac ? [appMenu, file, edit, view, go, window, help] : [file, edit, view, go, help];
}
