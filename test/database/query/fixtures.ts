import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordDataset } from '../../../src/shared/catalogue';
import { type Db } from '../../../src/main/store';
import { createRecordWriter } from '../../../src/main/store/record-writer';
import { openSpaceDatabase } from '../../../src/main/space-database';

/** A small seeded PRNG (mulberry32): the same seed gives the same records on every machine. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const maybe = <T>(p: number, value: () => T): T | undefined => (next() < p ? value() : undefined);
  return { next, int, pick, maybe };
}
export type Random = ReturnType<typeof createRandom>;

// Names with the characters that break naive SQL and LIKE: quotes, %, _, backslash, accents.
const companies = ['Acme Corp', "O'Brien & Sons", 'Zoë Analytics', '100% Cotton Ltd', 'under_score GmbH', 'Back\\slash Inc', 'Globex', 'Initech', 'Umbrella "Co"', 'Stark Industries', 'Wayne Enterprises', 'Ünïcode AG'];
const firstNames = ['john', 'maria', 'wei', 'olga', 'pierre', 'amara', 'RTBF'];
const apps = [
  ['com.acme.timesheets', 'Timesheets Pro'],
  ['com.acme.diagrams', 'Diagrams for Confluence'],
  ['com.acme.backup', 'Backup Manager'],
  ['com.acme.sql', 'SQL Reports'],
] as const;
const countries = ['Germany', 'United States', 'France', 'Japan', 'Brazil', 'India'];
const hostings = ['Cloud', 'Server', 'Data Center'];

function day(r: Random, fromYear = 2019, toYear = 2026): string {
  const d = new Date(Date.UTC(r.int(fromYear, toYear), r.int(0, 11), r.int(1, 28)));
  return d.toISOString().slice(0, 10);
}

function contact(r: Random) {
  const name = r.pick(firstNames);
  return name === 'RTBF' ? { email: 'RTBF', name: 'RTBF' } : { email: `${name}.${r.int(1, 99)}@${r.pick(['acme.test', 'example.org', 'mail.test'])}`, name: `${name[0]!.toUpperCase()}${name.slice(1)} Doe` };
}

export function generateLicence(r: Random, i: number) {
  const [addonKey, addonName] = r.pick(apps);
  const hosting = r.pick(hostings);
  return {
    appEntitlementId: `ent-${i.toString(16).padStart(8, '0')}`,
    appEntitlementNumber: `E-${100000 + i}`,
    addonKey,
    addonName,
    hosting,
    licenseType: r.pick(['COMMERCIAL', 'EVALUATION', 'ACADEMIC', 'COMMUNITY', 'OPEN_SOURCE']),
    status: r.pick(['active', 'active', 'inactive', 'cancelled']),
    tier: r.maybe(0.9, () => `${r.pick([10, 25, 50, 100, 500])} Users`),
    lastUpdated: day(r, 2023, 2026),
    maintenanceStartDate: r.maybe(0.95, () => day(r)),
    maintenanceEndDate: r.maybe(0.9, () => `${day(r, 2024, 2027)}T${String(r.int(0, 23)).padStart(2, '0')}:00:00Z`),
    cloudSiteHostname: hosting === 'Cloud' ? `site${r.int(1, 400)}.atlassian.net` : undefined,
    installedOnSandbox: hosting === 'Cloud' ? r.pick(['No', 'No', 'No', 'Yes']) : undefined,
    contactDetails: {
      company: r.maybe(0.93, () => r.pick(companies)),
      country: r.pick(countries),
      region: r.pick(['EMEA', 'Americas', 'APAC']),
      technicalContact: contact(r),
      billingContact: r.maybe(0.6, () => contact(r)),
    },
    partnerDetails: r.maybe(0.2, () => ({ partnerName: r.pick(['Partner One', 'Solution Partner_2']), partnerType: 'Solution Partner' })),
  };
}

export function generateTransaction(r: Random, i: number) {
  const [addonKey, addonName] = r.pick(apps);
  const price = r.pick([0, 0, 10, 99.5, 250, 1200, -50]);
  return {
    transactionId: `IN-${r.int(100, 999)}-${i}`,
    transactionLineItemId: `li-${i}`,
    addonKey,
    addonName,
    lastUpdated: day(r, 2023, 2026),
    appEntitlementNumber: `E-${100000 + r.int(0, 5000)}`,
    customerDetails: { company: r.maybe(0.95, () => r.pick(companies)), country: r.pick(countries), region: r.pick(['EMEA', 'Americas', 'APAC']), technicalContact: contact(r) },
    purchaseDetails: {
      saleDate: day(r),
      saleType: r.pick(['New', 'Renewal', 'Upgrade', 'Refund']),
      hosting: r.pick(hostings),
      tier: r.pick(['10 Users', '50 Users', 'Unlimited']),
      purchasePrice: r.maybe(0.97, () => price),
      vendorAmount: r.maybe(0.97, () => Math.round(price * 0.85 * 100) / 100),
      licenseType: r.pick(['COMMERCIAL', 'ACADEMIC']),
    },
  };
}

export interface SeededSpace {
  dir: string;
  path: string;
  db: Db;
  close(): void;
}

/** A space database in a temp dir with seeded licences and transactions, written by the sync's writer. */
export function createSeededSpace(options: { licences: number; transactions: number; seed?: number }): SeededSpace {
  const dir = mkdtempSync(join(tmpdir(), 'mpdesk-query-'));
  const path = join(dir, 'space.sqlite');
  const db = openSpaceDatabase(path);
  const r = createRandom(options.seed ?? 42);
  seedRecords(db, 'licences', options.licences, (i) => generateLicence(r, i));
  seedRecords(db, 'transactions', options.transactions, (i) => generateTransaction(r, i));
  return {
    dir,
    path,
    db,
    close() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function seedRecords(db: Db, dataset: 'licences' | 'transactions', count: number, make: (i: number) => unknown, seenAt = '2026-03-01T00:00:00Z'): void {
  const write = createRecordWriter(db, recordDataset(dataset));
  const batch = 5000;
  for (let start = 0; start < count; start += batch) {
    const records = Array.from({ length: Math.min(batch, count - start) }, (_, j) => make(start + j));
    db.transaction(() => write(records, seenAt, null))();
  }
}
