import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { AccountView } from '../../src/shared/contract-accounts';
import { closedPortUrl, developerId, email, startRootServer, type RootServer } from '../integration/accounts/root-server';
import { filesContaining, leakForms, lookupWithSecretTool } from './helpers';

const bin = join(import.meta.dirname, '../../bin/mpdesk.js');
const token = 'ATATT3xCLI-distinctive-token-4be81f';
const rotated = 'ATATT3xCLI-rotated-token-77aa02';
const needles = [...leakForms(email, token), ...leakForms(email, rotated)];

let server: RootServer;
let dataDir: string;
const outputs: string[] = [];

/** Runs `mpdesk` with stdin piped (not a TTY), as a script or a pipe from a password manager would. */
function mpdesk(args: string[], stdin = ''): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args, '--data-dir', dataDir], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      outputs.push(stdout, stderr);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

/** The same program in-process (each spawn costs a second of tsx start-up): stdin piped, not a TTY. */
async function mpdeskInProcess(args: string[], stdin = ''): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const status = await main([...args, '--data-dir', dataDir], { stdout, stderr, stdin: Readable.from([Buffer.from(stdin)]), env: process.env, version: 'test', exitCode: 0 });
  outputs.push(out, err);
  return { status, stdout: out, stderr: err };
}

beforeAll(async () => {
  server = await startRootServer([token, rotated]);
  dataDir = mkdtempSync(join(tmpdir(), 'mpdesk-cli-accounts-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// Child processes start tsx (about a second each on a slow CI machine).
describe('mpdesk accounts', { timeout: 30_000 }, () => {
  const add = (name: string, stdin: string, baseUrl = server.baseUrl, run = mpdesk) =>
    run(['accounts', 'add', '--name', name, '--developer-id', developerId, '--email', email, '--base-url', baseUrl], stdin);

  it('refuses an empty token and a token given as an argument', async () => {
    const empty = await add('Acme', '\n', server.baseUrl, mpdeskInProcess);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('no API token');
    const asArg = await mpdesk(['accounts', 'add', '--name', 'Acme', '--developer-id', developerId, '--email', email, '--token', token]);
    expect(asArg.status).toBe(2);
  });

  it('reports a wrong token (401) and an unreachable API without saving anything', async () => {
    const wrong = await add('Acme', 'ATATT3x-not-valid\n', server.baseUrl, mpdeskInProcess);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/401/);
    const offline = await add('Acme', `${token}\n`, await closedPortUrl(), mpdeskInProcess);
    expect(offline.status).toBe(1);
    expect(offline.stderr).toMatch(/offline/);
    const list = JSON.parse((await mpdeskInProcess(['accounts', 'list', '--json'])).stdout) as AccountView[];
    expect(list.map((a) => a.name)).toEqual(['Demo']);
  });

  it('adds, lists, tests, rotates and removes an account with the token only in the keychain', async () => {
    const added = await add('Acme', `${token}\n`);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toContain('Saved “Acme”');
    expect(added.stdout).toContain('Licenses');

    const listed = await mpdeskInProcess(['accounts', 'list', '--json']);
    const accounts = JSON.parse(listed.stdout) as AccountView[];
    const acme = accounts.find((a) => a.name === 'Acme');
    expect(acme).toMatchObject({ developerId, email, hasToken: true, isActive: true });
    expect(lookupWithSecretTool(acme!.id)).toBe(token);

    const table = await mpdeskInProcess(['accounts', 'list']);
    expect(table.stdout).toMatch(/Acme\s+5b2c3d4e/);
    expect(table.stdout).toContain('in keychain');

    const tested = await mpdeskInProcess(['accounts', 'test', 'acme']);
    expect(tested.status, tested.stderr).toBe(0);
    expect(tested.stdout).toContain('the credentials work');

    const rotatedRun = await mpdeskInProcess(['accounts', 'rotate', 'Acme'], `${rotated}\n`);
    expect(rotatedRun.status, rotatedRun.stderr).toBe(0);
    expect(lookupWithSecretTool(acme!.id)).toBe(rotated);

    const missing = await mpdeskInProcess(['accounts', 'test', 'Nobody']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No account named “Nobody”');

    const removed = await mpdeskInProcess(['accounts', 'remove', 'Acme', '--delete-data']);
    expect(removed.status, removed.stderr).toBe(0);
    expect(lookupWithSecretTool(acme!.id)).toBeNull();
    expect((JSON.parse((await mpdeskInProcess(['accounts', 'list', '--json'])).stdout) as AccountView[]).map((a) => a.name)).toEqual(['Demo']);

    // The token is in no output of any command and no file of the data directory.
    for (const out of outputs) for (const n of needles) expect(out).not.toContain(n);
    expect(filesContaining(dataDir, needles)).toEqual([]);
  });

  it('says what to install when no Secret Service answers', async () => {
    const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, 'accounts', 'add', '--name', 'Acme', '--developer-id', developerId, '--email', email, '--base-url', server.baseUrl, '--data-dir', dataDir], {
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mpdesk-test-bus' },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stderr }));
      child.stdin.end(`${token}\n`);
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('gnome-keyring');
    expect(r.stderr).not.toContain(token);
    expect(filesContaining(dataDir, needles)).toEqual([]);
  });
});
