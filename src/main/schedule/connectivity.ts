import type { Clock } from './clock';

export interface ConnectivityDeps {
  clock: Clock;
  /** Answers whether the API host is reachable (a cheap request, or Electron's net.isOnline()). */
  probe: () => Promise<boolean>;
  /** Probe interval while online, and the (shorter) one while offline. */
  onlineIntervalMs?: number;
  offlineIntervalMs?: number;
  onChange: (online: boolean, since: number) => void;
}

/**
 * Notices lost connectivity and its return. Besides its own periodic probe, anything that sees
 * a network failure (the sync client) reports it, so "offline" shows at once rather than at
 * the next probe; a report of success brings the app back online just as fast.
 */
export function createConnectivityMonitor(deps: ConnectivityDeps) {
  let online = true;
  let since = deps.clock.now();
  let cancel: (() => void) | null = null;
  let stopped = false;

  function set(value: boolean): void {
    if (value === online) return;
    online = value;
    since = deps.clock.now();
    deps.onChange(online, since);
  }

  async function check(): Promise<void> {
    const reachable = await deps.probe().catch(() => false);
    if (stopped) return;
    set(reachable);
    arm();
  }

  function arm(): void {
    cancel?.();
    const ms = online ? (deps.onlineIntervalMs ?? 60_000) : (deps.offlineIntervalMs ?? 10_000);
    cancel = deps.clock.setTimer(() => void check(), ms);
  }

  return {
    start(): Promise<void> {
      return check();
    },
    /** Probes now (the active account, and so the API host, changed). */
    checkNow(): Promise<void> {
      return check();
    },
    isOnline: () => online,
    /** Since when the current state holds (for "offline — data as of …"). */
    since: () => since,
    reportFailure(): void {
      set(false);
      arm();
    },
    reportSuccess(): void {
      set(true);
    },
    stop(): void {
      stopped = true;
      cancel?.();
    },
  };
}

export type ConnectivityMonitor = ReturnType<typeof createConnectivityMonitor>;
