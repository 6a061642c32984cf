import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { recordDatasets, type RecordDataset } from '../../../src/shared/catalogue';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { startSimulator, type RunningSimulator, type SourceId } from '../../../src/main/simulator';
import { openSpaceDatabase } from '../../../src/main/space-database';
import { quoteIdent, type Db } from '../../../src/main/store';
import { flattenRecord } from '../../../src/main/store/record-writer';
import { sourceOf as recordSources } from '../../fixtures/simulated-space';

export const sourceOf: Record<string, SourceId | 'catalog'> = { ...recordSources, 'product-catalog': 'catalog' };

/** Data sets downloaded as CSV: every value arrives as text, so only keys are compared with the simulator's objects. */
export const csvDatasets = new Set(['free-starter-tier', 'product-catalog']);

/** What the simulator holds now, per data set: natural key → record JSON. */
export function simulatorRecords(sim: RunningSimulator, dataset: RecordDataset): Map<string, string> {
  const source = sourceOf[dataset.id]!;
  const records = source === 'catalog' ? sim.data.catalog() : sim.data.all(source, { withDataInsights: dataset.id === 'licences' });
  const out = new Map<string, string>();
  for (const r of records) out.set(flattenRecord(dataset, r)!.key, JSON.stringify(r));
  return out;
}

/** The local rows present (not marked gone): natural key → raw record. */
export function localRecords(db: Db, dataset: RecordDataset): Map<string, string> {
  const rows = db.prepare(`SELECT _key, _raw FROM ${quoteIdent(dataset.table)} WHERE _gone_since IS NULL`).raw(true).all() as [string, string][];
  return new Map(rows);
}

/** Keys whose local content differs from the simulator's (missing, extra, or a different record). */
export function differences(sim: RunningSimulator, db: Db, dataset: RecordDataset): string[] {
  const remote = simulatorRecords(sim, dataset);
  const local = localRecords(db, dataset);
  const out: string[] = [];
  for (const [key, raw] of remote) {
    const mine = local.get(key);
    if (mine === undefined) out.push(`missing ${key}`);
    else if (!csvDatasets.has(dataset.id) && mine !== raw) out.push(`differs ${key}`);
  }
  for (const key of local.keys()) if (!remote.has(key)) out.push(`extra ${key}`);
  return out;
}

/** A checksum of every record table's keys and raw records (and gone marks), in key order. */
export function contentChecksum(db: Db): string {
  const hash = createHash('sha256');
  for (const d of recordDatasets) {
    const rows = db.prepare(`SELECT _key, _raw, _gone_since IS NOT NULL FROM ${quoteIdent(d.table)} ORDER BY _key`).raw(true).iterate() as Iterable<[string, string, number]>;
    hash.update(`\u0000${d.id}`);
    for (const [k, raw, gone] of rows) hash.update(`${k}\u0001${raw}\u0001${gone}\u0002`);
  }
  return hash.digest('hex');
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs the `mpdesk` command line in-process with captured output. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const io: CliIo = { stdout, stderr, stdin: new PassThrough(), env: { ...env }, version: 'test', exitCode: 0 };
  const code = await main(args, io);
  return { code, stdout: out, stderr: err };
}

export function syncArgs(sim: RunningSimulator, dataDir: string, extra: string[] = []): string[] {
  return ['sync', '--base-url', sim.baseUrl, '--developer-id', sim.developerId, '--email', sim.email, '--data-dir', dataDir, '--today', sim.control.state().now, '--export-poll-ms', '5', ...extra];
}

export interface RequestProxy {
  /** The simulator's base URL through the proxy. */
  baseUrl: string;
  /** Called with each request's URL before it is forwarded. */
  onRequest: (url: URL) => void;
  close(): Promise<void>;
}

/** A forwarding proxy in front of the simulator that sees every request: a fault or a cancel at an exact one. */
export async function startRequestProxy(sim: RunningSimulator): Promise<RequestProxy> {
  const target = new URL(sim.baseUrl);
  const proxy: RequestProxy = { baseUrl: '', onRequest: () => {}, close: async () => {} };
  const server = createServer((req, res) => {
    proxy.onRequest(new URL(req.url!, target));
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  proxy.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`;
  proxy.close = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  return proxy;
}

export interface ProxiedSimulator {
  sim: RunningSimulator;
  proxy: RequestProxy;
  /** A new space database in a temporary folder, closed and removed after the file's tests. */
  freshSpace(): Db;
}

/**
 * Registers the file's beforeAll/afterAll: a 1500-licence simulator (~1300 renewal events over
 * three years) with its clock control, behind a request proxy, and the space files to clean up.
 */
export function useProxiedSimulator(prefix: string): ProxiedSimulator {
  const dirs: string[] = [];
  const open: Db[] = [];
  const env = {
    freshSpace(): Db {
      const dir = tempDir(prefix);
      dirs.push(dir);
      const db = openSpaceDatabase(join(dir, 'space.sqlite'));
      open.push(db);
      return db;
    },
  } as ProxiedSimulator;
  beforeAll(async () => {
    env.sim = await startSimulator({ scale: 1500, exportPolls: 1, control: true, seed: 5 });
    env.proxy = await startRequestProxy(env.sim);
  });
  afterAll(async () => {
    await env.proxy.close();
    for (const db of open) db.close();
    await env.sim.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return env;
}
