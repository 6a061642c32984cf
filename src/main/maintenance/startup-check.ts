import { existsSync, statSync } from 'node:fs';
import type { StartupNotice } from '../../shared/contract-maintenance';
import { AppFailure } from '../../shared/result';
import { checkDatabaseFile } from './integrity';

/** From this size a space file's index rebuilds take over a second (~1 GB per million records). */
export const slowUpgradeBytes = 64 * 2 ** 20;

/**
 * The start-up checks of the data service: each database file is quick-checked the first time
 * this process opens it; a damaged one is kept aside (never deleted) and replaced by a fresh
 * file, and the user is told why — at once through `app.notice`, and later through `app.notices`
 * for a window that was not listening yet. A file written by a newer version is refused, every
 * time it is asked for, without being opened for writing.
 */
export function createStartupChecks(options: { now?: () => Date; emit?: (notice: StartupNotice) => void; slowUpgradeBytes?: number } = {}) {
  const now = options.now ?? (() => new Date());
  const notices: StartupNotice[] = [];
  const checked = new Set<string>();
  const refused = new Map<string, AppFailure>();
  /** Space files kept aside and started again empty, and who wants to know (the Demo re-seed). */
  const resetSpaces: string[] = [];
  const resetListeners: ((path: string) => void)[] = [];

  function tell(code: string, level: StartupNotice['level'], message: string): void {
    const notice = { code, level, message, at: now().toISOString() };
    notices.push(notice);
    options.emit?.(notice);
  }

  /** Checks once; answers whether the file was damaged (and is now aside). Throws db.newer. */
  function check(path: string, latestVersion: number, what: string, damaged: (detail: string, keptAt: string) => string): boolean {
    const known = refused.get(path);
    if (known) throw known;
    if (checked.has(path)) return false;
    const result = checkDatabaseFile(path, now, latestVersion);
    if (result.status === 'newer') {
      const failure = new AppFailure(
        'db.newer',
        `${what} was written by a newer version of Marketplace Desk (schema ${result.version}, this app knows ${latestVersion}). Update Marketplace Desk to open it; the file at ${path} was left untouched.`,
      );
      refused.set(path, failure);
      tell('db.newer', 'error', failure.message);
      throw failure;
    }
    checked.add(path);
    if (result.status !== 'corrupt') return false;
    tell('db.corrupt', 'warning', damaged(result.detail, result.keptAt));
    return true;
  }

  return {
    /**
     * Quick-checks a space database before it is opened. Answers whether it was damaged (and is
     * now aside): the space then starts from an empty file, so its next sync is a full one.
     */
    checkSpaceFile(path: string, latestVersion: number, spaceName: string): boolean {
      const damaged = check(
        path,
        latestVersion,
        `The data file of ${spaceName}`,
        (detail, keptAt) =>
          `The data file of ${spaceName} was damaged (${detail}). It was kept aside at ${keptAt} and ${spaceName} starts from an empty file: the next sync downloads everything again from the Marketplace API.`,
      );
      if (damaged) {
        resetSpaces.push(path);
        for (const listener of resetListeners) listener(path);
      }
      return damaged;
    },
    /**
     * Calls `listener` with the path of every space file started again empty: those found before
     * (the open space is checked before the sync runner exists) and those found later.
     */
    onSpaceReset(listener: (path: string) => void): void {
      resetListeners.push(listener);
      for (const path of resetSpaces) listener(path);
    },
    /**
     * Quick-checks the app database (accounts, settings). A damaged one is kept aside and
     * `salvage` recovers what it can from it (the saved accounts) into the fresh file.
     */
    checkAppFile(path: string, latestVersion: number, salvage?: (keptAt: string, freshPath: string) => number): boolean {
      return check(path, latestVersion, 'The settings file', (detail, keptAt) => {
        const recovered = salvage ? salvage(keptAt, path) : 0;
        const accounts =
          recovered > 0
            ? `${recovered} saved account${recovered === 1 ? ' was' : 's were'} recovered and still use${recovered === 1 ? 's' : ''} the token in the system keychain; any other account must be added again.`
            : 'Your saved accounts could not be recovered and must be added again.';
        return `The settings file was damaged (${detail}) and was kept aside at ${keptAt}. Settings are back to their defaults. ${accounts}`;
      });
    },
    /**
     * Before slow migrations (index rebuilds) of a space file large enough for them to take more
     * than a second: the worker answers nothing meanwhile, and the user is told why (about 30 s
     * per million licences + transactions, migration 6 in bench/grid.ts).
     */
    upgradingSpaceFile(path: string, spaceName: string, upgrade: { slow: readonly { description: string }[] }): void {
      if (upgrade.slow.length === 0 || !existsSync(path) || statSync(path).size < (options.slowUpgradeBytes ?? slowUpgradeBytes)) return;
      const steps = upgrade.slow.map((m) => m.description).join('; ');
      tell('db.upgrade', 'info', `Updating the data file of ${spaceName} for this version of Marketplace Desk (${steps}). On a large file this takes a minute or so; its data appears when it is done.`);
    },
    notices: (): StartupNotice[] => [...notices],
  };
}

export type StartupChecks = ReturnType<typeof createStartupChecks>;
