import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import {
  addAccountRequestSchema,
  defaultBaseUrl,
  accountNameSchema,
  apiTokenSchema,
  type AccountView,
  type AddAccountResponse,
  type CredentialCheck,
  type KeychainStatusView,
  type RemoveAccountResponse,
} from '../../shared/contract-accounts';
import type { z } from 'zod';
import { AppFailure } from '../../shared/result';
import { registerSecret } from '../logging';
import type { SecretStore } from '../secrets';
import { spaceDbPath, type Db } from '../store';
import { demoAccount, isDemoAccountId, toAccountView } from './account-views';
import { checkCredentials as defaultCheck, type CheckCredentials, type Credentials } from './credential-check';
import { parseOrFail } from './parse';
import * as repo from './repository';

/** Every token main handles is known to the log scrubber, in clear and as its Basic auth form. */
function registerTokenWithLogs(credentials: Credentials): void {
  registerSecret(credentials.token);
  registerSecret(`${credentials.email}:${credentials.token}`);
}

/**
 * The account id, which names its space file: derived from the developer space, so removing an
 * account but keeping its data, then adding the same space again, finds that data again.
 */
export function spaceIdFor(developerId: string, baseUrl: string): string {
  if (baseUrl === defaultBaseUrl) return developerId;
  return `${developerId}-${createHash('sha256').update(baseUrl).digest('hex').slice(0, 10)}`;
}

/** How the accounts service tells the data service which space is open (see service.ts `space.*`). */
export interface SpaceControl {
  /** Opens the space of the account now marked active in the app database. */
  openActive(): Promise<void>;
  /** Closes a space's connections so its files can be deleted. */
  release(spaceId: string): Promise<void>;
}

export interface AccountsServiceOptions {
  /** The app database (accounts, settings). */
  db: Db;
  dataDir: string;
  secrets: SecretStore;
  spaces?: SpaceControl;
  checkCredentials?: CheckCredentials;
  timeoutMs?: number;
  now?: () => Date;
}

export type AccountsService = ReturnType<typeof createAccountsService>;

/**
 * Saved developer spaces: their details in the app database, their tokens in the keychain. A
 * token is read from the keychain only for the request that needs it and goes nowhere else.
 */
