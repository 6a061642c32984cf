/** Customers, their contacts and partners, derived from an index (string pools, no storage). */
import { hashInts, hashUnit, uuidFrom } from '../data/random';
import { flatString } from './json-text';
import type { World } from '../data/world';
import {
  cities,
  companyKinds,
  companyStems,
  companySuffixes,
  countries,
  countryWeights,
  firstNames,
  lastNames,
  partnerNames,
  partnerTypes,
  type Country,
} from '../data/vocabulary';

const totalCountryWeight = countryWeights.reduce((a, b) => a + b, 0);

export function countryOfCustomer(seed: number, customer: number): Country {
  let r = hashUnit(seed, 60, customer) * totalCountryWeight;
  for (const c of countries) {
    r -= c.weight;
    if (r < 0) return c;
  }
  return countries[0]!;
}

export function companyOfCustomer(seed: number, customer: number, rev = 0): string {
  const h = hashInts(seed, 61, customer);
  const stem = companyStems[h % companyStems.length]!;
  const kind = companyKinds[(h >>> 8) % companyKinds.length]!;
  // A silent rewrite renames the company (Atlassian back-fills corrected legal names).
  const suffix = companySuffixes[((h >>> 16) + rev) % companySuffixes.length]!;
  return `${stem} ${kind} ${suffix}`;
}

/** Slugs computed once: customers are rendered by the hundred thousand at `large` scale. */
const stemSlugs = companyStems.map((s) => s.toLowerCase().replace(/[^a-z]/g, ''));
const firstSlugs = firstNames.map((s) => s.toLowerCase().replace(/[^a-z]/g, ''));
const lastSlugs = lastNames.map((s) => s.toLowerCase().replace(/[^a-z]/g, ''));

function siteStem(seed: number, customer: number): string {
  return `${stemSlugs[hashInts(seed, 61, customer) % companyStems.length]!}-${customer}`;
}

export function siteOfCustomer(seed: number, customer: number): string {
  return `${siteStem(seed, customer)}.atlassian.net`;
}

export function cloudIdOfCustomer(seed: number, customer: number): string {
  return uuidFrom(seed, 62, customer);
}

export interface Contact {
  email: string;
  name: string;
  address1: string;
  city: string;
  postcode: string;
  phone: string;
}

export const rtbf = 'RTBF';

export function contactOf(seed: number, customer: number, role: number, erased: boolean): Contact {
  if (erased) return { email: rtbf, name: rtbf, address1: rtbf, city: rtbf, postcode: rtbf, phone: rtbf };
  const h = hashInts(seed, 63 + role, customer);
  const first = h % firstNames.length;
  const last = (h >>> 8) % lastNames.length;
  return {
    email: `${firstSlugs[first]}.${lastSlugs[last]}@${siteStem(seed, customer)}.example.com`,
    name: `${firstNames[first]} ${lastNames[last]}`,
    // Addresses carry commas so CSV quoting is exercised.
    address1: `${(h >>> 4) % 300} Main Street, Suite ${(h >>> 12) % 40}`,
    city: cities[(h >>> 16) % cities.length]!,
    postcode: String(10000 + ((h >>> 3) % 89999)),
    phone: `+1 555 ${String(h % 10000).padStart(4, '0')}`,
  };
}

/**
 * GDPR erasure (LIVE-API-NOTES: historical contact fields can read `RTBF`): half of the
 * licences that ended more than three years before the clock.
 */
export function isErased(world: World, licence: number): boolean {
  const end = world.licences.endDay[licence]!;
  return end >= 0 && end < world.now - 3 * 365 && hashUnit(world.seed, 64, licence) < 0.5;
}

export interface PartnerDetails {
  partnerName: string;
  partnerType: string;
  billingContact: { email: string; name: string };
}

const partnerMemo: (PartnerDetails | undefined)[] = [];

/** Shared per partner: callers must not mutate it (copy to change a field). */
export function partnerOf(partner: number): PartnerDetails | null {
  if (partner === 0) return null;
  return (partnerMemo[partner] ??= renderPartner(partner));
}

