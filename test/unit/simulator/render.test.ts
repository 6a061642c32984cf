import { describe, expect, it } from 'vitest';
import { resolveScale } from '../../../src/main/simulator/data/scale';
import { World } from '../../../src/main/simulator/data/world';
import { parseQuery } from '../../../src/main/simulator/http/query';
import type { ByteWriter } from '../../../src/main/simulator/records/byte-writer';
import { companyOfCustomer, contactOf, countryOfCustomer, isErased, mailto, siteOfCustomer } from '../../../src/main/simulator/records/customer';
import { entitlementIdOf, entitlementNumberOf } from '../../../src/main/simulator/records/licence';
import { PageWriter } from '../../../src/main/simulator/records/page-writer';
import { sources } from '../../../src/main/simulator/records/sources';
import { transactionIdOf } from '../../../src/main/simulator/records/transaction';

const world = new World(3, resolveScale(1500), '2026-11-26');
world.advance(20);
for (let k = 0; k < 20; k++) world.rewriteSilently();

describe('record text', () => {
  // Records are written as bytes from pieces (byte-writer.ts): a piece left
  // undefined, a missing comma or an unescaped quote would show up here.
  for (const [source, query] of [['licences', ''], ['licences', 'withDataInsights=true'], ['transactions', ''], ['renewal', ''], ['conversion', ''], ['churn', ''], ['feedback', ''], ['attribution', ''], ['freeStarter', '']] as const) {
    it(`${source}${query ? `?${query}` : ''}: every record is canonical JSON (as JSON.stringify writes it)`, () => {
      const q = parseQuery(new URLSearchParams(query));
      const rows = sources[source].select(world, q);
      expect(rows.length).toBeGreaterThan(source === 'freeStarter' ? 20 : 100);
      for (const row of rows) {
        const text = sources[source].render(world, row, q);
        expect(JSON.stringify(JSON.parse(text))).toBe(text);
      }
    });
  }

  it('escapes what JSON must escape in names and addresses', () => {
    const q = parseQuery(new URLSearchParams(''));
    const texts = Array.from(sources.transactions.select(world, q), (t) => sources.transactions.render(world, t, q));
    // Vocabulary carries O'Brien, Müller and São Paulo; Markdown mailto e-mails carry brackets.
    expect(texts.some((t) => t.includes('Müller'))).toBe(true);
    expect(texts.some((t) => t.includes('](mailto:'))).toBe(true);
  });
});

describe('written records agree with the string definitions filters and aggregates use', () => {
  const q = parseQuery(new URLSearchParams(''));

  it('licences: ids, company, site and contacts (RTBF when erased)', () => {
    // Six years of history: some licences ended more than three years ago (erased contacts).
    const world = new World(4, resolveScale(6000), '2026-11-26');
    for (let k = 0; k < 30; k++) world.rewriteSilently();
    const L = world.licences;
    let erased = 0;
    for (const i of sources.licences.select(world, q)) {
      const r = sources.licences.build(world, i, q) as { appEntitlementId: string; appEntitlementNumber: string; cloudSiteHostname?: string; contactDetails: Record<string, unknown> };
      const c = L.customer[i]!;
      expect(r.appEntitlementId).toBe(entitlementIdOf(world, i));
      expect(r.appEntitlementNumber).toBe(entitlementNumberOf(world, i));
      if (L.hosting[i] === 0) expect(r.cloudSiteHostname).toBe(siteOfCustomer(world.seed, c));
      const gone = isErased(world, i);
      erased += gone ? 1 : 0;
      expect(r.contactDetails.technicalContact).toEqual(contactOf(world.seed, c, 0, gone));
      expect(r.contactDetails.billingContact).toEqual(contactOf(world.seed, c, 1, gone));
      expect(r.contactDetails.company).toBe(gone ? 'RTBF' : companyOfCustomer(world.seed, c, L.rev[i]!));
      expect(r.contactDetails.country).toBe(countryOfCustomer(world.seed, c).name);
    }
    expect(erased).toBeGreaterThan(0);
  });

  it('transactions: invoice ids and the Markdown-wrapped e-mails', () => {
    let wrapped = 0;
    for (const t of sources.transactions.select(world, q)) {
      const r = sources.transactions.build(world, t, q) as { transactionId: string; customerDetails: { technicalContact: { email: string } } };
      expect(r.transactionId).toBe(transactionIdOf(world, t));
      const i = world.transactions.licence[t]!;
      const email = contactOf(world.seed, world.licences.customer[i]!, 0, isErased(world, i)).email;
      const written = r.customerDetails.technicalContact.email;
      if (written !== email) {
        wrapped++;
        expect(written).toBe(mailto(email, true));
      }
    }
    expect(wrapped).toBeGreaterThan(0);
  });
});

describe('PageWriter', () => {
  const q = parseQuery(new URLSearchParams('withDataInsights=true'));
  const write = (w: ByteWriter, row: number) => sources.licences.write(w, world, row, q);
  const rows = sources.licences.select(world, q);
  const pageOf = (from: number, to: number) => `[${Array.from(rows.subarray(from, to), (r) => sources.licences.render(world, r, q)).join(',')}]`;

  it('writes pages across blocks; a page stays intact while later pages are written', () => {
    const pages = new PageWriter();
    const written: [Buffer, number, number][] = [];
    // ~75 KB pages: a 1 MiB block holds about a dozen, so this crosses several.
    for (let from = 0; from + 50 <= Math.min(rows.length, 1500); from += 50) written.push([pages.join(rows, from, from + 50, write, '[', ']'), from, from + 50]);
    for (const [buf, from, to] of written) expect(buf.toString('utf8')).toBe(pageOf(from, to));
  });

  it('writes a page larger than a block', () => {
    const all = new PageWriter().join(rows, 0, rows.length, write, '[', ']');
    expect(all.length).toBeGreaterThan(2 ** 20);
    expect(all.toString('utf8')).toBe(pageOf(0, rows.length));
  });

  it('swaps in replacement text at a position of the page, an empty page is prefix and suffix', () => {
    const pages = new PageWriter();
    const page = JSON.parse(pages.join(rows, 10, 15, write, '[', ']', { at: 2, text: '{"bad":1}' }).toString('utf8')) as unknown[];
    expect(page).toHaveLength(5);
    expect(page[2]).toEqual({ bad: 1 });
    expect(page[3]).toEqual(sources.licences.build(world, rows[13]!, q));
    expect(pages.join(rows, 5, 5, write, '{"x":[', ']}').toString('utf8')).toBe('{"x":[]}');
  });
});
