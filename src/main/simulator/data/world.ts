/**
 * The generated vendor: apps, licence lives and the transactions they produced, as of a
 * simulated clock. History generation and the clock advance run the same step logic, so a
 * record created by `advance` looks exactly like one generated up front.
 */
import { generateApps, type SimApp } from './apps';
import { LicenceTable, TransactionTable } from './columns';
import { dayFromIso } from './dates';
import { LicenceKind, planLicence, Sale, StepKind, type Step } from './plan';
import { Random, hashUnit } from './random';
import type { ScaleSpec } from './scale';
import { licenseTypes, partnerNames, tierSeats } from './vocabulary';

/** Atlassian stopped selling new Server licences in February 2024. */
const serverEndOfSale = dayFromIso('2024-02-15');

export interface SilentRewrite {
  readonly dataset: 'licences' | 'transactions';
  readonly index: number;
  readonly day: number;
}

export class World {
  readonly apps: SimApp[];
  readonly licences = new LicenceTable();
  readonly transactions = new TransactionTable();
  readonly customers: number;
  readonly firstDay: number;
  now: number;
  /** Bumped on every change; caches key on it. */
  version = 0;
  readonly rewrites: SilentRewrite[] = [];
  private readonly appWeights: number[];

  constructor(
    readonly seed: number,
    readonly scale: ScaleSpec,
    nowIso: string,
  ) {
    this.apps = generateApps(seed, scale.apps);
    this.appWeights = this.apps.map((a) => a.weight);
    this.now = dayFromIso(nowIso);
    this.firstDay = this.now - scale.historyDays;
    this.customers = Math.max(40, Math.round(scale.licences / 3));
    this.generateHistory();
  }

  private generateHistory(): void {
    const n = this.scale.licences;
    for (let i = 0; i < n; i++) {
      // Density grows linearly over the history, like a vendor whose sales grow.
      const startDay = this.firstDay + Math.floor(this.scale.historyDays * Math.sqrt((i + 0.5) / n));
      this.createLicence(Math.min(startDay, this.now));
    }
    this.sortTransactionsByDay();
  }

  /** Counting sort by sale day: stable, so lines of one day keep licence order. */
  private sortTransactionsByDay(): void {
    const tx = this.transactions;
    const span = this.now - this.firstDay + 2;
    const counts = new Uint32Array(span + 1);
    for (let t = 0; t < tx.length; t++) counts[tx.saleDay[t]! - this.firstDay + 1]!++;
    for (let d = 1; d <= span; d++) counts[d]! += counts[d - 1]!;
    const order = new Uint32Array(tx.length);
    for (let t = 0; t < tx.length; t++) order[counts[tx.saleDay[t]! - this.firstDay]!++] = t;
    tx.permute(order);
  }

  private createLicence(startDay: number): number {
    const L = this.licences;
    const i = L.add();
    const rng = new Random(this.seed, 1, i);
    const app = this.apps[rng.weighted(this.appWeights)]!;
    const hostingWeights = [6, 3, startDay < serverEndOfSale ? 1.5 : 0].map((w, h) => (app.hostings.includes(h) ? w : 0));
    const hosting = rng.weighted(hostingWeights);
    L.app[i] = app.index;
    L.hosting[i] = hosting;
    L.customer[i] = rng.int(0, this.customers - 1);
    L.partner[i] = rng.chance(0.12) ? 1 + rng.int(0, partnerNames.length - 1) : 0;
    const r = rng.next();
    L.kind[i] =
      hosting === 0 && app.freeStarterTier && r < 0.08
        ? LicenceKind.starter
        : r < (hosting === 0 ? 0.86 : 0.7)
          ? LicenceKind.evaluation
          : r < 0.92
            ? LicenceKind.direct
            : LicenceKind.freeType;
    L.edition[i] = hosting === 0 && rng.chance(0.2) ? 1 : 0;
    L.parentEdition[i] = hosting === 0 ? rng.weighted([2, 10, 5, 1]) : 3;
    L.startDay[i] = startDay;
    L.convertDay[i] = -1;
    L.endDay[i] = -1;
    L.nextDay[i] = startDay;
    this.applyDueSteps(i, this.now);
    return i;
  }

  private plan(i: number): Step[] {
    const L = this.licences;
    return planLicence({ seed: this.seed, index: i, kind: L.kind[i]!, hosting: L.hosting[i]!, startDay: L.startDay[i]! });
  }

  /** Applies the steps of licence i that fall in [nextDay, upTo]. */
  private applyDueSteps(i: number, upTo: number): boolean {
    const L = this.licences;
    const from = L.nextDay[i]!;
    if (from > upTo) return false;
    let next = 0x7fffffff;
    for (const s of this.plan(i)) {
      if (s.day < from) continue;
      if (s.day > upTo) {
        next = s.day;
        break;
      }
      this.applyStep(i, s);
    }
    L.nextDay[i] = next;
    return true;
  }

