/**
 * bench/sync.ts's sync process: bench/sync/host.ts and the app's sync worker entry bundled by
 * esbuild (dependencies left to node_modules, as electron-vite leaves them), then run by plain
 * `node` with no loader, so the RSS and event-loop delay measured are those of compiled code in
 * the Electron main thread's role, not of tsx or of the bench's own harness.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { HostMessage, HostStart } from './host-protocol';

type HostResult = Extract<HostMessage, { type: 'summary' }>;
type HostEvent = Extract<HostMessage, { type: 'started' | 'dataset' }>;

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles into a temp dir inside the repo (gitignored), so bare imports resolve from its node_modules. */
async function buildHost(): Promise<{ host: string; worker: string; dir: string }> {
  mkdirSync(join(root, '.bench-build'), { recursive: true });
  const dir = mkdtempSync(join(root, '.bench-build', 'sync-'));
  await build({
    entryPoints: { host: join(root, 'bench/sync/host.ts'), 'sync-worker': join(root, 'src/main/sync/worker/sync-worker.ts') },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    logLevel: 'warning',
  });
  return { host: join(dir, 'host.mjs'), worker: join(dir, 'sync-worker.mjs'), dir };
}

/** Builds, runs one sync in the host process and removes the build; `onEvent` sees its start and each finished data set. */
export async function runSyncHost(start: Omit<HostStart, 'workerPath'>, onEvent: (e: HostEvent) => void): Promise<HostResult> {
  const built = await buildHost();
  const remove = () => rmSync(built.dir, { recursive: true, force: true });
  // No loader flags from this (tsx) process, none from NODE_OPTIONS: the host runs as shipped code does.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = fork(built.host, [], { execArgv: [], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // However the bench ends, the host does not outlive it, nor does its build.
  const kill = () => {
    child.kill('SIGKILL');
    remove();
  };
  process.once('exit', kill);
  try {
    return await new Promise<HostResult>((resolve, reject) => {
      let result: HostResult | null = null;
      child.on('message', (m: HostMessage) => {
        if (m.type === 'summary') result = m;
        else if (m.type === 'failed') reject(new Error(`the sync failed in the host process: ${m.message}`));
        else onEvent(m);
      });
      child.once('error', reject);
      child.once('exit', (code, signal) => (result ? resolve(result) : reject(new Error(`the host process ended without a summary (exit code ${code}, signal ${signal})`))));
      child.send({ ...start, workerPath: built.worker } satisfies HostStart);
    });
  } finally {
    process.off('exit', kill);
    remove();
  }
}
