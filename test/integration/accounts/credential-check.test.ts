import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCredentials, listReportGroups } from '../../../src/main/accounts';
import { AppFailure } from '../../../src/shared/result';
import { closedPortUrl, developerId, email, forbiddenDeveloperId, rootLinks, startRootServer, type RootServer } from './root-server';

const token = 'ATATT3x-credential-check-token-7f3a';

async function failureOf(p: Promise<unknown>): Promise<AppFailure> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppFailure);
  const failure = e as AppFailure;
  // No failure message may carry the token, in clear or as its Basic auth form.
  expect(failure.message).not.toContain(token);
  expect(failure.message).not.toContain(Buffer.from(`${email}:${token}`).toString('base64'));
  return failure;
}

describe('credential check against the root links resource', () => {
  let server: RootServer;
  beforeAll(async () => {
    server = await startRootServer([token]);
  });
  afterAll(() => server.close());

  it('sends Basic auth to the root path and lists the report groups it links', async () => {
    const groups = await checkCredentials({ baseUrl: `${server.baseUrl}/`, developerId, email, token });
    expect(server.seen.at(-1)).toEqual({ path: `/rest/3/reporting/developer-space/${developerId}/`, user: email, password: token });
    expect(groups.map((g) => g.relation).sort()).toEqual(['cloudChurn', 'feedbackLinks', 'licenses', 'someFutureReport', 'transactions']);
    expect(groups.find((g) => g.relation === 'cloudChurn')?.title).toBe('Cloud churn');
    expect(groups.find((g) => g.relation === 'someFutureReport')?.title).toBe('Some future report');
  });

  it('answers auth.invalid on 401 (wrong token or e-mail)', async () => {
    const f = await failureOf(checkCredentials({ baseUrl: server.baseUrl, developerId, email, token: `${token}-wrong` }));
    expect(f.code).toBe('auth.invalid');
    expect(f.message).toMatch(/e-mail address and the API token/);
    const g = await failureOf(checkCredentials({ baseUrl: server.baseUrl, developerId, email: 'other@example.com', token }));
    expect(g.code).toBe('auth.invalid');
  });

  it('answers auth.forbidden on 403, naming the permissions the account needs', async () => {
    const f = await failureOf(checkCredentials({ baseUrl: server.baseUrl, developerId: forbiddenDeveloperId, email, token }));
    expect(f.code).toBe('auth.forbidden');
    expect(f.message).toContain('View sales reports');
    expect(f.message).toContain('View all other reports');
  });

  it('answers network.offline when nothing listens', async () => {
    const f = await failureOf(checkCredentials({ baseUrl: await closedPortUrl(), developerId, email, token }));
    expect(f.code).toBe('network.offline');
    expect(f.message).toMatch(/offline/);
  });
});

describe('credential check against odd servers', () => {
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    // /500/… answers 500, /html/… answers HTML, /nolinks/… answers links to nothing, /slow/… never answers.
    const server = createServer((req, res) => {
      const kind = req.url?.split('/')[1];
      if (kind === 'slow') return;
      if (kind === '500') {
        res.writeHead(500).end(`server error echoing ${req.headers.authorization}`);
      } else if (kind === 'html') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
      } else if (kind === 'nolinks') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ _links: { self: { href: '/' } } }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ hello: 'world' }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
  });
  afterAll(() => close());

  const at = (kind: string, timeoutMs?: number) => checkCredentials({ baseUrl: `${base}/${kind}`, developerId, email, token }, { timeoutMs });

  it('answers api.error on a 5xx without repeating its body', async () => {
    const f = await failureOf(at('500'));
    expect(f.code).toBe('api.error');
    expect(f.message).toContain('500');
  });

  it('answers api.malformed when the body is not the root resource', async () => {
    expect((await failureOf(at('html'))).code).toBe('api.malformed');
    expect((await failureOf(at('json'))).code).toBe('api.malformed');
  });

  it('answers auth.forbidden when the root links to no report', async () => {
    expect((await failureOf(at('nolinks'))).code).toBe('auth.forbidden');
  });

  it('answers network.timeout when the server never answers', async () => {
    const f = await failureOf(at('slow', 300));
    expect(f.code).toBe('network.timeout');
  });
});

describe('listReportGroups', () => {
  it('reads relations given as objects or arrays and skips self and empty ones', () => {
    const body = rootLinks(developerId) as { _links: Record<string, unknown> };
    body._links.broken = [];
    body._links.notALink = { title: 'no href' };
    const groups = listReportGroups(body);
    expect(groups?.map((g) => g.relation)).not.toContain('self');
    expect(groups?.map((g) => g.relation)).not.toContain('broken');
    expect(groups?.map((g) => g.relation)).not.toContain('notALink');
    expect(groups).toHaveLength(5);
  });

  it('answers null for a body without _links', () => {
    expect(listReportGroups(null)).toBeNull();
    expect(listReportGroups({ _links: [] })).toBeNull();
    expect(listReportGroups('text')).toBeNull();
  });
});
