#!/usr/bin/env node
// Runs every vitest project (unit, database, integration, keychain, browser) in one run and ends
// with a plain "tests: N passed, N failed" line. On Linux the run happens inside a private D-Bus
// session with a throwaway gnome-keyring unlocked, so the keychain tests talk to a real Secret
// Service without touching the developer's own keyring. Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'mpdesk-test-'));
const report = join(tmp, 'vitest.json');
const vitest = [process.execPath, join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];

const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
let command = vitest;
const env = { ...process.env };
if (process.platform === 'linux') {
  if (!onPath('dbus-run-session') || !onPath('gnome-keyring-daemon')) {
    console.error('test: the keychain tests need a Secret Service: install the packages dbus and gnome-keyring (see README).');
    process.exit(1);
  }
  // The keyring files of this throwaway Secret Service live in the temp dir.
  env.XDG_DATA_HOME = join(tmp, 'xdg-data');
  const quoted = vitest.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  command = [
    'dbus-run-session',
    '--',
    'sh',
    '-c',
    `mkdir -p "$XDG_DATA_HOME" && printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec ${quoted}`,
  ];
}

const run = spawnSync(command[0], command.slice(1), { cwd: root, env, stdio: 'inherit' });
let status = run.status ?? 1;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (r.numTotalTests === 0) {
    console.error('test: no test ran');
    status = 1;
  }
} else {
  console.error('test: vitest wrote no report');
  status = status || 1;
}
rmSync(tmp, { recursive: true, force: true });
process.exit(status);
