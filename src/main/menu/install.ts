import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand, MenuItemSpec, MenuSpec } from './template';

export interface MenuHandlers {
  command: (command: AppCommand) => void;
  action: (action: 'show-logs' | 'open-data-folder') => void;
}

/** Turns the menu data into Electron's application menu (thin glue; see template.ts). */
export function installMenu(spec: MenuSpec[], handlers: MenuHandlers): void {
  const item = (i: MenuItemSpec): MenuItemConstructorOptions => {
    switch (i.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'role':
        return { role: i.role as MenuItemConstructorOptions['role'], ...(i.label ? { label: i.label } : {}) };
      case 'command':
        return { label: i.label, ...(i.accelerator ? { accelerator: i.accelerator } : {}), click: () => handlers.command(i.command) };
      case 'action':
        return { label: i.label, ...(i.accelerator ? { accelerator: i.accelerator } : {}), click: () => handlers.action(i.action) };
    }
  };
  const template: MenuItemConstructorOptions[] = spec.map((m) => ({
    label: m.label,
    ...(m.role === 'help' || m.role === 'windowMenu' ? { role: m.role } : {}),
    submenu: m.items.map(item),
  }));
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
