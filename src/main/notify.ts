// Thin Electron glue: one OS notification; what to show is decided in notifications/.
import { Notification } from 'electron';
import type { SyncNotification } from './notifications/build';

/** Shows a notification; a click calls `onClick` (notifications/deliver.ts opens its route). */
export function showOsNotification(n: SyncNotification, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: n.title, body: n.body, silent: false });
  notification.on('click', () => onClick());
  notification.show();
}
