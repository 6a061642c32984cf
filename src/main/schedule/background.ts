import type { EventName, EventPayload } from '../../shared/contract';
import type { ConnectivityState, ScheduleStatus } from '../../shared/contract-app';
import type { DataHandlers } from '../ipc/handlers';
import type { Logger } from '../logging';
import { readSettings } from '../settings/repository';
import { scheduleFor } from '../../shared/settings';
import type { Db } from '../store';
import type { SyncSummary } from '../sync/engine';
import type { SyncRunner } from '../sync/service-handlers';
import { listAccountRows } from '../accounts/repository';
import { systemClock, type Clock } from './clock';
import { createConnectivityMonitor } from './connectivity';
import { probeAccountHost } from './probe';
import { createScheduler } from './scheduler';
import { readSyncHistory, readSyncHistoryOfFile } from './sync-history';

type ServiceHandlers = Omit<DataHandlers, 'app.connectivity' | 'schedule.status'>;
type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface BackgroundSyncDeps {
  appDb: Db;
  spaces: { currentId(): string; db(): Db };
  /** The data service's syncs: the schedule starts any saved account's through it. */
  sync: Pick<SyncRunner, 'start' | 'current'>;
  /** A space's file, read for the history of an account that is not open. */
  pathOf: (spaceId: string) => string;
  clock?: Clock;
  /** Answers whether an account's API host is reachable (default: an HTTP request to it). */
  probe?: (accountId: string) => Promise<boolean>;
  emit?: Emit;
  log?: Logger;
  /** The data sets a background sync pulls (default: all of them); tests narrow it to keep runs short. */
  datasets?: string[];
  /** An account's name for notifications ("Acme: 3 new sales"). */
  nameOf?: (accountId: string) => string;
}

/**
 * The app's background life in the data service: a sync schedule for every saved account (and
 * the open space, the Demo space included) and the connectivity monitor. Only the app starts it
 * (the worker); the command line never schedules. Syncs go through the service's sync runner, so
 * the cross-process lock and "one sync at a time" hold for them as for the button: a due account
 * waits for another's sync to end. The end of every run (`finished`) moves the schedule on.
 */
