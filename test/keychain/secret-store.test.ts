import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeytarSecretStore, describeKeychainRemedy } from '../../src/main/secrets';
import { AppFailure } from '../../src/shared/result';
import { lookupWithSecretTool } from './helpers';

const root = join(import.meta.dirname, '../..');
const store = createKeytarSecretStore();
const created: string[] = [];
const newAccountId = () => {
  const id = `test-${randomUUID()}`;
  created.push(id);
  return id;
};

afterEach(async () => {
  for (const id of created.splice(0)) await store.deleteToken(id);
});

describe('keytar SecretStore on a real Secret Service', () => {
  it('reports the keychain as available', async () => {
    expect(await store.isAvailable()).toEqual({ available: true });
  });

  it('saves, reads, replaces and deletes a token in the Secret Service itself', async () => {
    const id = newAccountId();
    expect(await store.getToken(id)).toBeNull();
    await store.setToken(id, 'ATATT-first-token-Ω');
    expect(await store.getToken(id)).toBe('ATATT-first-token-Ω');
    expect(lookupWithSecretTool(id)).toBe('ATATT-first-token-Ω');

    await store.setToken(id, 'ATATT-second-token');
    expect(lookupWithSecretTool(id)).toBe('ATATT-second-token');
    // A fresh store (as a restarted app would have) reads the same entry.
    expect(await createKeytarSecretStore().getToken(id)).toBe('ATATT-second-token');

    expect(await store.deleteToken(id)).toBe(true);
    expect(await store.deleteToken(id)).toBe(false);
    expect(await store.getToken(id)).toBeNull();
    expect(lookupWithSecretTool(id)).toBeNull();
  });

  it('keeps one entry per account', async () => {
    const a = newAccountId();
    const b = newAccountId();
    await store.setToken(a, 'token-of-a');
    await store.setToken(b, 'token-of-b');
    await store.deleteToken(a);
    expect(lookupWithSecretTool(a)).toBeNull();
    expect(lookupWithSecretTool(b)).toBe('token-of-b');
  });
});

describe('without a Secret Service', () => {
  it('fails with keychain.unavailable and says what to install and start, in a process with no D-Bus', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/probe-keychain.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mpdesk-test-bus' },
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { status: { available: boolean; message?: string }; set: { code: string; message: string } | null };
    expect(out.status.available).toBe(false);
    expect(out.status.message).toContain('gnome-keyring');
    expect(out.status.message).toContain('D-Bus');
    expect(out.set?.code).toBe('keychain.unavailable');
    expect(out.set?.message).toContain('gnome-keyring');
    expect(out.set?.message).not.toContain('probe-secret-value');
  });

  it('names the keychain of each OS', () => {
    expect(describeKeychainRemedy('darwin')).toContain('macOS Keychain');
    expect(describeKeychainRemedy('win32')).toContain('Credential Manager');
    expect(describeKeychainRemedy('linux')).toContain('Secret Service');
    expect(new AppFailure('keychain.unavailable', 'x').code).toBe('keychain.unavailable');
  });
});
