/**
 * A small random space for the incremental-refresh tests: entitlements with sales, renewals,
 * upgrades, refunds, $0 sales and partner discounts, licences with evaluations linked to them,
 * and the kinds of change a sync brings (new sales, refunds, upgrades, cancellations, silent
 * rewrites of past records, records gone and back), all written through the record writer.
 */
import { recordDataset } from '../../../src/shared/catalogue';
import type { Db } from '../../../src/main/store';
import { createRecordWriter } from '../../../src/main/store/record-writer';

/** mulberry32: a seeded generator, so a failing seed can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const apps = ['com.example.a', 'com.example.b', 'com.example.c'];
const hostings = ['Cloud', 'Data Center', 'Server'];
const day = (base: string, plus: number) => new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);

type Json = Record<string, unknown>;

export class RandomSpace {
  readonly transactions = new Map<string, Json>();
  readonly licences = new Map<string, Json>();
  private next = 0;
  private readonly pick = <T>(list: readonly T[]): T => list[Math.floor(this.random() * list.length)]!;

  constructor(
    private readonly db: Db,
    private readonly random: () => number,
  ) {}

  private sale(ent: string, app: string, hosting: string, type: string, saleDate: string, months: number, amount: number): Json {
    const id = ++this.next;
    return {
      transactionId: `IN-${id}`,
      transactionLineItemId: `L${id}`,
      addonKey: app,
      addonName: app.toUpperCase(),
      appEntitlementId: this.random() < 0.1 ? undefined : ent,
      appEntitlementNumber: `${ent}-N`,
      lastUpdated: saleDate,
      purchaseDetails: {
        saleDate,
        saleType: type,
        hosting,
        vendorAmount: amount,
        purchasePrice: Math.abs(amount) * 1.25,
        partnerDiscountAmount: this.random() < 0.2 ? 10 : 0,
        maintenanceStartDate: saleDate,
        maintenanceEndDate: months > 0 ? day(saleDate, Math.round(months * 30.4)) : undefined,
      },
    };
  }

  private licence(ent: string, app: string, hosting: string, type: string, start: string, end: string | undefined, evalStart?: string, evalLicense?: string): Json {
    return {
      appEntitlementId: ent,
      appEntitlementNumber: `${ent}-N`,
      addonKey: app,
      addonName: app.toUpperCase(),
      hosting,
      licenseType: type,
      appEdition: this.pick(['Standard', 'Advanced', undefined]),
      maintenanceStartDate: start,
      maintenanceEndDate: end,
      status: 'active',
      lastUpdated: start,
      evaluationStartDate: evalStart,
      evaluationLicense: evalLicense ?? 'NA',
    };
  }

  /** A new customer: an evaluation, often a first sale with renewals or an upgrade, sometimes a refund. */
  addCustomer(from: string): void {
    const ent = `E${++this.next}`;
    const app = this.pick(apps);
    const hosting = this.pick(hostings);
    const evalStart = day(from, Math.floor(this.random() * 200));
    const evaluation = `EV${this.next}`;
    this.put('licences', this.licence(evaluation, app, hosting, 'EVALUATION', evalStart, day(evalStart, 30), evalStart));
    if (this.random() < 0.3) return;
    let saleDate = day(evalStart, Math.floor(this.random() * 40));
    const months = this.pick([1, 12, 12, 36]);
    const amount = this.pick([0, 100, 1200, 333.33, 49.99]);
    this.put('transactions', this.sale(ent, app, hosting, 'New', saleDate, months, amount));
    this.put('licences', this.licence(ent, app, hosting, 'COMMERCIAL', saleDate, day(saleDate, months * 30), undefined, evaluation));
    for (let i = 0; i < 3 && this.random() < 0.5; i++) {
      saleDate = day(saleDate, Math.round(months * 30.4));
      this.put('transactions', this.sale(ent, app, hosting, 'Renewal', saleDate, months, amount * (1 + i / 10)));
    }
    if (this.random() < 0.2) this.put('transactions', this.sale(ent, app, hosting, 'Upgrade', day(saleDate, 20), months, amount + 500));
    if (this.random() < 0.15) this.put('transactions', this.sale(ent, app, hosting, 'Refund', day(saleDate, 5), months, -amount / 2));
  }

  /** One day of changes, as a sync would bring them. */
  change(on: string): void {
    const txKeys = [...this.transactions.keys()];
    const licKeys = [...this.licences.keys()];
    for (let i = 0; i < 3; i++) this.addCustomer(day(on, -150));
    for (let i = 0; i < 4; i++) {
      const t = structuredClone(this.transactions.get(this.pick(txKeys))!);
      const p = t.purchaseDetails as Json;
      const what = this.pick(['amount', 'end', 'hosting', 'date', 'move', 'app', 'refund', 'upgrade', 'type']);
      if (what === 'amount') p.vendorAmount = Math.round(this.random() * 200000) / 100;
      else if (what === 'end') p.maintenanceEndDate = day(String(p.maintenanceStartDate), Math.floor(this.random() * 400) + 1);
      else if (what === 'hosting') p.hosting = this.pick(hostings);
      else if (what === 'date') p.saleDate = day(String(p.saleDate), Math.floor(this.random() * 60) - 30);
      else if (what === 'move') t.appEntitlementId = `E${Math.floor(this.random() * this.next)}`;
      else if (what === 'app') t.addonKey = this.pick(apps);
      else if (what === 'type') p.saleType = this.pick(['New', 'Renewal', 'Upgrade', 'Refund']);
      if (what === 'refund' || what === 'upgrade') {
        const amount = Number(p.vendorAmount);
        const ent = String(t.appEntitlementId ?? t.appEntitlementNumber).replace(/-N$/, '');
        const kind = what === 'refund' ? 'Refund' : 'Upgrade';
        this.put('transactions', this.sale(ent, String(t.addonKey), String(p.hosting), kind, on, 12, what === 'refund' ? -amount : amount + 250));
      } else {
        this.put('transactions', t);
        // Changed twice before the next refresh: the refresh must take out what it counted, the first old value.
        if (this.random() < 0.4) this.put('transactions', { ...t, appEntitlementId: t.appEntitlementId, purchaseDetails: { ...p, vendorAmount: Number(p.vendorAmount) + 1, hosting: this.pick(hostings) } });
      }
    }
    for (let i = 0; i < 3; i++) {
      const l = structuredClone(this.licences.get(this.pick(licKeys))!);
      const what = this.pick(['cancel', 'type', 'edition', 'eval', 'link']);
      if (what === 'cancel') Object.assign(l, { status: 'cancelled', maintenanceEndDate: on });
      else if (what === 'type') l.licenseType = this.pick(['COMMERCIAL', 'EVALUATION', 'ACADEMIC']);
      else if (what === 'edition') l.appEdition = this.pick(['Standard', 'Advanced', 'Enterprise']);
      else if (what === 'eval') l.evaluationStartDate = day(on, -Math.floor(this.random() * 90));
      else l.evaluationLicense = `EV${Math.floor(this.random() * this.next)}`;
      this.put('licences', l);
      if (this.random() < 0.4) this.put('licences', { ...l, appEdition: this.pick(['Standard', 'Enterprise']), maintenanceStartDate: on });
    }
  }

  /** Records the API stopped returning (the sync marks them gone), and earlier gone ones that came back. */
  goneAndBack(on: string): void {
    for (const table of ['transactions', 'licences'] as const) {
      const back = this.db.prepare(`SELECT _raw FROM ${table} WHERE _gone_since IS NOT NULL ORDER BY random() LIMIT 1`).pluck().get() as string | undefined;
      if (back) this.put(table, JSON.parse(back) as Json);
      this.db.prepare(`UPDATE ${table} SET _gone_since = ? WHERE _rowid IN (SELECT _rowid FROM ${table} WHERE _gone_since IS NULL ORDER BY random() LIMIT 2)`).run(`${on}T00:00:00.000Z`);
    }
  }

  private pending: { table: 'transactions' | 'licences'; record: Json }[] = [];

  private put(table: 'transactions' | 'licences', record: Json): void {
    const key = String(table === 'transactions' ? record.transactionLineItemId : record.appEntitlementId);
    this[table].set(key, record);
    this.pending.push({ table, record });
  }

  /** Writes what was put since the last write, as one sync run started at `seenAt`. */
  write(seenAt: string): void {
    const writers = { transactions: createRecordWriter(this.db, recordDataset('transactions')), licences: createRecordWriter(this.db, recordDataset('licences')) };
    const runId = Number(this.db.prepare("INSERT INTO sync_runs (mode, started_at, finished_at, status) VALUES ('incremental', ?, ?, 'ok')").run(seenAt, seenAt).lastInsertRowid);
    this.db.transaction(() => {
      for (const { table, record } of this.pending) writers[table]([record], seenAt, runId);
    })();
    this.pending = [];
  }
}
