import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger, currentLogFile, logDir, registerSecret } from '../../src/main/logging';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function readAllLogs(): Promise<string> {
  return readdirSync(logDir(dir))
    .map((f) => readFileSync(join(logDir(dir), f), 'utf8'))
    .join('');
}

async function waitForFileContaining(text: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const all = await readAllLogs();
    if (all.includes(text)) return all;
    await new Promise((r) => setImmediate(r));
  }
  return readAllLogs();
}

describe('file logger', () => {
  it('never writes a registered secret, its base64 form, or a Basic auth header', async () => {
    const log = await createFileLogger(dir);
    const token = 'ATATT3xFfGF0-distinctive-token-value';
    registerSecret(token);
    log.info({ request: { url: 'https://api.example/x', authorization: `Basic ${Buffer.from(`me@acme.test:${token}`).toString('base64')}` } }, `calling with ${token}`);
    log.warn({ note: `token=${token}`, token }, 'done');
    const all = await waitForFileContaining('"done"');
    expect(all).toContain('calling with [secret]');
    expect(all).not.toContain(token);
    expect(all).not.toContain(Buffer.from(token).toString('base64'));
    expect(all).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/);
  });

  it('masks customer e-mail addresses at info level but keeps them at debug', async () => {
    const log = await createFileLogger(dir, { level: 'debug' });
    log.info({ contact: 'jane.doe@acme.com' }, 'licence for bob@example.org');
    log.debug('debug line for alice@example.org');
    const all = await waitForFileContaining('debug line');
    expect(all).not.toContain('jane.doe@acme.com');
    expect(all).not.toContain('bob@example.org');
    expect(all).toContain('j***@acme.com');
    expect(all).toContain('alice@example.org');
  });

  it('rotates files past the size limit and keeps a bounded number', async () => {
    const log = await createFileLogger(dir, { maxSize: '1k', keep: 2 });
    // Rotation is checked as each write completes, so lines are written in batches with the
    // event loop free in between (as in a running app) until rotated files appear.
    for (let batch = 0; batch < 400 && readdirSync(logDir(dir)).length < 3; batch++) {
      for (let i = 0; i < 10; i++) log.info({ batch, i, padding: 'x'.repeat(40) }, 'line');
      await new Promise((r) => setTimeout(r, 0));
    }
    for (let i = 0; i < 50; i++) log.info({ i, padding: 'x'.repeat(40) }, 'more');
    log.info('last line');
    await waitForFileContaining('last line');
    const files = readdirSync(logDir(dir));
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(3);
    expect(readFileSync(currentLogFile(dir)!, 'utf8')).toContain('last line');
  });
});
