import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAccounts } from '../../src/main/accounts';
import { createDataService } from '../../src/main/data-service/service';
import { createHandlerTable, createMainHandlers } from '../../src/main/ipc/handler-table';
import { createRouter } from '../../src/main/ipc/router';
import { createKeytarSecretStore } from '../../src/main/secrets';
import { startSimulator, type RunningSimulator } from '../../src/main/simulator';
import type { AccountView } from '../../src/shared/contract-accounts';
import { allFiles, filesContaining, leakForms, lookupWithSecretTool } from './helpers';

// The token leak test of issue 5: a full sync with a distinctive token, then the token looked for
// everywhere it could escape to — files of the data directory (databases, WAL, logs), command
// output, IPC responses and events, error messages — on the success path and the 401 path.
const token = 'ATATT3xLEAKCANARY-9f4c2e71-token';
const revoked = 'ATATT3xREVOKEDCANARY-52d0a8be-token';
const bin = join(import.meta.dirname, '../../bin/mpdesk.js');

let sim: RunningSimulator;
let dataDir: string;
const seen: string[] = [];

function mpdesk(args: string[], stdin = ''): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args, '--data-dir', dataDir], { env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      seen.push(out);
      resolve({ status, out });
    });
    child.stdin.end(stdin);
  });
}

beforeAll(async () => {
  // exportPolls 0: async exports complete at once, so the full sync takes seconds, not minutes.
  sim = await startSimulator({ scale: 'tiny', token, exportPolls: 0 });
  dataDir = mkdtempSync(join(tmpdir(), 'mpdesk-leak-'));
});
afterAll(async () => {
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the API token leaks nowhere', { timeout: 180_000 }, () => {
  it('through a full sync from the command line and the app, nor on the 401 path', async () => {
    const added = await mpdesk(['accounts', 'add', '--name', 'Leak', '--developer-id', sim.developerId, '--email', sim.email, '--base-url', sim.baseUrl], `${token}\n`);
    expect(added.status, added.out).toBe(0);

    const cliSync = await mpdesk(['sync', '--space', 'Leak']);
    expect(cliSync.status, cliSync.out).toBe(0);
    expect(cliSync.out).toMatch(/licences\s+succeeded/);

    // The app side: the real data service and main handlers behind the real router.
    const events: unknown[] = [];
    const data = createDataService({ dataDir, version: 'test', emit: (event, payload) => events.push({ event, payload }) });
    const { accounts, close } = openAccounts({ dataDir, data: data.handlers });
    const dispatch = createRouter(createHandlerTable(data.handlers, createMainHandlers({ accounts })), { isTrustedSender: () => true });
    const call = async (method: string, request: unknown) => {
      const r = await dispatch(method, request, 'app://test');
      seen.push(JSON.stringify(r));
      return r;
    };
    const syncToEnd = async (request: { datasets?: string[] }) => {
      expect(await call('sync.start', request)).toMatchObject({ ok: true, value: { started: true } });
      for (let i = 0; i < 1200; i++) {
        const status = await call('sync.status', {});
        if (status.ok && !(status.value as { running: boolean }).running) return status;
        await new Promise((r) => setTimeout(r, 50)); // bounded poll of a background run (60 s at most)
      }
      throw new Error('the sync did not finish within 60 s');
    };
    try {
      const list = await call('accounts.list', {});
      const account = (list.ok ? (list.value as AccountView[]) : []).find((a) => a.name === 'Leak')!;
      expect(account).toMatchObject({ hasToken: true, isActive: true });
      expect(lookupWithSecretTool(account.id)).toBe(token);
      expect(await call('accounts.test', { id: account.id })).toMatchObject({ ok: true });
      // A routine pull through IPC (the command line did the full first pull of every data set).
      const done = await syncToEnd({ datasets: ['licences', 'transactions', 'feedback'] });
      expect(JSON.stringify(done)).toContain('"lastSuccessAt":"');
      expect(events.some((e) => (e as { event: string }).event === 'sync.progress')).toBe(true);

      // The 401 path: the keychain now holds a token the API no longer accepts.
      await createKeytarSecretStore().setToken(account.id, revoked);
      const refused = await call('accounts.test', { id: account.id });
      expect(refused).toMatchObject({ ok: false, error: { code: 'auth.invalid' } });
      const failed = await syncToEnd({ datasets: ['licences', 'transactions'] });
      // The refusal is reported (per data set in the status), never with the token in it.
      expect(JSON.stringify(failed)).toMatch(/401/);
      const cliRefused = await mpdesk(['sync', '--space', 'Leak', '--datasets', 'licences']);
      expect(cliRefused.status).toBe(1);
      expect(cliRefused.out).toMatch(/401/);
      seen.push(JSON.stringify(events));
    } finally {
      close();
      data.close();
    }

    const needles = [...leakForms(sim.email, token), ...leakForms(sim.email, revoked)];
    for (const text of seen) for (const n of needles) expect(text).not.toContain(n);
    // The scan must have looked at the real files: databases (with WAL) and whatever else exists.
    expect(allFiles(dataDir).some((f) => f.endsWith('.sqlite'))).toBe(true);
    expect(filesContaining(dataDir, needles)).toEqual([]);

    await mpdesk(['accounts', 'remove', 'Leak', '--delete-data']);
  });
});
