import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { runCli, syncArgs, tempDir } from './helpers';

let sim: RunningSimulator;
const dirs: string[] = [];
const token = 'cli-distinctive-token-8f3a';

beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', exportPolls: 0, token, seed: 9 });
});
afterAll(async () => {
  await sim.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

describe('mpdesk sync on the command line', () => {
  it('refuses bad flags with exit code 2 and writes nothing', async () => {
    const dir = tempDir('mpdesk-cli-sync-');
    dirs.push(dir);
    const cases: [string[], RegExp][] = [
      [syncArgs(sim, dir, ['--datasets', 'licences,bogus']), /--datasets: unknown data set "bogus"/],
      [['sync', '--base-url', sim.baseUrl, '--data-dir', dir], /--developer-id and --email are required/],
      [['sync', '--base-url', 'ftp://x', '--developer-id', 'd', '--email', 'a@b.c', '--data-dir', dir], /--base-?url: expected an http\(s\) URL/i],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, { MPDESK_API_TOKEN: token });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const noToken = await runCli(syncArgs(sim, dir), {});
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/MPDESK_API_TOKEN/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('syncs chosen data sets with plain progress lines, and a 401 exits 1 with what to do; the token is nowhere', async () => {
    const dir = tempDir('mpdesk-cli-sync-');
    dirs.push(dir);
    const ok = await runCli(syncArgs(sim, dir, ['--datasets', 'licences,feedback']), { MPDESK_API_TOKEN: token });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/^\[licences\] \w+/m);
    expect(ok.stdout).toMatch(/^licences\s+succeeded\s+full\s+\d+/m);
    expect(ok.stdout).not.toMatch(/^transactions/m);

    const refused = await runCli(syncArgs(sim, dir, ['--datasets', 'licences']), { MPDESK_API_TOKEN: 'wrong-token-1234' });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/401/);
    expect(refused.stdout).toMatch(/View sales reports/);
    for (const text of [ok.stdout, ok.stderr, refused.stdout, refused.stderr]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(Buffer.from(`${sim.email}:${token}`).toString('base64'));
    }
    for (const file of filesUnder(dir)) expect(readFileSync(file).includes(token), file).toBe(false);
  });
});
