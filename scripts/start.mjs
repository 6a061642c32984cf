#!/usr/bin/env node
// `npm start`: builds the app and opens it in Electron. The Electron binary is downloaded by the
// electron package's install step; where that download is impossible (no access to GitHub),
// this says so and names the headless alternative instead of failing with a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

if (!electronBinary() && existsSync(join(electronDir, 'install.js'))) {
  console.log('Marketplace Desk: fetching the Electron runtime (first start only)…');
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, stdio: ['ignore', 'inherit', 'pipe'], env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
}

if (!electronBinary()) {
  console.error(`
Marketplace Desk could not start its window: the Electron runtime is not installed and could not
be downloaded on this machine (it comes from GitHub on first use).

Everything else works without it. Headless, from this folder:
  npx mpdesk demo            sync the demo data set into a local database and print a summary
  npx mpdesk status          what is in the local database
  npx mpdesk --help          every command (simulator, sync, export, accounts, …)

On a machine with internet access, \`npm install && npm start\` opens the app.
`);
  process.exit(1);
}

const vite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const build = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const app = spawnSync(process.execPath, [vite, 'preview'], { cwd: root, stdio: 'inherit' });
process.exit(app.status ?? 0);