export function createAccountsService(options: AccountsServiceOptions) {
  const { db, secrets } = options;
  const check = options.checkCredentials ?? defaultCheck;
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const spaces: SpaceControl = options.spaces ?? { openActive: async () => {}, release: async () => {} };

  async function hasToken(id: string): Promise<boolean> {
    try {
      return (await secrets.getToken(id)) !== null;
    } catch {
      // Listing must work without a keychain; `keychainStatus` tells the user what is wrong.
      return false;
    }
  }

  async function view(row: repo.AccountRow): Promise<AccountView> {
    return toAccountView(row, isDemoAccountId(row.id) ? false : await hasToken(row.id), repo.readActiveAccountId(db));
  }

  function requireAccount(id: string): repo.AccountRow {
    if (isDemoAccountId(id)) return demoAccount;
    const row = repo.getAccountRow(db, id);
    if (!row) throw new AppFailure('not_found', 'That account no longer exists: it may have been removed in another window or from the command line.');
    return row;
  }

  function requireRealAccount(id: string, action: string): repo.AccountRow {
    if (isDemoAccountId(id)) throw new AppFailure('validation', `The Demo account uses built-in sample data: it has no credentials to ${action}.`);
    return requireAccount(id);
  }

  function assertNameFree(name: string, exceptId?: string): void {
    const other = repo.findAccountRowByName(db, name);
    if ((other && other.id !== exceptId) || name.trim().toLowerCase() === demoAccount.name.toLowerCase()) {
      throw new AppFailure('conflict', `An account named “${name}” already exists: choose another name.`);
    }
  }

  async function requireKeychain(): Promise<void> {
    const status = await secrets.isAvailable();
    if (!status.available) throw new AppFailure('keychain.unavailable', status.message);
  }

  async function verify(credentials: Credentials): Promise<CredentialCheck> {
    registerTokenWithLogs(credentials);
    const reportGroups = await check(credentials, { timeoutMs: options.timeoutMs });
    return { reportGroups, checkedAt: now() };
  }

  /** Credentials of a saved account, the token read from the keychain now (for the sync engine). */
  async function resolveCredentials(id: string): Promise<Credentials> {
    const row = requireRealAccount(id, 'sync with');
    const token = await secrets.getToken(row.id);
    if (token === null) {
      throw new AppFailure('auth.invalid', `No API token is saved in the keychain for “${row.name}”: enter it again (rotate the token) to sync.`);
    }
    const credentials = { baseUrl: row.baseUrl, developerId: row.developerId, email: row.email, token };
    registerTokenWithLogs(credentials);
    return credentials;
  }

  return {
    resolveCredentials,

    async list(): Promise<AccountView[]> {
      const rows = [demoAccount, ...repo.listAccountRows(db)];
      return Promise.all(rows.map(view));
    },

    async active(): Promise<AccountView | null> {
      const id = repo.readActiveAccountId(db);
      if (id === null) return null;
      const row = isDemoAccountId(id) ? demoAccount : repo.getAccountRow(db, id);
      return row ? view(row) : null;
    },

    async keychainStatus(): Promise<KeychainStatusView> {
      const status = await secrets.isAvailable();
      return status.available ? { available: true, message: null } : { available: false, message: status.message };
    },

    /** Checks the credentials, then saves the account and its token; nothing is saved on failure. */
    async add(input: z.input<typeof addAccountRequestSchema>): Promise<AddAccountResponse> {
      const request = parseOrFail(addAccountRequestSchema, input);
      assertNameFree(request.name);
      const existing = repo.findAccountRowBySpace(db, request.developerId, request.baseUrl);
      if (existing) {
        throw new AppFailure('conflict', `This developer space is already saved as “${existing.name}”: rotate its token there instead.`);
      }
      await requireKeychain();
      const result = await verify({ baseUrl: request.baseUrl, developerId: request.developerId, email: request.email, token: request.token });
      // Checked again: another window or the command line may have added it during the request.
      assertNameFree(request.name);
      const row: repo.AccountRow = {
        id: spaceIdFor(request.developerId, request.baseUrl),
        name: request.name,
        developerId: request.developerId,
        email: request.email,
        baseUrl: request.baseUrl,
        createdAt: now(),
        lastUsedAt: now(),
      };
      repo.insertAccountRow(db, row);
      try {
        await secrets.setToken(row.id, request.token);
      } catch (e) {
        repo.deleteAccountRow(db, row.id);
        throw e;
      }
      const activeId = repo.readActiveAccountId(db);
      if (activeId === null || isDemoAccountId(activeId)) repo.writeActiveAccountId(db, row.id);
      // Also when another account stays active: the data service then schedules this one too.
      await spaces.openActive();
      return { account: await view(row), ...result };
    },

    async test(id: string): Promise<CredentialCheck> {
      const result = await verify(await resolveCredentials(id));
      repo.touchAccountRow(db, id, now());
      return result;
    },

    /** Saves a new token only once it has been shown to work; the old one stays otherwise. */
    async rotate(id: string, token: string): Promise<CredentialCheck> {
      const row = requireRealAccount(id, 'rotate');
      const newToken = parseOrFail(apiTokenSchema, token);
      await requireKeychain();
      const result = await verify({ baseUrl: row.baseUrl, developerId: row.developerId, email: row.email, token: newToken });
      await secrets.setToken(row.id, newToken);
      repo.touchAccountRow(db, id, now());
      return result;
    },

    async rename(id: string, name: string): Promise<AccountView> {
      const row = requireRealAccount(id, 'rename');
      const newName = parseOrFail(accountNameSchema, name);
      assertNameFree(newName, id);
      repo.renameAccountRow(db, id, newName);
      return view({ ...row, name: newName });
    },

    /**
     * Removes the keychain entry first: when the keychain cannot be reached the account stays, so
     * no token is left behind without an account that would let the user remove it later.
     */
    async remove(id: string, deleteData: boolean): Promise<RemoveAccountResponse> {
      const row = requireRealAccount(id, 'remove');
      const removedTokens = await secrets.deleteToken(row.id);
      repo.deleteAccountRow(db, row.id);
      if (repo.readActiveAccountId(db) === row.id) repo.writeActiveAccountId(db, repo.listAccountRows(db)[0]?.id ?? null);
      // Also when it was not the active one: the data service then takes it off the schedule.
      await spaces.openActive();
      if (deleteData) {
        await spaces.release(row.id);
        const path = spaceDbPath(options.dataDir, row.id);
        for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
      }
      return { removedTokens, deletedData: deleteData, activeAccountId: repo.readActiveAccountId(db) };
    },

    /** Makes an account the active one and has the data service open its space. */
    async setActive(id: string): Promise<AccountView> {
      const row = requireAccount(id);
      repo.writeActiveAccountId(db, row.id);
      if (!isDemoAccountId(row.id)) repo.touchAccountRow(db, row.id, now());
      await spaces.openActive();
      return view(isDemoAccountId(row.id) ? row : requireAccount(row.id));
    },

    findByName(name: string): repo.AccountRow | null {
      if (name.trim().toLowerCase() === demoAccount.name.toLowerCase()) return demoAccount;
      return repo.findAccountRowByName(db, name);
    },
  };
}
