import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuItemSpec } from '../../src/main/menu/template';
import { menuPages } from '../../src/main/menu/pages';
import { parseGridRoute } from '../../src/shared/routes';
import { recordDatasetIds } from '../../src/shared/catalogue';

const pages = [
  { route: 'overview', title: 'Overview' },
  { route: 'grid/licences', title: 'Licences' },
  { route: 'grid/transactions', title: 'Transactions' },
];
const items = (platform: NodeJS.Platform) => buildMenuTemplate(platform, pages).flatMap((m) => m.items);
const commands = (platform: NodeJS.Platform) => items(platform).filter((i): i is Extract<MenuItemSpec, { kind: 'command' }> => i.kind === 'command');

describe('application menu', () => {
  it('has the macOS app menu first and no Exit item on macOS', () => {
    const mac = buildMenuTemplate('darwin', pages);
    expect(mac[0]?.role).toBe('appMenu');
    expect(items('darwin').some((i) => i.kind === 'role' && i.label === 'Exit')).toBe(false);
  });

  it('has a File menu with Exit and no app menu on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const menu = buildMenuTemplate(platform, pages);
      expect(menu[0]?.label).toBe('&File');
      expect(menu.some((m) => m.role === 'appMenu')).toBe(false);
      expect(items(platform).some((i) => i.kind === 'role' && i.role === 'quit')).toBe(true);
    }
  });

  it('binds the shortcuts the issue asks for: sync now, find, export view, switch page, open detail', () => {
    const byCommand = new Map(commands('linux').map((c) => [c.command.command + (c.command.target ?? ''), c.accelerator]));
    expect(byCommand.get('sync-now')).toBe('CmdOrCtrl+R');
    expect(byCommand.get('focus-quick-filter')).toBe('CmdOrCtrl+F');
    expect(byCommand.get('export-view')).toBe('CmdOrCtrl+E');
    expect(byCommand.get('navigategrid/licences')).toBe('CmdOrCtrl+2');
    expect(byCommand.get('open-detail')).toBe('CmdOrCtrl+I');
  });

  it('never binds one accelerator twice', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const accelerators = items(platform).flatMap((i) => ('accelerator' in i && i.accelerator ? [i.accelerator] : []));
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });

  it('offers Show Logs', () => {
    expect(items('linux')).toContainEqual({ kind: 'action', label: 'Show Logs', action: 'show-logs' });
  });

  it('starts the backup flow itself from Back Up Database… (the renderer runs it), on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(items(platform)).toContainEqual({ kind: 'command', label: 'Back Up Database…', command: { command: 'backup' } });
    }
  });
});

describe('the Go menu of the app', () => {
  it('lists every page the router knows, each once, the first nine with Cmd/Ctrl+digit', () => {
    const pages = menuPages();
    expect(pages[0]).toEqual({ route: 'overview', title: 'Overview' });
    expect(pages.at(-1)).toEqual({ route: 'settings', title: 'Settings' });
    expect(new Set(pages.map((p) => p.route)).size).toBe(pages.length);
    for (const p of pages.filter((x) => x.route.startsWith('grid/'))) expect(parseGridRoute(p.route)).toEqual({ dataset: p.route.slice(5), view: null });
    for (const id of recordDatasetIds) expect(pages.map((p) => p.route)).toContain(`grid/${id}`);
    const go = buildMenuTemplate('linux', pages).find((m) => m.label === '&Go')!;
    const shortcuts = go.items.flatMap((i) => (i.kind === 'command' && i.accelerator?.match(/^CmdOrCtrl\+\d$/) ? [i.accelerator] : []));
    expect(shortcuts).toHaveLength(9);
  });
});
