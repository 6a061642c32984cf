import type { EventName, EventPayload } from '../../shared/contract';
import { AppFailure } from '../../shared/result';
import type { DataHandlers } from '../ipc/handlers';
import { acquireSyncLock } from '../maintenance/sync-lock';
import { spaceDbPath, type Db } from '../store';
import type { ApiCredentials } from './client/http-client';
import { startDemoSource } from './demo-source';
import { runSync, type SyncProgress, type SyncSummary } from './engine';
import { readLastRun, readSyncStatus } from './status';
import { throttleProgress } from './throttle-progress';
import { runSyncInWorker, type SyncWorkerSpec } from './worker/run-in-worker';

export { throttleProgress } from './throttle-progress';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
type SyncRequest = { datasets?: string[] | undefined; full?: boolean | undefined };

export interface SyncHandlerDeps {
  dataDir: string;
  spaces: {
    currentId(): string;
    db(): Db;
    /** A space's writer connection, its file opened, checked and migrated (default: the current one only). */
    writerOf?(id: string): Db;
  };
  emit?: Emit;
  /**
   * Credentials of a saved space, the token read at the moment of the sync (never kept).
   * Default: the accounts module and the OS keychain. The Demo space syncs from the in-process
   * simulator.
   */
  credentialsFor?: (spaceId: string) => Promise<ApiCredentials>;
  /** Called with each finished run (the scheduler's history, notifications). */
  onFinished?: (summary: SyncSummary, spaceId: string) => void;
  /**
   * The sync worker's entry (the app): each sync runs in a thread of its own on its own writer
   * connection, so queries never wait behind its transactions. Without it (the command line's
   * in-process service, most tests) a sync runs in this thread on the space's writer connection.
   */
  worker?: SyncWorkerSpec | undefined;
  /** A space's name for messages ("Acme is syncing"). */
  nameOf?: (spaceId: string) => string;
}

export interface SyncRunner {
  readonly handlers: Pick<DataHandlers, 'sync.start' | 'sync.cancel' | 'sync.status'>;
  /** Starts a sync of any space (the schedule); `busyWith` names the space already syncing. */
  start(spaceId: string, request: SyncRequest): Promise<{ started: boolean; busyWith: string | null }>;
  /** The sync running now, and a promise of its end (it never rejects). */
  current(): { spaceId: string; ended: Promise<void> } | null;
  /**
   * Stops a space's running sync before its file goes away (the account is removed): the worker
   * is ended at once (its open transaction rolls back) rather than after minutes of index
   * rebuilding; resolves when the run has ended and the lock is released.
   */
  stop(spaceId: string): Promise<void>;
  /** The service is closing: a running sync worker is stopped (its open transaction rolls back). */
  close(): void;
}

/** The one sync slot: taken from the first check (lock, credentials) until the run has ended. */
interface Slot {
  spaceId: string;
  controller: AbortController;
  ended: Promise<void>;
  /** The run has started (lock held, credentials read). */
  launched: boolean;
  terminate: (() => Promise<void>) | null;
}

/**
 * `sync.start` / `sync.cancel` / `sync.status` of the data service, and the schedule's way to
 * start a sync of any saved space. One sync runs at a time (each holds a writer and a few
 * hundred MB at 1M rows); progress of the open space's sync streams as `sync.progress`, its end
 * as `data.changed`. The cross-process sync lock keeps the app and `mpdesk sync` from writing
 * the same file at once.
 */
