// Thin Electron glue: one OS notification; what to show is decided in notifications/.
import { Notification } from 'electron';
import type { SyncNotification } from './notifications/build';

/**
 * Notifications still on screen. Electron drops the click handler of a Notification object that
 * was garbage-collected (it stays in the OS notification centre), so each is held until used.
 */
const shown = new Set<Notification>();

/** Shows a notification; a click calls `onClick` (notifications/deliver.ts opens its route). */
export function showOsNotification(n: SyncNotification, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: n.title, body: n.body, silent: false });
  shown.add(notification);
  notification.on('click', () => {
    shown.delete(notification);
    onClick();
  });
  notification.on('close', () => shown.delete(notification));
  notification.show();
}
