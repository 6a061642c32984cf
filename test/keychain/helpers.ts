import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { keychainService } from '../../src/main/secrets';

/**
 * Reads a keychain entry by a second, independent route: libsecret's `secret-tool` talking to the
 * Secret Service itself. If the app ever kept tokens anywhere else, these lookups would fail.
 */
export function lookupWithSecretTool(accountId: string): string | null {
  const r = spawnSync('secret-tool', ['lookup', 'service', keychainService, 'account', accountId], { encoding: 'utf8' });
  if (r.error) throw new Error(`secret-tool is needed for the keychain tests (Debian: apt install libsecret-tools): ${r.error.message}`);
  return r.status === 0 ? r.stdout : null;
}

/** Files under `dir` whose bytes contain any needle (the token, its Basic-auth base64, …). */
export function filesContaining(dir: string, needles: readonly string[]): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        if (needles.some((n) => bytes.includes(Buffer.from(n, 'utf8')) || bytes.includes(Buffer.from(n, 'utf16le')))) hits.push(path);
      }
    }
  };
  walk(dir);
  return hits;
}

export function allFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(dir);
  return out;
}

/** The forms a leaked token could take: as typed, and inside a Basic auth header. */
export function leakForms(email: string, token: string): string[] {
  return [token, Buffer.from(`${email}:${token}`, 'utf8').toString('base64')];
}