export function createSyncRunner(deps: SyncHandlerDeps): SyncRunner {
  /** Two quick starts (a click and the schedule) start one sync: the slot is taken before any await. */
  let slot: Slot | null = null;
  const nameOf = deps.nameOf ?? ((id: string) => (id === 'demo' ? 'the Demo space' : id));
  const writerOf = (id: string) => (deps.spaces.writerOf ? deps.spaces.writerOf(id) : id === deps.spaces.currentId() ? deps.spaces.db() : null);

  async function credentialsOf(spaceId: string): Promise<{ credentials: ApiCredentials; close(): Promise<void> }> {
    if (spaceId === 'demo') return startDemoSource();
    const resolve = deps.credentialsFor ?? ((id: string) => keychainCredentials(deps.dataDir, id));
    return { credentials: await resolve(spaceId), close: async () => {} };
  }

  async function start(spaceId: string, request: SyncRequest): Promise<{ started: boolean; busyWith: string | null }> {
    if (slot) return { started: false, busyWith: slot.spaceId };
    let endSlot: () => void = () => {};
    const mine: Slot = { spaceId, controller: new AbortController(), ended: new Promise((resolve) => (endSlot = resolve)), launched: false, terminate: null };
    slot = mine;
    const free = () => {
      if (slot === mine) slot = null;
      endSlot();
    };
    let db: Db;
    let release: () => Promise<void>;
    let source: Awaited<ReturnType<typeof credentialsOf>>;
    try {
      // Opens, checks and migrates the file here, so the worker finds it ready (and a damaged
      // file is set aside with the user told, as when the space is opened).
      const writer = writerOf(spaceId);
      if (!writer) throw new AppFailure('not_found', `No open database for ${nameOf(spaceId)}.`);
      db = writer;
      // The same lock as `mpdesk sync`: a command-line sync of this account makes this one fail clearly.
      release = await acquireSyncLock(spaceDbPath(deps.dataDir, spaceId), {
        label: spaceId === 'demo' ? 'the Demo space' : 'this account',
        hint: 'It may be `mpdesk sync` on the command line; sync again when it has finished.',
      });
      try {
        source = await credentialsOf(spaceId);
      } catch (e) {
        await release();
        throw e;
      }
    } catch (e) {
      free();
      throw e;
    }
    const { controller } = mine;
    // Only the open space's progress is shown: the renderer's sync control is the open space's.
    const emitProgress = throttleProgress((p) => {
      if (spaceId === deps.spaces.currentId()) deps.emit?.('sync.progress', p);
    });
    let run: ReturnType<typeof launch>;
    try {
      run = launch(spaceId, db, source.credentials, request, controller.signal, emitProgress);
    } catch (e) {
      await source.close().catch(() => {});
      await release().catch(() => {});
      free();
      throw e;
    }
    mine.launched = true;
    mine.terminate = run.terminate;
    void (async () => {
      let summary: SyncSummary | null = null;
      let failure: string | null = null;
      try {
        summary = await run.done;
      } catch (e) {
        // Stopped on purpose (`stop`, `close`): nothing to tell.
        if (!(e instanceof AppFailure && e.code === 'cancelled')) failure = e instanceof Error ? e.message : String(e);
      } finally {
        await source.close().catch(() => {});
        await release().catch(() => {});
        if (slot === mine) slot = null;
      }
      // Announced only once the lock is released, so a listener may start the next sync at once.
      try {
        if (failure !== null) {
          // A background sync of an account not open names it: the notice is shown over another space.
          deps.emit?.('app.notice', { level: 'error', message: spaceId === deps.spaces.currentId() ? failure : `${capitalise(nameOf(spaceId))}: ${failure}` });
        }
        if (summary) {
          const changed = summary.datasets.filter((d) => d.counts.inserted + d.counts.updated + d.counts.gone > 0 || d.mode === 'snapshot').map((d) => d.id);
          if (spaceId === deps.spaces.currentId()) deps.emit?.('data.changed', { datasets: changed });
          deps.onFinished?.(summary, spaceId);
        }
      } finally {
        endSlot();
      }
    })();
    return { started: true, busyWith: null };
  }

  /** The run itself: in a sync worker when one is configured, else in this thread. */
  function launch(spaceId: string, db: Db, credentials: ApiCredentials, request: SyncRequest, signal: AbortSignal, onProgress: (p: SyncProgress) => void) {
    if (!deps.worker) {
      return { done: runSync({ db, credentials, datasets: request.datasets, full: request.full, signal, onProgress }), terminate: null };
    }
    const worker = runSyncInWorker(deps.worker, { dbPath: spaceDbPath(deps.dataDir, spaceId), credentials, datasets: request.datasets, full: request.full }, onProgress);
    // Cancelled while the lock was being taken: the worker stops at its first check.
    if (signal.aborted) worker.cancel();
    else signal.addEventListener('abort', () => worker.cancel(), { once: true });
    return { done: worker.done, terminate: () => worker.terminate() };
  }

  const handlers: SyncRunner['handlers'] = {
    'sync.start': async (request) => {
      const spaceId = deps.spaces.currentId();
      const answer = await start(spaceId, request);
      // A background sync of another account holds the one sync slot: say so instead of nothing.
      if (answer.busyWith !== null && answer.busyWith !== spaceId) {
        throw new AppFailure('busy', `${capitalise(nameOf(answer.busyWith))} is syncing in the background; sync again when it has finished.`);
      }
      return { started: answer.started, runId: null };
    },
    'sync.cancel': () => {
      if (!slot || slot.spaceId !== deps.spaces.currentId()) return { cancelled: false };
      slot.controller.abort();
      return { cancelled: true };
    },
    'sync.status': () => {
      const db = deps.spaces.db();
      return { running: slot !== null && slot.launched && slot.spaceId === deps.spaces.currentId(), datasets: readSyncStatus(db), lastRun: readLastRun(db) };
    },
  };

  return {
    handlers,
    start,
    current: () => (slot ? { spaceId: slot.spaceId, ended: slot.ended } : null),
    async stop(spaceId) {
      const running = slot;
      if (!running || running.spaceId !== spaceId) return;
      running.controller.abort();
      await running.terminate?.();
      await running.ended;
    },
    close() {
      slot?.controller.abort();
      void slot?.terminate?.();
    },
  };
}

/** The data service's sync methods alone (tests of the handlers). */
export function createSyncHandlers(deps: SyncHandlerDeps): SyncRunner['handlers'] {
  return createSyncRunner(deps).handlers;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A saved account's credentials, its token read from the OS keychain now (loaded only when needed). */
async function keychainCredentials(dataDir: string, spaceId: string): Promise<ApiCredentials> {
  const { openLocalAccounts } = await import('../accounts');
  const local = openLocalAccounts(dataDir);
  try {
    return await local.accounts.resolveCredentials(spaceId);
  } finally {
    local.close();
  }
}