function renderPartner(partner: number): PartnerDetails {
  const name = partnerNames[partner - 1]!;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return {
    partnerName: name,
    partnerType: partnerTypes[partner % 2]!,
    billingContact: { email: `billing@${slug}.example.com`, name: `${name} Billing` },
  };
}

/** ENDPOINTS.md §18.38: some transactions carry Markdown mailto artefacts in e-mails. */
export function mailto(email: string, wrap: boolean): string {
  return wrap && email !== rtbf ? `[${email}](mailto:${email})` : email;
}

const partnerText: (string | undefined)[] = [];

/** A partner's `partnerDetails` JSON; `wrapped`: its billing e-mail as a Markdown mailto link. */
export function partnerJson(partner: number, wrapped: boolean): string {
  const k = partner * 2 + (wrapped ? 1 : 0);
  let text = partnerText[k];
  if (text === undefined) {
    const p = partnerOf(partner)!;
    partnerText[k] = text = JSON.stringify({ ...p, billingContact: { email: mailto(p.billingContact.email, wrapped), name: p.billingContact.name } });
  }
  return text;
}

export function partnerTypeIndex(partner: number): number {
  return partner === 0 ? -1 : partner % 2;
}

/** The strings of one customer, rendered once (records repeat them for every licence and line). */
export interface CustomerInfo {
  customer: number;
  country: Country;
  company: string;
  site: string;
  cloudId: string;
  tech: Contact;
  billing: Contact;
  transactionAccountId: string;
  fedramp: boolean;
  /** Per hosting, filled on first use. */
  hostIds: (string | undefined)[];
  hostNumbers: (string | undefined)[];
  /** `"technicalContact":{…},"billingContact":{…}`, filled on first use (licence.ts). */
  contactsJson: string | undefined;
}

/**
 * Recently used customers, direct-mapped by index (65k slots, ~110 MB at most). Holding every
 * one measured 168 MB of heap per 100k customers (~560 MB for the 333k of `large`, near the
 * 1.5 GB the simulator may use) and every full collection traced them; a miss costs a few
 * microseconds of hashing.
 */
const memoSlots = 1 << 16;
const memo = new WeakMap<World, (CustomerInfo | undefined)[]>();

export function customerInfo(world: World, customer: number): CustomerInfo {
  let cache = memo.get(world);
  if (!cache) memo.set(world, (cache = new Array<CustomerInfo | undefined>(memoSlots)));
  let info = cache[customer & (memoSlots - 1)];
  if (!info || info.customer !== customer) {
    // Flat strings: records embed them by the million (json-text.ts, flatString).
    info = {
      customer,
      country: countryOfCustomer(world.seed, customer),
      company: flatString(companyOfCustomer(world.seed, customer)),
      site: flatString(siteOfCustomer(world.seed, customer)),
      cloudId: flatString(cloudIdOfCustomer(world.seed, customer)),
      tech: flatContact(contactOf(world.seed, customer, 0, false)),
      billing: flatContact(contactOf(world.seed, customer, 1, false)),
      transactionAccountId: flatString(uuidFrom(world.seed, 72, customer)),
      fedramp: hashUnit(world.seed, 73, customer) < 0.03,
      hostIds: [undefined, undefined, undefined],
      hostNumbers: [undefined, undefined, undefined],
      contactsJson: undefined,
    };
    cache[customer & (memoSlots - 1)] = info;
  }
  return info;
}

function flatContact(c: Contact): Contact {
  for (const s of [c.email, c.name, c.address1, c.city, c.postcode, c.phone]) flatString(s);
  return c;
}

export const erasedContact: Contact = { email: rtbf, name: rtbf, address1: rtbf, city: rtbf, postcode: rtbf, phone: rtbf };

/** Contacts of a licence's customer, or `RTBF` everywhere if erased. */
export function contactsOf(world: World, licence: number, info: CustomerInfo): { tech: Contact; billing: Contact; company: string } {
  if (isErased(world, licence)) return { tech: erasedContact, billing: erasedContact, company: rtbf };
  const rev = world.licences.rev[licence]!;
  return { tech: info.tech, billing: info.billing, company: rev ? companyOfCustomer(world.seed, world.licences.customer[licence]!, rev) : info.company };
}
