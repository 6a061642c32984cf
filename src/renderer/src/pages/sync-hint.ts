/** The Sync Now shortcut as the user's platform spells it (src/main/menu/template.ts: CmdOrCtrl+R). */
export function syncShortcut(): string {
  return /Mac/.test(navigator.userAgent) ? '⌘R' : 'Ctrl+R';
}
