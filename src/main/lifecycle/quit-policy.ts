/**
 * What closing the last window means (issue 8). macOS and Windows keep a tray / menu-bar icon:
 * the app and its data worker live on with no window, so a sync (the schedule's too) carries on,
 * and only Quit ends it. Linux has no dependable tray: the app quits with its last window, except
 * while a sync runs; then it waits for the sync to end (a window opened meanwhile cancels that).
 */
export const keepsTray = (platform: NodeJS.Platform): boolean => platform === 'darwin' || platform === 'win32';

export interface QuitPolicyDeps {
  platform: NodeJS.Platform;
  isSyncRunning: () => Promise<boolean>;
  windowCount: () => number;
  quit: () => void;
}

export type AllClosedOutcome = 'stay' | 'quit' | 'wait-for-sync';

export function createQuitPolicy(deps: QuitPolicyDeps) {
  let quitting = false;
  let waitingForSync = false;

  function quitNow(): void {
    quitting = true;
    waitingForSync = false;
    deps.quit();
  }

  return {
    /** Electron's `window-all-closed`. */
    async allWindowsClosed(): Promise<AllClosedOutcome> {
      if (quitting) return 'quit';
      if (keepsTray(deps.platform)) return 'stay';
      // A failed answer (worker gone) cannot be waited on: quit.
      const running = await deps.isSyncRunning().catch(() => false);
      if (running && deps.windowCount() === 0) {
        waitingForSync = true;
        return 'wait-for-sync';
      }
      if (deps.windowCount() > 0) return 'stay';
      quitNow();
      return 'quit';
    },
    /** A sync ended (`sync.finished`): a Linux app waiting for it with no window quits now. */
    syncEnded(): void {
      if (waitingForSync && deps.windowCount() === 0) quitNow();
    },
    /** A window was opened again: the user is back, stop waiting to quit. */
    windowOpened(): void {
      waitingForSync = false;
    },
    /** Quit from the tray or the menu: really quits, whatever the platform. */
    requestQuit(): void {
      quitNow();
    },
    /** Electron's `before-quit` (Cmd+Q, the Dock, the OS logging out): from now on closing quits. */
    quitting(): void {
      quitting = true;
    },
    isQuitting: () => quitting,
    isWaitingForSync: () => waitingForSync,
  };
}

export type QuitPolicy = ReturnType<typeof createQuitPolicy>;
