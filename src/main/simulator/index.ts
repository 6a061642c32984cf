/**
 * The Marketplace simulator: a local HTTP server implementing the 43 endpoints of the reporting
 * API v3 over generated, internally consistent data. It powers demo mode, the sync tests and the
 * benchmarks. `startSimulator` runs it in-process; `mpdesk simulator` runs it from the shell.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { catalogColumns, catalogRows } from './data/catalog';
import { isIsoDate, isoFromDay } from './data/dates';
import { hashInts, uuidFrom } from './data/random';
import { resolveScale, scaleSchema } from './data/scale';
import { World, type SilentRewrite } from './data/world';
import type { JsonRecord } from './records/licence';
import { AggregateCache } from './records/aggregate-cache';
import { PageWriter } from './records/page-writer';
import { SelectionCache, sources, type SourceId } from './records/sources';
import { AsyncExports } from './http/async-exports';
import { handleControl } from './http/control';
import { HttpError } from './http/errors';
import { tableExport } from './http/exports';
import { Faults, type FaultRule } from './http/faults';
import { parseQuery } from './http/query';
import { handleRequest } from './http/server';

export { parseFaultSpec, FaultSpecError, faultKinds, type FaultRule } from './http/faults';
export { World, type SilentRewrite } from './data/world';
export type { SourceId } from './records/sources';
export type { JsonRecord } from './records/licence';

export const simulatorOptionsSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(0),
  seed: z.coerce.number().int().default(1),
  scale: scaleSchema.default('tiny'),
  developerId: z.string().min(1).optional(),
  email: z.string().min(3).default('simulator@example.com'),
  token: z.string().min(1).default('sim-token'),
  faults: z.string().default(''),
  /** Serve `/__sim/…` (tests and demo only). */
  control: z.boolean().default(false),
  /** The simulated "now" (a value, not Date.now(), so output is deterministic). */
  now: z.string().refine(isIsoDate, 'must be YYYY-MM-DD').default('2026-11-26'),
  /** Status polls an async export takes to complete (0: completes at once). */
  exportPolls: z.number().int().min(0).default(2),
  /** Lifetime of the product catalog's presigned URL (the API says 300). */
  presignedTtlSeconds: z.number().int().min(0).default(300),
});
export type SimulatorOptions = z.input<typeof simulatorOptionsSchema>;

export interface SimulatorState {
  now: string;
  version: number;
  licences: number;
  transactions: number;
  rewrites: number;
}

export interface SimulatorControl {
  advance(days: number): SimulatorState & { newRewrites: SilentRewrite[] };
  rewriteSilently(): SilentRewrite | null;
  setFaults(spec: string): void;
  addFaults(spec: string): void;
  faults(): readonly FaultRule[];
  failExport(exportId: string): void;
  forbid(reports: readonly ('sales' | 'other')[]): void;
  expirePresignedUrls(): void;
  state(): SimulatorState;
}

export interface SimulatorData {
  readonly world: World;
  /** Every record of a list data set, unfiltered, in list order (for brute-force comparisons). */
  all(source: SourceId, options?: { withDataInsights?: boolean }): JsonRecord[];
  /** Product catalog rows as served in the presigned CSV. */
  catalog(): Record<string, unknown>[];
}

export interface RunningSimulator {
  readonly baseUrl: string;
  readonly developerId: string;
  readonly email: string;
  readonly token: string;
  readonly control: SimulatorControl;
  readonly data: SimulatorData;
  /** Milliseconds spent generating the data. */
  readonly generationMs: number;
  close(): Promise<void>;
}

