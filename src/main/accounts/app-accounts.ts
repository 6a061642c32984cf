import type { DataHandlers } from '../ipc/handlers';
import { createKeytarSecretStore, type SecretStore } from '../secrets';
import { appDbPath, openAppDatabase } from '../store';
import { createAccountsService, type AccountsService, type SpaceControl } from './accounts-service';

/** The data service's `space.*` methods as the accounts service's way to switch spaces. */
export function spaceControlFor(data: Pick<DataHandlers, 'space.open' | 'space.release'>): SpaceControl {
  const context = { senderUrl: 'main' };
  return {
    openActive: async () => {
      await data['space.open']({}, context);
    },
    release: async (spaceId) => {
      await data['space.release']({ spaceId }, context);
    },
  };
}

/**
 * The accounts service of the app (and of the browser-test harness): its own connection to the
 * app database — the accounts table is tiny, so main-thread queries cost microseconds — the OS
 * keychain, and the data service to switch spaces through.
 */
export function openAccounts(options: { dataDir: string; data: Pick<DataHandlers, 'space.open' | 'space.release'>; secrets?: SecretStore }): {
  accounts: AccountsService;
  close(): void;
} {
  const db = openAppDatabase(appDbPath(options.dataDir));
  const accounts = createAccountsService({
    db,
    dataDir: options.dataDir,
    secrets: options.secrets ?? createKeytarSecretStore(),
    spaces: spaceControlFor(options.data),
  });
  return { accounts, close: () => db.close() };
}

/**
 * The accounts of a data directory without a running data service (the command line, the sync
 * command): `mpdesk sync --space NAME` finds the account with `findByName` and reads its token
 * with `resolveCredentials` right before syncing.
 */
export function openLocalAccounts(dataDir: string, secrets: SecretStore = createKeytarSecretStore()): { accounts: AccountsService; close(): void } {
  const db = openAppDatabase(appDbPath(dataDir));
  return { accounts: createAccountsService({ db, dataDir, secrets }), close: () => db.close() };
}
