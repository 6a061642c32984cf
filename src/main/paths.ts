import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { DataDirSource } from '../shared/contract-maintenance';

export const appDirName = 'Marketplace Desk';

/**
 * The data directory by OS convention, shared by the app and the command line so both see the
 * same database: macOS `~/Library/Application Support/Marketplace Desk`, Windows
 * `%APPDATA%\Marketplace Desk`, Linux `$XDG_DATA_HOME/marketplace-desk` (else
 * `~/.local/share/marketplace-desk`). `MPDESK_DATA_DIR` overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MPDESK_DATA_DIR) return env.MPDESK_DATA_DIR;
  const home = homedir();
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', appDirName);
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appDirName);
    default:
      return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'marketplace-desk');
  }
}

/**
 * The file recording where a move put the data directory. It lives OUTSIDE every data directory
 * (the old one is emptied by the move): macOS `~/Library/Preferences/Marketplace Desk`, Windows
 * `%LOCALAPPDATA%\Marketplace Desk`, Linux `$XDG_CONFIG_HOME/marketplace-desk`;
 * `MPDESK_CONFIG_DIR` overrides the folder (tests).
 */
export function locationFilePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MPDESK_CONFIG_DIR) return join(env.MPDESK_CONFIG_DIR, 'location.json');
  const home = homedir();
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Preferences', appDirName, 'location.json');
    case 'win32':
      return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), appDirName, 'location.json');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'marketplace-desk', 'location.json');
  }
}

const locationSchema = z.object({ dataDir: z.string().min(1).refine(isAbsolute, 'must be an absolute path'), movedAt: z.string() });

/** The data directory a move recorded, or null (no file, or one that is unreadable: ignored). */
export function readLocationFile(path: string): string | null {
  if (!existsSync(path)) return null;
  try {
    const parsed = locationSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data.dataDir : null;
  } catch {
    return null;
  }
}

/** Records a new data directory; written beside and renamed so a crash never leaves half a file. */
export function writeLocationFile(path: string, dataDir: string, now: Date = new Date()): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.writing`;
  writeFileSync(temp, JSON.stringify({ dataDir, movedAt: now.toISOString() }, null, 2));
  renameSync(temp, path);
}

export function removeLocationFile(path: string): void {
  rmSync(path, { force: true });
}

/** The data directory and where its path comes from: the flag, then the env, then a move's record, then the OS convention. */
export function resolveDataDirSource(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): { path: string; source: DataDirSource } {
  if (flag) return { path: flag, source: 'flag' };
  if (env.MPDESK_DATA_DIR) return { path: env.MPDESK_DATA_DIR, source: 'env' };
  const moved = readLocationFile(locationFilePath(env, platform));
  if (moved) return { path: moved, source: 'pointer' };
  return { path: defaultDataDir(env, platform), source: 'default' };
}

export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolveDataDirSource(flag, env).path;
}
