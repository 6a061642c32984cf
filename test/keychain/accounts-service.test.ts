import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openAccounts, type AccountsService } from '../../src/main/accounts';
import { scrubString } from '../../src/main/logging';
import { createDataService, type DataService } from '../../src/main/data-service/service';
import { createHandlerTable, createMainHandlers } from '../../src/main/ipc/handler-table';
import { createRouter, type Dispatch } from '../../src/main/ipc/router';
import { spaceDbPath } from '../../src/main/store';
import type { EventName } from '../../src/shared/contract';
import type { AccountView, AddAccountResponse, RemoveAccountResponse } from '../../src/shared/contract-accounts';
import { developerId, email, forbiddenDeveloperId, startRootServer, closedPortUrl, type RootServer } from '../integration/accounts/root-server';
import { filesContaining, leakForms, lookupWithSecretTool } from './helpers';

const token = 'ATATT3xDISTINCTIVE-accounts-token-91c4e7';
const rotated = 'ATATT3xROTATED-accounts-token-5d20b8';
const wrong = 'ATATT3xWRONG-accounts-token-000000';
const secrets = [...leakForms(email, token), ...leakForms(email, rotated), ...leakForms(email, wrong)];

let server: RootServer;
let dataDir: string;
let data: DataService;
let accounts: AccountsService;
let closeAccounts: () => void;
let dispatch: Dispatch;
const events: { event: EventName; payload: unknown }[] = [];
const responses: unknown[] = [];

/** Calls through the real IPC router, as the renderer does; keeps every response for the leak check. */
async function call(method: string, request: unknown) {
  const result = await dispatch(method, request, 'app://test');
  responses.push(result);
  return result;
}
async function value<T>(method: string, request: unknown): Promise<T> {
  const r = await call(method, request);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

beforeAll(async () => {
  server = await startRootServer([token, rotated]);
});
afterAll(() => server.close());

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mpdesk-accounts-'));
  data = createDataService({ dataDir, version: 'test', emit: (event, payload) => events.push({ event, payload }) });
  ({ accounts, close: closeAccounts } = openAccounts({ dataDir, data: data.handlers }));
  dispatch = createRouter(createHandlerTable(data.handlers, createMainHandlers({ accounts })), { isTrustedSender: () => true });
  events.length = 0;
});

afterEach(async () => {
  // Leave no entry behind in the shared test keyring.
  for (const a of await accounts.list()) if (!a.isDemo) await accounts.remove(a.id, true);
  closeAccounts();
  data.close();
  // Not a token in any file of the data directory, any IPC response, or any event.
  expect(filesContaining(dataDir, secrets)).toEqual([]);
  const seen = JSON.stringify([responses, events]);
  for (const s of secrets) expect(seen).not.toContain(s);
  responses.length = 0;
  rmSync(dataDir, { recursive: true, force: true });
});

const addRequest = (over: Record<string, unknown> = {}) => ({ name: 'Acme', developerId, email, baseUrl: server.baseUrl, token, ...over });

