import type { EventPayload } from '../../shared/contract';
import type { Settings } from '../../shared/settings';
import type { Logger } from '../logging';
import { buildSyncNotifications, type SyncNotification } from './build';

export interface SyncNotifierDeps {
  /** The notification kinds turned on, read at each run's end (a change applies at once). */
  enabled: () => Promise<Settings['notifications']>;
  /** Shows one OS notification; `onClick` when the user clicks it (src/main/notify.ts). */
  show: (notification: SyncNotification, onClick: () => void) => void;
  /** Brings the window up on a page route of an account's space (creating the window if it was closed). */
  open: (route: string, accountId: string) => void;
  log?: Logger;
}

/**
 * After every finished sync (`sync.finished`), the OS notifications the user asked for, each
 * opening the grid on exactly the rows it counts. A settings read that fails shows nothing: a
 * missed notification is better than one the user turned off.
 */
export function createSyncNotifier(deps: SyncNotifierDeps) {
  return async (finished: EventPayload<'sync.finished'>): Promise<SyncNotification[]> => {
    let enabled: Settings['notifications'];
    try {
      enabled = await deps.enabled();
    } catch (e) {
      deps.log?.warn({ err: e instanceof Error ? e.message : String(e) }, 'notifications skipped: settings unreadable');
      return [];
    }
    const shown = buildSyncNotifications(finished, enabled);
    for (const n of shown) deps.show(n, () => deps.open(n.route, n.accountId));
    if (shown.length > 0) deps.log?.info({ accountId: finished.accountId, kinds: shown.map((n) => n.kind) }, 'sync notifications shown');
    return shown;
  };
}
