import type { EventName, EventPayload } from '../../shared/contract';
import type { DataHandlers } from '../ipc/handlers';
import { acquireSyncLock } from '../maintenance/sync-lock';
import { spaceDbPath, type Db } from '../store';
import type { ApiCredentials } from './client/http-client';
import { startDemoSource } from './demo-source';
import { runSync, type SyncProgress, type SyncSummary } from './engine';
import { readLastRun, readSyncStatus } from './status';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface SyncHandlerDeps {
  dataDir: string;
  spaces: { currentId(): string; db(): Db };
  emit?: Emit;
  /**
   * Credentials of a saved space, the token read at the moment of the sync (never kept).
   * Default: the accounts module and the OS keychain. The Demo space syncs from the in-process
   * simulator.
   */
  credentialsFor?: (spaceId: string) => Promise<ApiCredentials>;
  /** Called with each finished run (the scheduler's history, notifications). */
  onFinished?: (summary: SyncSummary, spaceId: string) => void;
}

/** Progress events at most this often per data set (phase changes always go out). */
const progressIntervalMs = 100;

/**
 * `sync.start` / `sync.cancel` / `sync.status` of the data service. A sync runs in the background
 * of the service (its writes are synchronous transactions in this thread, the worker, never the
 * Electron main thread); progress streams as `sync.progress`, the end as `data.changed`. The
 * cross-process sync lock keeps the app and `mpdesk sync` from writing the same file at once.
 */
export function createSyncHandlers(deps: SyncHandlerDeps): Pick<DataHandlers, 'sync.start' | 'sync.cancel' | 'sync.status'> {
  let running: { controller: AbortController; spaceId: string; done: Promise<void> } | null = null;
  /** Set from the first check until `running` is: two quick starts (a click and the schedule) start one sync. */
  let starting = false;

  async function credentialsOf(spaceId: string): Promise<{ credentials: ApiCredentials; close(): Promise<void> }> {
    if (spaceId === 'demo') return startDemoSource();
    const resolve = deps.credentialsFor ?? ((id: string) => keychainCredentials(deps.dataDir, id));
    return { credentials: await resolve(spaceId), close: async () => {} };
  }

  return {
    'sync.start': async (request) => {
      if (running || starting) return { started: false, runId: null };
      const spaceId = deps.spaces.currentId();
      const db = deps.spaces.db();
      let release: () => Promise<void>;
      let source: Awaited<ReturnType<typeof credentialsOf>>;
      starting = true;
      try {
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
      } finally {
        starting = false;
      }
      const controller = new AbortController();
      const emitProgress = throttleProgress((p) => deps.emit?.('sync.progress', p));
      const done = (async () => {
        let summary: SyncSummary | null = null;
        try {
          summary = await runSync({ db, credentials: source.credentials, datasets: request.datasets, full: request.full, signal: controller.signal, onProgress: emitProgress });
        } catch (e) {
          deps.emit?.('app.notice', { level: 'error', message: e instanceof Error ? e.message : String(e) });
        } finally {
          await source.close().catch(() => {});
          await release().catch(() => {});
          running = null;
        }
        // Announced only once the lock is released, so a listener may start the next sync at once.
        if (summary) {
          const changed = summary.datasets.filter((d) => d.counts.inserted + d.counts.updated + d.counts.gone > 0 || d.mode === 'snapshot').map((d) => d.id);
          deps.emit?.('data.changed', { datasets: changed });
          deps.onFinished?.(summary, spaceId);
        }
      })();
      running = { controller, spaceId, done };
      return { started: true, runId: null };
    },
    'sync.cancel': () => {
      if (!running) return { cancelled: false };
      running.controller.abort();
      return { cancelled: true };
    },
    'sync.status': () => {
      const db = deps.spaces.db();
      return { running: running !== null && running.spaceId === deps.spaces.currentId(), datasets: readSyncStatus(db), lastRun: readLastRun(db) };
    },
  };
}

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

/** Per data set, passes phase changes at once and other reports at most every 100 ms. */
export function throttleProgress(send: (p: SyncProgress) => void, intervalMs = progressIntervalMs): (p: SyncProgress) => void {
  const last = new Map<string, { at: number; phase: string }>();
  return (p) => {
    const now = performance.now();
    const prev = last.get(p.dataset);
    if (prev && prev.phase === p.phase && now - prev.at < intervalMs && (p.total === null || p.done < p.total)) return;
    last.set(p.dataset, { at: now, phase: p.phase });
    send(p);
  };
}