export function createBackgroundSync(deps: BackgroundSyncDeps) {
  const clock = deps.clock ?? systemClock;
  const probe = deps.probe ?? ((id: string) => probeAccountHost(deps.appDb, id));
  /** Accounts on the schedule. */
  const scheduled = new Set<string>();
  let stopped = false;
  /** `start` was called (the app): only then do saved settings and account changes arm anything. */
  let started = false;
  const current = () => deps.spaces.currentId();

  /** The open space is read through its connection; another account's file briefly, read-only. */
  const history = (id = current()) => (id === current() ? readSyncHistory(deps.spaces.db()) : readSyncHistoryOfFile(deps.pathOf(id)));
  const schedule = (id: string) => scheduleFor(readSettings(deps.appDb), id);
  /** Every saved account, and the open space (the Demo space is scheduled only while open). */
  const wanted = () => new Set([...listAccountRows(deps.appDb).map((a) => a.id), current()]);

  const monitor = createConnectivityMonitor({
    clock,
    probe: () => (stopped ? Promise.resolve(true) : probe(current())),
    onChange: (online) => {
      if (stopped) return;
      deps.log?.info({ online }, online ? 'network back: the schedule catches up' : 'offline: the schedule is paused');
      deps.emit?.('app.connectivity', connectivity());
      scheduler.networkChanged(online);
    },
  });

  const scheduler = createScheduler({
    clock,
    schedule,
    history: (id) => history(id),
    isOnline: () => monitor.isOnline(),
    runSync: async (accountId, { full, reason }) => {
      deps.log?.info({ accountId, full, reason }, 'background sync');
      const request = { full, ...(deps.datasets ? { datasets: deps.datasets } : {}) };
      // One sync runs at a time: a due account waits for another's to end, then starts; a sync
      // of this account already running (the user's) is joined instead of followed by a second.
      while (!stopped && scheduled.has(accountId)) {
        const answer = await deps.sync.start(accountId, request);
        const running = deps.sync.current();
        if (answer.started || answer.busyWith === accountId) {
          await running?.ended;
          return;
        }
        await running?.ended;
      }
    },
    onError: (accountId, e) => deps.log?.warn({ accountId, err: e instanceof Error ? e.message : String(e) }, 'background sync could not start'),
  });

  /** Schedules the accounts saved now and drops those removed. */
  function follow(): void {
    if (stopped) return;
    const ids = wanted();
    for (const id of [...scheduled]) {
      if (ids.has(id)) continue;
      scheduled.delete(id);
      scheduler.remove(id);
    }
    for (const id of ids) {
      if (scheduled.has(id)) continue;
      scheduled.add(id);
      scheduler.add(id);
    }
  }

  function connectivity(): ConnectivityState {
    return { online: monitor.isOnline(), since: new Date(monitor.since()).toISOString(), dataAsOf: iso(history().lastSuccessAt) };
  }

  return {
    /**
     * The service's handler table with this module's methods added and two wrapped: saved
     * settings re-arm the schedules, an opened space (switched, added, removed) re-reads the accounts.
     */
    attach(handlers: ServiceHandlers): DataHandlers {
      const table: DataHandlers = {
        ...handlers,
        ...this.handlers,
        'settings.update': async (patch, ctx) => {
          const settings = await handlers['settings.update'](patch, ctx);
          this.settingsChanged();
          return settings;
        },
        'space.open': async (request, ctx) => {
          const answer = await handlers['space.open'](request, ctx);
          this.spaceChanged();
          return answer;
        },
      };
      return table;
    },

    handlers: {
      'app.connectivity': (): ConnectivityState => connectivity(),
      'schedule.status': (): ScheduleStatus => {
        const accountId = deps.spaces.currentId();
        const s = schedule(accountId);
        const h = history();
        const online = monitor.isOnline();
        return {
          accountId,
          ...s,
          nextRunAt: iso(scheduler.nextRunAt(accountId)),
          nextRunFull: scheduler.nextRunIsFull(accountId),
          lastSuccessAt: iso(h.lastSuccessAt),
          lastFullAt: iso(h.lastFullAt),
          running: deps.sync.current() !== null,
          pausedBecauseOffline: s.enabled && !online,
        };
      },
    } satisfies Pick<DataHandlers, 'app.connectivity' | 'schedule.status'>,

    /** Probes the network, then schedules every account (a start-up catch-up for each one due). */
    async start(): Promise<void> {
      started = true;
      await monitor.start();
      follow();
    },

    /** Every finished run (the schedule's or the user's): news for notifications, the schedule moves on. */
    finished(summary: SyncSummary, accountId: string): void {
      // A run that outlived the service (closed meanwhile): its databases are gone.
      if (stopped) return;
      const startedAt = readRunStart(accountId === current() ? deps.spaces.db() : null, summary);
      deps.emit?.('sync.finished', { accountId, accountName: deps.nameOf?.(accountId) ?? accountId, status: summary.status, startedAt, highlights: summary.highlights });
      const codes = [summary.error?.code, ...summary.datasets.map((d) => d.error?.code)];
      if (codes.some((c) => c === 'network.offline' || c === 'network.timeout')) monitor.reportFailure();
      else if (summary.status === 'succeeded' || summary.status === 'partial') monitor.reportSuccess();
      if (started && scheduled.has(accountId)) scheduler.reschedule(accountId);
    },

    /** Settings were saved: the schedules (interval, on/off) may have changed. */
    settingsChanged(): void {
      if (!started || stopped) return;
      for (const id of scheduled) scheduler.reschedule(id);
    },

    /**
     * The active account changed, or one was added or removed (the accounts service re-opens
     * the active space after each): schedule the saved accounts, and probe the active API host.
     */
    spaceChanged(): void {
      if (!started || stopped) return;
      follow();
      void monitor.checkNow();
    },

    /** The scheduler, for tests and the status line. */
    scheduler,
    monitor,

    stop(): void {
      stopped = true;
      scheduler.stop();
      monitor.stop();
    },
  };
}

export type BackgroundSync = ReturnType<typeof createBackgroundSync>;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The run's recorded start; for a run of an account not open (a scheduled sync, or a switch
 * during the sync), its duration back from now — a moment just before the recorded start, and no
 * other run of the account wrote in between (the sync lock), so "first seen since" selects the
 * same rows.
 */
function readRunStart(db: Db | null, summary: SyncSummary): string {
  const started = db ? (db.prepare('SELECT started_at FROM sync_runs WHERE id = ?').pluck().get(summary.runId) as string | undefined) : undefined;
  return started ?? new Date(Date.now() - Math.ceil(summary.seconds * 1000)).toISOString();
}