  private applyStep(i: number, s: Step): void {
    const L = this.licences;
    L.lastUpdated[i] = s.day;
    switch (s.kind) {
      case StepKind.evalStart:
        L.licenseType[i] = 0;
        L.status[i] = 0;
        L.tier[i] = 0;
        L.maintStart[i] = s.day;
        L.maintEnd[i] = s.day + 30;
        return;
      case StepKind.starterStart:
        L.licenseType[i] = licenseTypes.indexOf('FREE');
        L.status[i] = 0;
        L.tier[i] = s.tier;
        L.maintStart[i] = s.day;
        L.maintEnd[i] = s.day + 3650;
        return;
      case StepKind.lapse:
        L.status[i] = 1;
        L.endDay[i] = s.day;
        return;
      case StepKind.cancel:
        L.status[i] = L.hosting[i] === 0 ? 2 : 1;
        L.endDay[i] = s.day;
        return;
      case StepKind.sale:
        L.licenseType[i] = L.kind[i] === LicenceKind.freeType ? 2 + (i % 4) : 1;
        L.status[i] = 0;
        L.tier[i] = s.tier;
        L.billing[i] = s.billing;
        L.maintStart[i] = s.day;
        L.maintEnd[i] = s.periodEnd;
        if (s.convert) L.convertDay[i] = s.day;
        this.addTransaction(i, s);
        return;
      case StepKind.refund:
        this.addTransaction(i, s);
        return;
    }
  }

  private addTransaction(i: number, s: Step): void {
    const T = this.transactions;
    const t = T.add();
    T.licence[t] = i;
    T.saleDay[t] = s.day;
    T.saleType[t] = s.saleType;
    T.tier[t] = s.tier;
    T.oldTier[t] = s.oldTier;
    T.billing[t] = s.billing;
    T.oldBilling[t] = s.oldBilling;
    T.maintStart[t] = s.saleType === Sale.refund ? s.refDay : s.day;
    T.maintEnd[t] = s.periodEnd;
    T.lastUpdated[t] = s.day;
    T.refDay[t] = s.refDay;
    T.rev[t] = 0;
    const L = this.licences;
    if (L.kind[i] === LicenceKind.freeType) {
      T.listPrice[t] = 0;
      return;
    }
    const app = this.apps[L.app[i]!]!;
    const seats = tierSeats[s.tier]!;
    const monthly = app.seatPrice * Math.pow(seats, 0.82) * (L.hosting[i] === 0 ? 1 : 0.8);
    T.listPrice[t] = Math.round(monthly * (s.billing === 0 ? 1 : 10) * 100) / 100;
  }

  /**
   * Moves the clock forward: new evaluations arrive, lives move on (sales, renewals,
   * cancellations, each bumping `lastUpdated`), and now and then an old record is rewritten
   * WITHOUT a bump, as Atlassian does (LIVE-API-NOTES: back-filled history).
   */
  advance(days: number): void {
    if (days <= 0) return;
    const L = this.licences;
    const target = this.now + days;
    // The history's density grows linearly, ending at 2n/days a day; arrivals keep that pace, and
    // do not depend on how the advance is chunked (5 + 15 days equals 20 days).
    const perDay = Math.max(0.5, (2 * this.scale.licences) / this.scale.historyDays);
    const existing = L.length;
    for (let day = this.now + 1; day <= target; day++) {
      // Lives move on before the day's new evaluations arrive.
      for (let i = 0; i < existing; i++) if (L.nextDay[i]! <= day) this.applyDueSteps(i, day);
      for (let i = existing; i < L.length; i++) if (L.nextDay[i]! <= day) this.applyDueSteps(i, day);
      const rng = new Random(this.seed, 3, day);
      const arrivals = Math.floor(perDay) + (rng.chance(perDay % 1) ? 1 : 0);
      this.now = day;
      for (let k = 0; k < arrivals; k++) this.createLicence(day);
      if (rng.chance(0.5)) this.rewriteSilently(rng);
    }
    this.now = target;
    this.version++;
  }

  /** Changes an old licence or transaction without bumping its `lastUpdated`. */
  rewriteSilently(rng: Random = new Random(this.seed, 4, this.now + this.rewrites.length)): SilentRewrite | null {
    const onLicence = rng.chance(0.5) || this.transactions.length === 0;
    const table = onLicence ? this.licences : this.transactions;
    for (let attempt = 0; attempt < 20; attempt++) {
      const index = rng.int(0, table.length - 1);
      if (table.lastUpdated[index]! > this.now - 30 || table.rev[index]! >= 250) continue;
      table.rev[index]!++;
      const rewrite: SilentRewrite = { dataset: onLicence ? 'licences' : 'transactions', index, day: this.now };
      this.rewrites.push(rewrite);
      this.version++;
      return rewrite;
    }
    return null;
  }

  /** Decides per record whether an optional derived record exists (feedback, attribution). */
  has(stream: number, index: number, p: number): boolean {
    return hashUnit(this.seed, stream, index) < p;
  }
}
