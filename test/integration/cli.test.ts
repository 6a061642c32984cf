import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../bin/mpdesk.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('mpdesk command line', () => {
  it('lists every command in --help and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    for (const command of ['simulator', 'demo', 'sync', 'status', 'export', 'accounts']) expect(r.stdout).toContain(command);
  });

  it('has help for each command', () => {
    for (const command of ['simulator', 'demo', 'sync', 'status', 'export', 'accounts']) {
      const r = run(command, '--help');
      expect(r.status, command).toBe(0);
      expect(r.stdout).toContain(`Usage: mpdesk ${command}`);
    }
  });

  it('exits 2 on usage errors', () => {
    expect(run('no-such-command').status).toBe(2);
    expect(run('sync', '--no-such-flag').status).toBe(2);
    expect(run('export').status).toBe(2);
  });
});
