/**
 * A customer's text written straight into bytes: the same values as customer.ts (company,
 * contacts, site, ids), computed from hashes each time instead of memoised as strings. A memo of
 * 65k customers held ~110 MB of small strings that every collection traced, and still missed on
 * most records at `large` (333k customers); writing them costs less than looking them up did.
 * customer.ts stays the definition for code that wants strings (filters, aggregates): the unit
 * test compares the two for every customer of a world.
 */
import { hashInts, hashUnit } from '../data/random';
import type { World } from '../data/world';
import { cities, companyKinds, companyStems, companySuffixes, countries, firstNames, lastNames } from '../data/vocabulary';
import { Utf8Pool, utf8Inner, type ByteWriter } from './byte-writer';
import { countryOfCustomer, partnerJson } from './customer';

const pools = {
  stems: new Utf8Pool(companyStems),
  kinds: new Utf8Pool(companyKinds),
  suffixes: new Utf8Pool(companySuffixes),
  first: new Utf8Pool(firstNames),
  last: new Utf8Pool(lastNames),
  cities: new Utf8Pool(cities),
};
const slug = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
const slugs = {
  stems: new Utf8Pool(companyStems.map(slug)),
  first: new Utf8Pool(firstNames.map(slug)),
  last: new Utf8Pool(lastNames.map(slug)),
};
const rtbf = utf8Inner('RTBF');

/** `"country":…,"region":…` per country index (licence.ts countryJson). */
const countryFields = countries.map((c) => Buffer.from(`"country":${JSON.stringify(c.name)},"region":${JSON.stringify(c.region)}`));

const countryIndexes = new WeakMap<World, Uint8Array>();

/** Index into `countries` of a customer, computed once per customer (a weighted pick). */
export function countryIndexOf(world: World, customer: number): number {
  let idx = countryIndexes.get(world);
  if (!idx || idx.length < world.customers) countryIndexes.set(world, (idx = new Uint8Array(world.customers).fill(255)));
  let c = idx[customer]!;
  if (c === 255) idx[customer] = c = countries.indexOf(countryOfCustomer(world.seed, customer));
  return c;
}

export function writeCountryFields(w: ByteWriter, world: World, customer: number): void {
  w.bytes(countryFields[countryIndexOf(world, customer)]!);
}

/** `"<company>"` (customer.ts companyOfCustomer), or `"RTBF"` when erased. */
export function writeCompany(w: ByteWriter, seed: number, customer: number, rev: number, erased: boolean): void {
  w.byte(0x22);
  if (erased) w.bytes(rtbf);
  else {
    const h = hashInts(seed, 61, customer);
    w.bytes(pools.stems.bytes[h % companyStems.length]!);
    w.byte(0x20);
    w.bytes(pools.kinds.bytes[(h >>> 8) % companyKinds.length]!);
    w.byte(0x20);
    w.bytes(pools.suffixes.bytes[((h >>> 16) + rev) % companySuffixes.length]!);
  }
  w.byte(0x22);
}

/** `<stem>-<customer>` (customer.ts siteStem), unquoted. */
function writeSiteStem(w: ByteWriter, seed: number, customer: number): void {
  w.bytes(slugs.stems.bytes[hashInts(seed, 61, customer) % companyStems.length]!);
  w.byte(0x2d);
  w.uint(customer);
}

/** `"<site>.atlassian.net"` */
export function writeSite(w: ByteWriter, seed: number, customer: number): void {
  w.byte(0x22);
  writeSiteStem(w, seed, customer);
  w.ascii('.atlassian.net"');
}

function writeEmailText(w: ByteWriter, seed: number, customer: number, h: number): void {
  w.bytes(slugs.first.bytes[h % firstNames.length]!);
  w.byte(0x2e);
  w.bytes(slugs.last.bytes[(h >>> 8) % lastNames.length]!);
  w.byte(0x40);
  writeSiteStem(w, seed, customer);
  w.ascii('.example.com');
}

/**
 * A contact (customer.ts contactOf) as JSON: `{"email":…,"name":…}` and, when `full`, the
 * address fields too; `wrap` writes the e-mail as a Markdown mailto link (transaction.ts).
 */
export function writeContact(w: ByteWriter, seed: number, customer: number, role: number, erased: boolean, full: boolean, wrap: boolean): void {
  if (erased) {
    w.ascii(full ? erasedFull : erasedShort);
    return;
  }
  const h = hashInts(seed, 63 + role, customer);
  w.ascii('{"email":"');
  if (wrap) {
    w.byte(0x5b);
    writeEmailText(w, seed, customer, h);
    w.ascii('](mailto:');
    writeEmailText(w, seed, customer, h);
    w.byte(0x29);
  } else writeEmailText(w, seed, customer, h);
  w.ascii('","name":"');
  w.bytes(pools.first.bytes[h % firstNames.length]!);
  w.byte(0x20);
  w.bytes(pools.last.bytes[(h >>> 8) % lastNames.length]!);
  if (!full) {
    w.ascii('"}');
    return;
  }
  w.ascii('","address1":"');
  w.uint((h >>> 4) % 300);
  w.ascii(' Main Street, Suite ');
  w.uint((h >>> 12) % 40);
  w.ascii('","city":"');
  w.bytes(pools.cities.bytes[(h >>> 16) % cities.length]!);
  w.ascii('","postcode":"');
  w.uint(10000 + ((h >>> 3) % 89999));
  w.ascii('","phone":"+1 555 ');
  w.padded(h % 10000, 4);
  w.ascii('"}');
}

const erasedFull = '{"email":"RTBF","name":"RTBF","address1":"RTBF","city":"RTBF","postcode":"RTBF","phone":"RTBF"}';
const erasedShort = '{"email":"RTBF","name":"RTBF"}';

/** customer.ts's fedramp flag of a customer. */
export function isFedramp(seed: number, customer: number): boolean {
  return hashUnit(seed, 73, customer) < 0.03;
}

const partnerTexts: (Uint8Array | undefined)[] = [];

/** A partner's `partnerDetails` JSON (customer.ts partnerJson) as bytes. */
export function partnerBytes(partner: number, wrapped: boolean): Uint8Array {
  const k = partner * 2 + (wrapped ? 1 : 0);
  return (partnerTexts[k] ??= Buffer.from(partnerJson(partner, wrapped)));
}
