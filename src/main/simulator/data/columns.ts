/**
 * Compact columnar tables. A million licences as JS objects would take gigabytes; as typed
 * columns they take ~50 MB, and each API record is rebuilt from its row on demand.
 */
type NumArray = Int32Array | Uint32Array | Uint8Array | Uint16Array | Float64Array;

function grown<T extends NumArray>(arr: T, capacity: number): T {
  const Ctor = arr.constructor as new (n: number) => T;
  const next = new Ctor(capacity);
  next.set(arr);
  return next;
}

export class LicenceTable {
  length = 0;
  app = new Uint8Array(0);
  hosting = new Uint8Array(0);
  customer = new Uint32Array(0);
  /** 0 = sold direct, otherwise 1 + index into partnerNames. */
  partner = new Uint8Array(0);
  /** How the licence came to be: see `LicenceKind` in plan.ts. */
  kind = new Uint8Array(0);
  edition = new Uint8Array(0);
  parentEdition = new Uint8Array(0);
  startDay = new Int32Array(0);
  // State as of the simulated "now", rewritten when the clock advances.
  licenseType = new Uint8Array(0);
  status = new Uint8Array(0);
  tier = new Uint8Array(0);
  billing = new Uint8Array(0);
  maintStart = new Int32Array(0);
  maintEnd = new Int32Array(0);
  /** Day the evaluation converted into a paid licence, or -1. */
  convertDay = new Int32Array(0);
  /** Day the licence lapsed or was cancelled, or -1 while it lives. */
  endDay = new Int32Array(0);
  lastUpdated = new Int32Array(0);
  /** First planned step after "now" (the clock advance only revisits licences due by then). */
  nextDay = new Int32Array(0);
  /** Silent-rewrite revision: changes record content without touching `lastUpdated`. */
  rev = new Uint8Array(0);

  add(): number {
    if (this.length === this.app.length) this.resize(Math.max(1024, this.length * 2));
    return this.length++;
  }

  private resize(capacity: number): void {
    this.app = grown(this.app, capacity);
    this.hosting = grown(this.hosting, capacity);
    this.customer = grown(this.customer, capacity);
    this.partner = grown(this.partner, capacity);
    this.kind = grown(this.kind, capacity);
    this.edition = grown(this.edition, capacity);
    this.parentEdition = grown(this.parentEdition, capacity);
    this.startDay = grown(this.startDay, capacity);
    this.licenseType = grown(this.licenseType, capacity);
    this.status = grown(this.status, capacity);
    this.tier = grown(this.tier, capacity);
    this.billing = grown(this.billing, capacity);
    this.maintStart = grown(this.maintStart, capacity);
    this.maintEnd = grown(this.maintEnd, capacity);
    this.convertDay = grown(this.convertDay, capacity);
    this.endDay = grown(this.endDay, capacity);
    this.lastUpdated = grown(this.lastUpdated, capacity);
    this.nextDay = grown(this.nextDay, capacity);
    this.rev = grown(this.rev, capacity);
  }
}

export class TransactionTable {
  length = 0;
  licence = new Uint32Array(0);
  saleDay = new Int32Array(0);
  /** Index into vocabulary `saleTypes`. */
  saleType = new Uint8Array(0);
  tier = new Uint8Array(0);
  oldTier = new Uint8Array(0);
  billing = new Uint8Array(0);
  oldBilling = new Uint8Array(0);
  maintStart = new Int32Array(0);
  maintEnd = new Int32Array(0);
  lastUpdated = new Int32Array(0);
  /** For a refund: the sale day of the line it refunds (they share the invoice); else -1. */
  refDay = new Int32Array(0);
  /** List price in USD before discounts (0 for free licence types). */
  listPrice = new Float64Array(0);
  rev = new Uint8Array(0);

  add(): number {
    if (this.length === this.licence.length) this.resize(Math.max(1024, this.length * 2));
    return this.length++;
  }

  /** Reorders every column by `order` (a permutation of 0..length-1). */
  permute(order: Uint32Array): void {
    const n = this.length;
    const apply = <T extends NumArray>(col: T): T => {
      const out = new (col.constructor as new (k: number) => T)(Math.max(n, 1024));
      for (let i = 0; i < n; i++) out[i] = col[order[i]!]!;
      return out;
    };
    this.licence = apply(this.licence);
    this.saleDay = apply(this.saleDay);
    this.saleType = apply(this.saleType);
    this.tier = apply(this.tier);
    this.oldTier = apply(this.oldTier);
    this.billing = apply(this.billing);
    this.oldBilling = apply(this.oldBilling);
    this.maintStart = apply(this.maintStart);
    this.maintEnd = apply(this.maintEnd);
    this.lastUpdated = apply(this.lastUpdated);
    this.refDay = apply(this.refDay);
    this.listPrice = apply(this.listPrice);
    this.rev = apply(this.rev);
  }

  private resize(capacity: number): void {
    this.licence = grown(this.licence, capacity);
    this.saleDay = grown(this.saleDay, capacity);
    this.saleType = grown(this.saleType, capacity);
    this.tier = grown(this.tier, capacity);
    this.oldTier = grown(this.oldTier, capacity);
    this.billing = grown(this.billing, capacity);
    this.oldBilling = grown(this.oldBilling, capacity);
    this.maintStart = grown(this.maintStart, capacity);
    this.maintEnd = grown(this.maintEnd, capacity);
    this.lastUpdated = grown(this.lastUpdated, capacity);
    this.refDay = grown(this.refDay, capacity);
    this.listPrice = grown(this.listPrice, capacity);
    this.rev = grown(this.rev, capacity);
  }
}