export async function startSimulator(input: SimulatorOptions = {}): Promise<RunningSimulator> {
  const options = simulatorOptionsSchema.parse(input);
  const started = performance.now();
  const world = new World(options.seed, resolveScale(options.scale), options.now);
  const generationMs = performance.now() - started;
  const developerId = options.developerId ?? uuidFrom(options.seed, 999, 0);
  const faults = new Faults(options.seed, options.faults);
  const exports = new AsyncExports(options.seed, options.exportPolls);
  const cache = new SelectionCache();
  const pages = new PageWriter();
  const aggregates = new AggregateCache();
  let forbidden = new Set<'sales' | 'other'>();
  let urlsValidAfter = 0;
  let origin = '';
  const ds = `/rest/3/reporting/developer-space/${developerId}`;
  const signature = (issued: number) => hashInts(options.seed, 777, issued % 2 ** 31, Math.floor(issued / 2 ** 31)).toString(16);

  const state = (): SimulatorState => ({
    now: isoFromDay(world.now),
    version: world.version,
    licences: world.licences.length,
    transactions: world.transactions.length,
    rewrites: world.rewrites.length,
  });

  const control: SimulatorControl = {
    advance(days) {
      const before = world.rewrites.length;
      world.advance(days);
      // A day or more has passed: every presigned URL issued before has expired.
      urlsValidAfter = Date.now() + 1;
      return { ...state(), newRewrites: world.rewrites.slice(before) };
    },
    rewriteSilently: () => world.rewriteSilently(),
    setFaults: (spec) => faults.set(spec),
    addFaults: (spec) => faults.add(spec),
    faults: () => faults.list(),
    failExport: (id) => {
      try {
        exports.fail(id);
      } catch {
        throw new HttpError(404, `Export ${id} not found`);
      }
    },
    forbid: (reports) => (forbidden = new Set(reports)),
    expirePresignedUrls: () => (urlsValidAfter = Date.now() + 1),
    state,
  };

  const handleFile = (path: string, params: URLSearchParams) => {
    const issued = Number(params.get('X-Amz-Date'));
    const expires = Number(params.get('X-Amz-Expires'));
    const s3Error = (code: string, message: string) =>
      ({ status: 403, contentType: 'application/xml', chunks: () => [`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`] });
    if (!path.startsWith('/__files/product-catalog/') || params.get('X-Amz-Signature') !== signature(issued)) return s3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    if (Date.now() > issued + expires * 1000 || issued < urlsValidAfter) return s3Error('AccessDenied', 'Request has expired');
    return tableExport(catalogRows(world), catalogColumns, 'csv');
  };

  const server = createServer((req, res) => {
    void handleRequest(
      {
        developerId,
        authHeader: `Basic ${Buffer.from(`${options.email}:${options.token}`).toString('base64')}`,
        controlEnabled: options.control,
        handleControl: (method, path, params) => handleControl(control, method, path, params),
        handleFile,
        takeFault: (kinds, path) => faults.take(kinds, path),
        forbidden: () => forbidden,
        context: (path, params, body, match) => ({
          world,
          cache,
          pages,
          aggregates,
          exports,
          faults,
          params,
          q: parseQuery(params),
          ds,
          path,
          body,
          match,
          forbidden,
          takeMalformed: () => faults.take(['malformed'], path) !== null,
          presign() {
            const issued = Date.now();
            const date = isoFromDay(world.now);
            const query = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${issued}&X-Amz-Expires=${options.presignedTtlSeconds}&X-Amz-Signature=${signature(issued)}`;
            return { url: `${origin}/__files/product-catalog/wide_public_apps_overview-${date}.csv?${query}`, expiresInSeconds: options.presignedTtlSeconds, date };
          },
        }),
      },
      req,
      res,
    );
  });
  server.listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;

  return {
    baseUrl: `${origin}/marketplace`,
    developerId,
    email: options.email,
    token: options.token,
    control,
    generationMs,
    data: {
      world,
      all(source, opts = {}) {
        const q = parseQuery(new URLSearchParams(opts.withDataInsights ? 'withDataInsights=true' : ''));
        const rows = sources[source].select(world, q);
        return Array.from(rows, (r) => sources[source].build(world, r, q));
      },
      catalog: () => catalogRows(world),
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
