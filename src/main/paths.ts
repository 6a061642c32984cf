import { homedir } from 'node:os';
import { join } from 'node:path';

export const appDirName = 'Marketplace Desk';

/**
 * The data directory, by OS convention, shared by the app and the command line so both see the
 * same database: macOS `~/Library/Application Support/Marketplace Desk`, Windows
 * `%APPDATA%\Marketplace Desk`, Linux `$XDG_DATA_HOME/marketplace-desk` (else
 * `~/.local/share/marketplace-desk`). `--data-dir` or `MPDESK_DATA_DIR` override it.
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

export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? defaultDataDir(env);
}
