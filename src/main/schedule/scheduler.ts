import type { SyncSchedule } from '../../shared/settings';
import type { Clock } from './clock';

export interface SyncHistory {
  /** Last successful sync (ms since epoch), any kind. */
  lastSuccessAt: number | null;
  /** Last successful full reconciliation. */
  lastFullAt: number | null;
}

export interface SchedulerDeps {
  clock: Clock;
  schedule: (accountId: string) => SyncSchedule;
  history: (accountId: string) => SyncHistory;
  /** Runs one sync; resolves when it ends (successfully or not). */
  runSync: (accountId: string, options: { full: boolean; reason: 'startup' | 'schedule' | 'reconnect' }) => Promise<unknown>;
  isOnline: () => boolean;
  onError?: (accountId: string, error: unknown) => void;
}

const hour = 3_600_000;
const day = 24 * hour;

/**
 * Background sync per account: at start-up when the last sync is older than the interval, then
 * every interval; a full reconciliation instead when the last one is older than its period
 * (weekly by default); never two syncs of one account at once; paused while offline and
 * caught up when the network returns. Time comes from the injected clock.
 */
export function createScheduler(deps: SchedulerDeps) {
  const accounts = new Map<string, { cancel: (() => void) | null; running: Promise<unknown> | null; nextAt: number | null }>();

  function wait(accountId: string, ms: number): void {
    const state = accounts.get(accountId)!;
    state.cancel?.();
    state.nextAt = deps.clock.now() + ms;
    const cancel = deps.clock.setTimer(() => arm(accountId, 'schedule'), ms);
    state.cancel = () => {
      cancel();
      state.nextAt = null;
    };
  }

  /** What is due for an account at `now` (default: the clock's now). */
  function due(accountId: string, now = deps.clock.now()): { due: boolean; full: boolean; waitMs: number } {
    const schedule = deps.schedule(accountId);
    const h = deps.history(accountId);
    // A first load reads every record already: a reconciliation is for a space synced before.
    const full = h.lastSuccessAt !== null && (h.lastFullAt === null || now - h.lastFullAt >= schedule.fullReconcileDays * day);
    const next = h.lastSuccessAt === null ? now : h.lastSuccessAt + schedule.intervalHours * hour;
    return { due: full || next <= now, full, waitMs: Math.max(0, next - now) };
  }

  function arm(accountId: string, reason: 'startup' | 'schedule' | 'reconnect'): void {
    const state = accounts.get(accountId);
    if (!state) return;
    state.cancel?.();
    state.cancel = null;
    if (!deps.schedule(accountId).enabled) return;
    if (state.running) return; // re-armed when the running sync ends
    const d = due(accountId);
    if (d.due && deps.isOnline()) {
      start(accountId, d.full, reason);
      return;
    }
    // Offline: wait for `networkChanged(true)`. Otherwise sleep until the next due time.
    if (!deps.isOnline()) return;
    wait(accountId, d.waitMs);
  }

  function start(accountId: string, full: boolean, reason: 'startup' | 'schedule' | 'reconnect'): Promise<unknown> {
    const state = accounts.get(accountId)!;
    state.cancel?.();
    state.cancel = null;
    const running = deps
      .runSync(accountId, { full, reason })
      .catch((e) => deps.onError?.(accountId, e))
      .finally(() => {
        state.running = null;
        // A failed sync is retried at the next interval, not in a tight loop: history only
        // moves on success, so re-arm from "now" by waiting a full interval at most.
        // Removed or stopped meanwhile: nothing to arm (its databases may be closed). Offline:
        // nothing to arm either; `networkChanged(true)` catches up.
        if (accounts.get(accountId) !== state || !deps.schedule(accountId).enabled || !deps.isOnline()) return;
        // The next one a whole interval after this one ended: a failed sync is retried then, not
        // in a loop (history moves only on success), and a long run is not followed at once.
        wait(accountId, deps.schedule(accountId).intervalHours * hour);
      });
    state.running = running;
    return running;
  }

  return {
    /** Starts scheduling an account (at app start-up, or when one is added). */
    add(accountId: string): void {
      if (!accounts.has(accountId)) accounts.set(accountId, { cancel: null, running: null, nextAt: null });
      arm(accountId, 'startup');
    },
    remove(accountId: string): void {
      accounts.get(accountId)?.cancel?.();
      accounts.delete(accountId);
    },
    /** The schedule or the history changed (settings page, a manual sync). */
    reschedule(accountId: string): void {
      arm(accountId, 'schedule');
    },
    /** Connectivity changed: going online catches up on whatever became due meanwhile. */
    networkChanged(online: boolean): void {
      for (const id of accounts.keys()) {
        if (online) arm(id, 'reconnect');
        else {
          accounts.get(id)!.cancel?.();
          accounts.get(id)!.cancel = null;
        }
      }
    },
    /** A sync the user asked for; joins the running one instead of starting a second. */
    syncNow(accountId: string, full = false): Promise<unknown> {
      if (!accounts.has(accountId)) accounts.set(accountId, { cancel: null, running: null, nextAt: null });
      const state = accounts.get(accountId)!;
      return state.running ?? start(accountId, full, 'schedule');
    },
    isRunning: (accountId: string) => accounts.get(accountId)?.running != null,
    /** When the next background sync of an account is due (null: off, running, or offline). */
    nextRunAt: (accountId: string): number | null => accounts.get(accountId)?.nextAt ?? null,
    /** Whether the next due sync of an account is a full reconciliation. */
    nextRunIsFull: (accountId: string): boolean => due(accountId, accounts.get(accountId)?.nextAt ?? deps.clock.now()).full,
    stop(): void {
      for (const state of accounts.values()) state.cancel?.();
      accounts.clear();
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
