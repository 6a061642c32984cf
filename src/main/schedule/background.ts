import type { EventName, EventPayload } from '../../shared/contract';
import type { ConnectivityState, ScheduleStatus } from '../../shared/contract-app';
import type { DataHandlers } from '../ipc/handlers';
import type { Logger } from '../logging';
import { readSettings } from '../settings/repository';
import { scheduleFor } from '../../shared/settings';
import type { Db } from '../store';
import type { SyncSummary } from '../sync/engine';
import { systemClock, type Clock } from './clock';
import { createConnectivityMonitor } from './connectivity';
import { probeAccountHost } from './probe';
import { createScheduler } from './scheduler';
import { readSyncHistory } from './sync-history';

type ServiceHandlers = Omit<DataHandlers, 'app.connectivity' | 'schedule.status'>;
type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface BackgroundSyncDeps {
  appDb: Db;
  spaces: { currentId(): string; db(): Db };
  clock?: Clock;
  /** Answers whether an account's API host is reachable (default: an HTTP request to it). */
  probe?: (accountId: string) => Promise<boolean>;
  emit?: Emit;
  log?: Logger;
  /** The data sets a background sync pulls (default: all of them); tests narrow it to keep runs short. */
  datasets?: string[];
  /** How often a run started elsewhere is checked for having ended without a summary (a crash). */
  endPollMs?: number;
}

/**
 * The app's background life in the data service: the active account's sync schedule and the
 * connectivity monitor. Only the app starts it (the worker); the command line never schedules.
 * Syncs go through `sync.start`, so the cross-process lock and "one sync at a time" hold for
 * them as for the button, and the end of every run (`onFinished`) moves the schedule on.
 */
