// A tiny stand-in for the Marketplace API's root links resource, over real HTTP on 127.0.0.1:
// enough to exercise the credential check's every branch (the simulator serves the full API).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const developerId = '5b2c3d4e-1f2a-4b3c-9d8e-7f6a5b4c3d2e';
export const forbiddenDeveloperId = '00000000-0000-4000-8000-000000000403';
export const email = 'partner@example.com';

export interface RootServer {
  baseUrl: string;
  /** Tokens the server accepts; tests add and remove them to mimic rotation. */
  validTokens: Set<string>;
  /** Authorization headers seen, decoded (tests check the Basic auth format). */
  seen: { path: string; user: string; password: string }[];
  close(): Promise<void>;
}

/** The root response with both link shapes the reference shows: objects and arrays (§3.1, §18.3). */
export function rootLinks(id: string) {
  const ds = `/rest/3/reporting/developer-space/${id}`;
  return {
    _links: {
      self: { href: `${ds}/` },
      licenses: { href: `${ds}/licenses{?offset,limit}`, templated: true, type: 'application/json', name: 'licenses' },
      transactions: { href: `${ds}/sales/transactions{?offset,limit}`, templated: true, type: 'application/json', name: 'transactions' },
      cloudChurn: [{ href: `${ds}/sales/metrics/churn{?aggregation}`, templated: true, type: 'application/json', name: 'aggregated' }],
      feedbackLinks: [{ href: `${ds}/feedback/details{?offset,limit}`, templated: true, type: 'application/json', name: 'feedback' }],
      someFutureReport: { href: `${ds}/future`, templated: false },
    },
  };
}

export async function startRootServer(tokens: string[]): Promise<RootServer> {
  const validTokens = new Set(tokens);
  const seen: RootServer['seen'] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const path = req.url ?? '';
    const [user, password] = decodeBasic(req.headers.authorization);
    seen.push({ path, user, password });
    const match = /^\/rest\/3\/reporting\/developer-space\/([^/]+)\/$/.exec(path);
    if (!match) return reply(res, 404, { message: 'Not found' });
    if (user !== email || !validTokens.has(password)) return reply(res, 401, { message: 'Unauthorized' });
    if (match[1] === forbiddenDeveloperId) return reply(res, 403, { message: 'Forbidden' });
    reply(res, 200, rootLinks(match[1]!));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    validTokens,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function decodeBasic(header: string | undefined): [string, string] {
  if (!header?.startsWith('Basic ')) return ['', ''];
  const text = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A port nothing listens on: bound, then closed (the "offline" case). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
