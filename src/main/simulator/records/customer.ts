/**
 * Customers, their contacts and partners, derived from an index (string pools, no storage). Records
 * write the same values as bytes (customer-bytes.ts; a unit test holds the two together).
 */
import { hashInts, hashUnit, uuidFrom } from '../data/random';
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
