import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/main/simulator';

export async function start(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ scale: 'tiny', control: true, exportPolls: 2, ...options });
}

export function authOf(sim: RunningSimulator): string {
  return `Basic ${Buffer.from(`${sim.email}:${sim.token}`).toString('base64')}`;
}

/** `…/marketplace/rest/3/reporting/developer-space/{id}` */
export function dsUrl(sim: RunningSimulator): string {
  return `${sim.baseUrl}/rest/3/reporting/developer-space/${sim.developerId}`;
}

export async function get(sim: RunningSimulator, url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, headers: { authorization: authOf(sim), ...(init.headers as Record<string, string>) } });
}

export async function getJson<T = Record<string, unknown>>(sim: RunningSimulator, url: string, init: RequestInit = {}): Promise<T> {
  const r = await get(sim, url, init);
  if (r.status !== 200) throw new Error(`${url} answered ${r.status}: ${await r.text()}`);
  return (await r.json()) as T;
}

/** Resolves a relative href the way the live notes say: against `…/marketplace`. */
export function resolveHref(sim: RunningSimulator, href: string): string {
  return `${sim.baseUrl}${href}`;
}

/** Follows `next` links (object or array, `_links` or top level) to the end. */
export async function pageAll(sim: RunningSimulator, firstUrl: string, key: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let url: string | null = firstUrl;
  for (let guard = 0; url && guard < 10_000; guard++) {
    const body: Record<string, unknown> = await getJson(sim, url);
    out.push(...(body[key] as Record<string, unknown>[]));
    const links = (body._links ?? body) as Record<string, unknown>;
    const next = links.next as { href: string } | { href: string }[] | undefined;
    const href = Array.isArray(next) ? next[0]?.href : next?.href;
    if (href && !/[?&]limit=/.test(href)) url = resolveHref(sim, `${href}&limit=50`);
    else url = href ? resolveHref(sim, href) : null;
  }
  return out;
}

export async function control(sim: RunningSimulator, path: string, method = 'POST'): Promise<Record<string, unknown>> {
  const r = await fetch(`${sim.baseUrl.replace(/\/marketplace$/, '')}/__sim/${path}`, { method });
  if (r.status !== 200) throw new Error(`control ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as Record<string, unknown>;
}

/** Minimal RFC 4180 parser (quotes, doubled quotes, CR/LF inside quoted fields). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
