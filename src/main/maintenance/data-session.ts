import { methods, type DataMethodName, type EventName, type EventPayload, type MethodName } from '../../shared/contract';
import { recordDatasetIds } from '../../shared/catalogue';
import type { DataDirSource } from '../../shared/contract-maintenance';
import { AppFailure } from '../../shared/result';
import type { AccountsService } from '../accounts';
import type { DataHandlers } from '../ipc/handlers';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** What runs on one data directory: the data-service worker and main's accounts (its own app-database connection). */
export interface DataRuntime {
  handlers: DataHandlers;
  accounts: AccountsService;
  /** Stops syncs and closes every database of the directory. */
  close(): Promise<void>;
}

export interface DataSessionDeps {
  location: { path: string; source: DataDirSource };
  /** Starts the worker and the accounts on a directory (index.ts: startDataWorker + openAccounts). */
  open: (dataDir: string) => Promise<DataRuntime>;
  emit?: Emit;
}

/**
 * The data directory main works on, replaceable while the app runs (a move): the IPC handler table
 * is built once on `handlers` and `accounts`, which forward to whatever runs now. Between `stop`
 * and `start` every call is refused with `busy` instead of reaching a closed database.
 */
export async function openDataSession(deps: DataSessionDeps) {
  let location = deps.location;
  let current: DataRuntime | null = await deps.open(location.path);

  const now = (): DataRuntime => {
    if (!current) throw new AppFailure('busy', 'The data folder is being moved; try again in a moment.');
    return current;
  };

  const handlers = Object.fromEntries(
    (Object.keys(methods) as MethodName[])
      .filter((m): m is DataMethodName => methods[m].owner === 'data')
      .map((m) => [m, (request: unknown, context: unknown) => (now().handlers[m] as (r: unknown, c: unknown) => unknown)(request, context)]),
  ) as unknown as DataHandlers;

  const accounts = new Proxy({} as AccountsService, {
    get(_target, key) {
      const target = now().accounts;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });

  return {
    handlers,
    accounts,
    location: () => location,
    /** Cancels a running sync, waits for it to end, and closes everything open on the directory. */
    async stop(): Promise<void> {
      const running = now();
      await running.handlers['sync.cancel']({}, { senderUrl: 'main' });
      for (let i = 0; i < 600 && (await running.handlers['sync.status']({}, { senderUrl: 'main' })).running; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      current = null;
      await running.close();
    },
    /** Runs on a directory (the new one after a move, the old one after a failed move); every view reloads. */
    async start(dataDir: string): Promise<void> {
      current = await deps.open(dataDir);
      deps.emit?.('data.changed', { datasets: [...recordDatasetIds] });
    },
    /** Records where the data now lives (after a successful move). */
    relocate(next: { path: string; source: DataDirSource }): void {
      location = next;
    },
    async close(): Promise<void> {
      const running = current;
      current = null;
      await running?.close();
    },
  };
}

export type DataSession = Awaited<ReturnType<typeof openDataSession>>;