export function createBackgroundSync(deps: BackgroundSyncDeps) {
  const clock = deps.clock ?? systemClock;
  const probe = deps.probe ?? ((id: string) => probeAccountHost(deps.appDb, id));
  const waiting = new Set<() => void>();
  let scheduled: string | null = null;
  let stopped = false;
  /** The service's handlers (see `attach`): syncs start through its own `sync.start`. */
  let service: ServiceHandlers | null = null;
  /** A run started through `sync.start` has not reported its end yet. */
  let running = false;
  const internal = { senderUrl: 'schedule' };

  async function startSync(full: boolean): Promise<void> {
    if (!service) throw new Error('background sync is not attached to a data service');
    await service['sync.start']({ full, ...(deps.datasets ? { datasets: deps.datasets } : {}) }, internal);
  }
  /** The service's own answer (its sync.status reads row counts: used only as a fallback). */
  async function isSyncRunning(): Promise<boolean> {
    return service ? (await service['sync.status']({}, internal)).running : false;
  }

  const history = () => readSyncHistory(deps.spaces.db());
  const schedule = (id: string) => scheduleFor(readSettings(deps.appDb), id);

  const monitor = createConnectivityMonitor({
    clock,
    probe: () => (stopped ? Promise.resolve(true) : probe(deps.spaces.currentId())),
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
    // Only the active account is scheduled (its database is the open one).
    history: () => history(),
    isOnline: () => monitor.isOnline(),
    runSync: async (accountId, { full, reason }) => {
      if (accountId !== deps.spaces.currentId()) return;
      deps.log?.info({ accountId, full, reason }, 'background sync');
      const ended = waitForEnd();
      await startSync(full).catch((e: unknown) => {
        ended.cancel();
        throw e;
      });
      // Started, or joined a sync the user started: either way, wait for its end.
      await ended.promise;
    },
    onError: (accountId, e) => deps.log?.warn({ accountId, err: e instanceof Error ? e.message : String(e) }, 'background sync could not start'),
  });

  /** Resolves at the next finished run, or once the service says nothing runs (a run that died without a summary). */
  function waitForEnd(): { promise: Promise<void>; cancel(): void } {
    let done: () => void = () => {};
    let cancelPoll: () => void = () => {};
    const promise = new Promise<void>((resolve) => {
      done = () => {
        waiting.delete(done);
        cancelPoll();
        resolve();
      };
      waiting.add(done);
      const poll = () => {
        cancelPoll = clock.setTimer(() => void isSyncRunning().then((r) => (r ? poll() : ((running = false), done())), done), deps.endPollMs ?? 30_000);
      };
      poll();
    });
    return { promise, cancel: () => done() };
  }

  function connectivity(): ConnectivityState {
    return { online: monitor.isOnline(), since: new Date(monitor.since()).toISOString(), dataAsOf: iso(history().lastSuccessAt) };
  }

  function follow(accountId: string): void {
    if (scheduled === accountId) return;
    if (scheduled !== null) scheduler.remove(scheduled);
    scheduled = accountId;
    scheduler.add(accountId);
  }

  return {
    /**
     * The service's handler table with this module's methods added and three wrapped: a started
     * sync is tracked, saved settings re-arm the schedule, a switched account is scheduled instead.
     */
    attach(handlers: ServiceHandlers): DataHandlers {
      const table: DataHandlers = {
        ...handlers,
        ...this.handlers,
        'sync.start': async (request, ctx) => {
          const answer = await handlers['sync.start'](request, ctx);
          if (answer.started) running = true;
          return answer;
        },
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
      service = table;
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
          running,
          pausedBecauseOffline: s.enabled && !online,
        };
      },
    } satisfies Pick<DataHandlers, 'app.connectivity' | 'schedule.status'>,

    /** Probes the network, then schedules the active account (a start-up catch-up if one is due). */
    async start(): Promise<void> {
      await monitor.start();
      if (!stopped) follow(deps.spaces.currentId());
    },

    /** Every finished run (the schedule's or the user's): news for notifications, the schedule moves on. */
    finished(summary: SyncSummary, accountId: string): void {
      running = false;
      // A run that outlived the service (closed meanwhile): its databases are gone.
      if (stopped) return;
      const startedAt = readRunStart(deps.spaces.db(), summary, accountId === deps.spaces.currentId());
      deps.emit?.('sync.finished', { accountId, status: summary.status, startedAt, highlights: summary.highlights });
      const codes = [summary.error?.code, ...summary.datasets.map((d) => d.error?.code)];
      if (codes.some((c) => c === 'network.offline' || c === 'network.timeout')) monitor.reportFailure();
      else if (summary.status === 'succeeded' || summary.status === 'partial') monitor.reportSuccess();
      for (const done of [...waiting]) done();
      if (!stopped && accountId === scheduled) scheduler.reschedule(accountId);
    },

    /** Settings were saved: the schedule (interval, on/off) may have changed. */
    settingsChanged(): void {
      if (scheduled !== null && !stopped) scheduler.reschedule(scheduled);
    },

    /** The active account changed: schedule it instead, and probe its API host. */
    spaceChanged(): void {
      if (stopped || scheduled === null) return;
      follow(deps.spaces.currentId());
      void monitor.checkNow();
    },

    /** The scheduler, for tests and the status line. */
    scheduler,
    monitor,

    stop(): void {
      stopped = true;
      scheduler.stop();
      monitor.stop();
      for (const done of [...waiting]) done();
    },
  };
}

export type BackgroundSync = ReturnType<typeof createBackgroundSync>;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The run's recorded start; for a run of an account no longer open (switched during the sync),
 * its duration back from now — a moment just before the recorded start, and no other run of the
 * account wrote in between (the sync lock), so "first seen since" selects the same rows.
 */
function readRunStart(db: Db, summary: SyncSummary, isCurrent: boolean): string {
  const started = isCurrent ? (db.prepare('SELECT started_at FROM sync_runs WHERE id = ?').pluck().get(summary.runId) as string | undefined) : undefined;
  return started ?? new Date(Date.now() - Math.ceil(summary.seconds * 1000)).toISOString();
}
