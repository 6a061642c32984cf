import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../../bin/mpdesk.js', import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return { child, out: () => stdout, err: () => stderr };
}

async function waitFor(read: () => string, text: string, child: ReturnType<typeof spawn>): Promise<void> {
  // Event-driven: resolves on the output that holds `text`, fails if the process ends first.
  while (!read().includes(text)) {
    const [event] = await Promise.race([once(child.stdout!, 'data').then(() => ['data']), once(child, 'exit').then(() => ['exit'])]);
    if (event === 'exit' && !read().includes(text)) throw new Error(`exited before printing "${text}": ${read()}`);
  }
}

describe('mpdesk simulator', () => {
  it('prints the base URL and credentials, serves them, and stops cleanly on SIGTERM', async () => {
    const p = run(['simulator', '--scale', 'tiny', '--port', '0', '--token', 'cli-token', '--email', 'cli@example.com']);
    await waitFor(p.out, 'token:', p.child);
    const field = (name: string) => new RegExp(`${name}:\\s+(\\S+)`).exec(p.out())![1]!;
    expect(field('base URL')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/marketplace$/);
    expect(field('token')).toBe('cli-token');
    const auth = `Basic ${Buffer.from('cli@example.com:cli-token').toString('base64')}`;
    const r = await fetch(`${field('base URL')}/rest/3/reporting/developer-space/${field('developerId')}/licenses?limit=1`, { headers: { authorization: auth } });
    expect(r.status).toBe(200);
    // Without --control the control path does not exist.
    expect((await fetch(`${field('base URL').replace('/marketplace', '')}/__sim/state`)).status).toBe(404);
    p.child.kill('SIGTERM');
    const [code] = await once(p.child, 'exit');
    expect(code).toBe(0);
    expect(p.out()).toContain('Simulator stopped.');
  });

  it('rejects a bad fault spec or scale with a usage error naming the flag (exit 2)', async () => {
    for (const args of [['--faults', '503:next=3,teapot'], ['--scale', 'huge']]) {
      const p = run(['simulator', ...args]);
      const [code] = await once(p.child, 'exit');
      expect(code).toBe(2);
      expect(p.err()).toMatch(args[0] === '--faults' ? /--faults: fault "teapot"/ : /--scale/);
    }
  });
});