describe('accounts over IPC with a real keychain', () => {
  it('starts on the welcome screen: no active account, Demo listed without a token', async () => {
    expect(await value('accounts.active', {})).toBeNull();
    const list = await value<AccountView[]>('accounts.list', {});
    expect(list).toEqual([expect.objectContaining({ id: 'demo', isDemo: true, hasToken: false, isActive: false })]);
    expect(await value('accounts.keychainStatus', {})).toEqual({ available: true, message: null });
  });

  it('adds an account only after the credentials work, with the token in the keychain and nowhere else', async () => {
    const bad = await call('accounts.add', addRequest({ token: wrong }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'auth.invalid' } });
    expect(await value<AccountView[]>('accounts.list', {})).toHaveLength(1);

    const offline = await call('accounts.add', addRequest({ baseUrl: await closedPortUrl() }));
    expect(offline).toMatchObject({ ok: false, error: { code: 'network.offline' } });
    const forbidden = await call('accounts.add', addRequest({ developerId: forbiddenDeveloperId }));
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });

    const added = await value<AddAccountResponse>('accounts.add', addRequest());
    expect(added.account).toMatchObject({ name: 'Acme', developerId, email, baseUrl: server.baseUrl, hasToken: true, isActive: true });
    expect(added.reportGroups.map((g) => g.relation)).toContain('licenses');
    expect(lookupWithSecretTool(added.account.id)).toBe(token);
    expect(Object.keys(added.account)).not.toContain('token');

    const dup = await call('accounts.add', addRequest({ name: 'Acme again' }));
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const sameName = await call('accounts.add', addRequest({ developerId: forbiddenDeveloperId, name: 'acme' }));
    expect(sameName).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('validates the request before anything else', async () => {
    expect(await call('accounts.add', addRequest({ developerId: '12345' }))).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call('accounts.add', addRequest({ email: 'not-an-email' }))).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call('accounts.add', addRequest({ baseUrl: 'http://api.example.com' }))).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call('accounts.add', addRequest({ token: '   ' }))).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(server.seen.filter((s) => s.password === token && s.path.includes('12345'))).toEqual([]);
  });

  it('tests, rotates (keeping the old token when the new one fails) and renames', async () => {
    const { account } = await value<AddAccountResponse>('accounts.add', addRequest());
    expect((await value<{ reportGroups: unknown[] }>('accounts.test', { id: account.id })).reportGroups.length).toBeGreaterThan(0);

    expect(await call('accounts.rotate', { id: account.id, token: wrong })).toMatchObject({ ok: false, error: { code: 'auth.invalid' } });
    expect(lookupWithSecretTool(account.id)).toBe(token);
    await value('accounts.rotate', { id: account.id, token: rotated });
    expect(lookupWithSecretTool(account.id)).toBe(rotated);
    expect(await accounts.resolveCredentials(account.id)).toEqual({ baseUrl: server.baseUrl, developerId, email, token: rotated });
    // Main registers every token it reads with the log scrubber, in clear and in its Basic auth form.
    const logLine = `GET with ${rotated} and Authorization ${leakForms(email, rotated)[1]}`;
    for (const form of leakForms(email, rotated)) expect(scrubString(logLine, { maskEmails: false })).not.toContain(form);

    // The server revokes the token: the test says so with auth.invalid.
    server.validTokens.delete(rotated);
    try {
      expect(await call('accounts.test', { id: account.id })).toMatchObject({ ok: false, error: { code: 'auth.invalid' } });
    } finally {
      server.validTokens.add(rotated);
    }

    const renamed = await value<AccountView>('accounts.rename', { id: account.id, name: 'Acme Cloud' });
    expect(renamed.name).toBe('Acme Cloud');
    expect(await call('accounts.rename', { id: account.id, name: 'demo' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call('accounts.rotate', { id: 'demo', token })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('switches the open space instantly and tells the renderer to reload', async () => {
    const { account } = await value<AddAccountResponse>('accounts.add', addRequest());
    expect(existsSync(spaceDbPath(dataDir, account.id))).toBe(true);
    expect(data.spaceDb.name).toBe(spaceDbPath(dataDir, account.id));
    expect(events.filter((e) => e.event === 'data.changed')).toHaveLength(1);

    const started = performance.now();
    await value('accounts.setActive', { id: 'demo' });
    expect(performance.now() - started).toBeLessThan(500);
    expect(data.spaceDb.name).toBe(spaceDbPath(dataDir, 'demo'));
    expect((await value<AccountView>('accounts.active', {})).id).toBe('demo');
    expect(events.filter((e) => e.event === 'data.changed')).toHaveLength(2);

    await value('accounts.setActive', { id: account.id });
    expect(data.spaceDb.name).toBe(spaceDbPath(dataDir, account.id));
    expect(await call('accounts.setActive', { id: 'no-such-account' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('removes an account with its keychain entry, keeping or deleting its data as asked', async () => {
    const a = (await value<AddAccountResponse>('accounts.add', addRequest())).account;
    const b = (await value<AddAccountResponse>('accounts.add', addRequest({ name: 'Brand B', developerId: '7a1b2c3d-0000-4000-8000-00000000000b' }))).account;
    await value('accounts.setActive', { id: b.id });
    await value('accounts.setActive', { id: a.id });

    const keep = await value<RemoveAccountResponse>('accounts.remove', { id: b.id, deleteData: false });
    expect(keep).toEqual({ removedTokens: true, deletedData: false, activeAccountId: a.id });
    expect(lookupWithSecretTool(b.id)).toBeNull();
    expect(existsSync(spaceDbPath(dataDir, b.id))).toBe(true);
    // Reconnecting the same developer space finds the data that was kept.
    const again = (await value<AddAccountResponse>('accounts.add', addRequest({ name: 'Brand B', developerId: b.developerId }))).account;
    expect(again.id).toBe(b.id);
    await value('accounts.remove', { id: b.id, deleteData: false });

    const gone = await value<RemoveAccountResponse>('accounts.remove', { id: a.id, deleteData: true });
    expect(gone).toEqual({ removedTokens: true, deletedData: true, activeAccountId: null });
    expect(lookupWithSecretTool(a.id)).toBeNull();
    expect(existsSync(spaceDbPath(dataDir, a.id))).toBe(false);
    // With no account left the data service falls back to the Demo space.
    expect(data.spaceDb.name).toBe(spaceDbPath(dataDir, 'demo'));
    expect(await value('accounts.active', {})).toBeNull();
    expect(await call('accounts.remove', { id: 'demo', deleteData: true })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('refuses to sync an account whose keychain entry disappeared, without inventing a token', async () => {
    const { account } = await value<AddAccountResponse>('accounts.add', addRequest());
    // Removed behind the app's back (Seahorse, `secret-tool clear`).
    await import('../../src/main/secrets').then((m) => m.createKeytarSecretStore().deleteToken(account.id));
    expect((await value<AccountView[]>('accounts.list', {})).find((x) => x.id === account.id)?.hasToken).toBe(false);
    await expect(accounts.resolveCredentials(account.id)).rejects.toMatchObject({ code: 'auth.invalid' });
  });
});
