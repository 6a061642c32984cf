/** Builds the API's transaction record (ENDPOINTS.md §9.1) from a transaction row. */
import { Sale } from '../data/plan';
import { hashInts, hashUnit } from '../data/random';
import type { World } from '../data/world';
import { appEditions, billingPeriods, countries, discountTypes, hostings, licenseTypes, parentEditions, parentProducts, paymentStatuses, saleTypes, tiers } from '../data/vocabulary';
import { renderText, Utf8Pool, type ByteWriter } from './byte-writer';
import { isErased } from './customer';
import { countryIndexOf, isFedramp, partnerBytes, writeCompany, writeContact, writeCountryFields } from './customer-bytes';
import { appFieldsBytes, writeEntitlementFields, type JsonRecord } from './licence';

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface Amounts {
  purchasePrice: number;
  vendorAmount: number;
  partnerDiscountAmount: number;
  discounts: { type: string; amount: number }[];
}

/**
 * Money of a line. Discount decisions hash (licence, the sale's day), so a refund reproduces
 * the sale it refunds and negates it. Aggregates call this too: revenue agrees everywhere.
 */
export function amountsOf(world: World, t: number): Amounts {
  const T = world.transactions;
  const licence = T.licence[t]!;
  const list = T.listPrice[t]!;
  const refund = T.saleType[t] === Sale.refund;
  const saleDay = refund ? T.refDay[t]! : T.saleDay[t]!;
  const h = hashInts(world.seed, 80, licence, saleDay);
  const discounts: { type: string; amount: number }[] = [];
  if (list > 0 && h % 9 === 0) discounts.push({ type: discountTypes[0], amount: round2(list * 0.15) });
  if (list > 0 && h % 13 === 1) discounts.push({ type: discountTypes[1], amount: round2(list * 0.1) });
  let discounted = list;
  for (const d of discounts) discounted -= d.amount;
  const afterDiscounts = round2(discounted);
  const partner = world.licences.partner[licence]!;
  const partnerDiscountAmount = partner ? round2(afterDiscounts * (partner % 2 === 0 ? 0.1 : 0.2)) : 0;
  const purchasePrice = round2(afterDiscounts - partnerDiscountAmount);
  const share = world.licences.hosting[licence] === 0 ? 0.85 : 0.75;
  // A silent rewrite corrects the vendor amount by a few cents per revision.
  const vendorAmount = Math.max(0, round2(purchasePrice * share - T.rev[t]! * 0.07));
  if (!refund) return { purchasePrice, vendorAmount, partnerDiscountAmount, discounts };
  return {
    purchasePrice: -purchasePrice,
    vendorAmount: -vendorAmount,
    partnerDiscountAmount: -partnerDiscountAmount,
    discounts: discounts.map((d) => ({ type: d.type, amount: -d.amount })),
  };
}

/** Invoice id: a refund shares the invoice of the sale it refunds, so `transactionId` repeats. */
export function invoiceOf(world: World, licence: number, saleDay: number): string {
  const h = hashInts(world.seed, 81, licence, saleDay);
  const eu = countries[countryIndexOf(world, world.licences.customer[licence]!)]!.region === 'EMEA';
  return `IN-${eu ? 'EU-' : ''}${digits3(h)}-${digits3(h >>> 10)}-${digits3(h >>> 20)}`;
}

/** Mostly paid; a hash of the line, so the `paymentStatus` filter and the record agree. */
export function paymentStatusIndex(world: World, t: number): number {
  const h = hashInts(world.seed, 84, t);
  return h % 20 < 17 ? 0 : h % 20 < 19 ? 1 : 2;
}

function digits3(x: number): string {
  return String(x % 1000).padStart(3, '0');
}

export function transactionIdOf(world: World, t: number): string {
  const T = world.transactions;
  return invoiceOf(world, T.licence[t]!, T.saleType[t] === Sale.refund ? T.refDay[t]! : T.saleDay[t]!);
}

/** The API's transaction record: the rendered text parsed (one definition of the record). */
export function buildTransaction(world: World, t: number): JsonRecord {
  return JSON.parse(renderTransaction(world, t)) as JsonRecord;
}

const parts = {
  appEditions: new Utf8Pool(appEditions),
  paymentStatuses: new Utf8Pool(paymentStatuses),
  licenseTypes: new Utf8Pool(licenseTypes),
  hostings: new Utf8Pool(hostings),
  billingPeriods: new Utf8Pool(billingPeriods),
  tiers: new Utf8Pool(tiers),
  parentProducts: new Utf8Pool(parentProducts),
  parentEditions: new Utf8Pool(parentEditions),
  saleTypes: new Utf8Pool(saleTypes),
};

/** The transaction record's JSON text (byte-writer.ts). */
export function renderTransaction(world: World, t: number): string {
  return renderText((w) => writeTransaction(w, world, t));
}

/** `IN-…` of invoiceOf, written without building it. */
export function writeInvoice(w: ByteWriter, world: World, licence: number, saleDay: number): void {
  const h = hashInts(world.seed, 81, licence, saleDay);
  w.ascii(countries[countryIndexOf(world, world.licences.customer[licence]!)]!.region === 'EMEA' ? 'IN-EU-' : 'IN-');
  w.padded(h % 1000, 3);
  w.byte(0x2d);
  w.padded((h >>> 10) % 1000, 3);
  w.byte(0x2d);
  w.padded((h >>> 20) % 1000, 3);
}

/** `"transactionId":"IN-…"` of a line (a refund shares its sale's invoice). */
export function writeTransactionId(w: ByteWriter, world: World, t: number): void {
  const T = world.transactions;
  writeInvoice(w, world, T.licence[t]!, T.saleType[t] === Sale.refund ? T.refDay[t]! : T.saleDay[t]!);
}

/** Writes the transaction record's JSON (ENDPOINTS.md §9.1) into `w`; the caller reserved room. */
export function writeTransaction(w: ByteWriter, world: World, t: number): void {
  const T = world.transactions;
  const L = world.licences;
  const seed = world.seed;
  const i = T.licence[t]!;
  const app = world.apps[L.app[i]!]!;
  const customer = L.customer[i]!;
  const erased = isErased(world, i);
  const wrap = hashUnit(seed, 82, t) < 0.15;
  const hosting = L.hosting[i]!;
  const cloud = hosting === 0;
  const amounts = amountsOf(world, t);
  const billing = T.billing[t]!;
  const oldBilling = T.oldBilling[t]!;
  const parentEdition = parts.parentEditions.bytes[L.parentEdition[i]!]!;
  const partner = L.partner[i]!;
  w.ascii('{"transactionId":"');
  writeTransactionId(w, world, t);
  w.ascii('",');
  w.bytes(appFieldsBytes(app));
  w.ascii(',"lastUpdated":"');
  w.day(T.lastUpdated[t]!);
  // ENDPOINTS.md §18.37: appEdition comes and goes; here only Cloud lines carry it.
  if (cloud) {
    w.ascii('","appEdition":"');
    w.bytes(parts.appEditions.bytes[L.edition[i]!]!);
  }
  w.ascii('","paymentStatus":"');
  w.bytes(parts.paymentStatuses.bytes[paymentStatusIndex(world, t)]!);
  w.ascii('","customerDetails":{"company":');
  writeCompany(w, seed, customer, L.rev[i]!, erased);
  w.byte(0x2c);
  writeCountryFields(w, world, customer);
  w.ascii(',"technicalContact":');
  writeContact(w, seed, customer, 0, erased, false, wrap);
  w.ascii(',"billingContact":');
  writeContact(w, seed, customer, 1, erased, false, wrap);
  w.ascii('},"purchaseDetails":{"saleDate":"');
  w.day(T.saleDay[t]!);
  w.ascii('","licenseType":"');
  w.bytes(parts.licenseTypes.bytes[L.kind[i] === 2 ? 2 + (i % 4) : 1]!);
  w.ascii('","hosting":"');
  w.bytes(parts.hostings.bytes[hosting]!);
  w.ascii(billingPeriods[billing] === billingPeriods[oldBilling] ? '","changeInBillingPeriod":"No","oldBillingPeriod":"' : '","changeInBillingPeriod":"Yes","oldBillingPeriod":"');
  w.bytes(parts.billingPeriods.bytes[oldBilling]!);
  w.ascii('","billingPeriod":"');
  w.bytes(parts.billingPeriods.bytes[billing]!);
  w.ascii(T.tier[t] === T.oldTier[t] ? '","changeInTier":"Not Applicable","oldTier":"' : '","changeInTier":"Yes","oldTier":"');
  w.bytes(parts.tiers.bytes[T.oldTier[t]!]!);
  w.ascii('","tier":"');
  w.bytes(parts.tiers.bytes[T.tier[t]!]!);
  w.ascii('","parentProductName":"');
  w.bytes(parts.parentProducts.bytes[app.parentProduct]!);
  w.ascii('","changeInParentProductEdition":"No","oldParentProductEdition":"');
  w.bytes(parentEdition);
  w.ascii('","parentProductEdition":"');
  w.bytes(parentEdition);
  w.ascii('","purchasePrice":');
  w.number(amounts.purchasePrice);
  w.ascii(',"vendorAmount":');
  w.number(amounts.vendorAmount);
  w.ascii(',"partnerDiscountAmount":');
  w.number(amounts.partnerDiscountAmount);
  w.ascii(',"discounts":[');
  amounts.discounts.forEach((d, k) => {
    w.ascii(k === 0 ? '{"type":' : ',{"type":');
    w.jsonString(d.type);
    w.ascii(',"amount":');
    w.number(d.amount);
    w.byte(0x7d);
  });
  w.ascii('],"saleType":"');
  w.bytes(parts.saleTypes.bytes[T.saleType[t]!]!);
  w.ascii('","maintenanceStartDate":"');
  w.day(T.maintStart[t]!);
  w.ascii('","maintenanceEndDate":"');
  w.day(T.maintEnd[t]!);
  w.ascii(cloud ? '","paymentTerms":"Pay on purchase"},' : '","paymentTerms":"Net30"},');
  if (partner) {
    w.ascii('"partnerDetails":');
    w.bytes(partnerBytes(partner, wrap));
    w.byte(0x2c);
  }
  writeEntitlementFields(w, seed, i, customer, hosting);
  if (cloud) {
    // ENDPOINTS.md §18.39: ids are not always UUIDs; one line in a hundred has a 9-char group.
    w.ascii(hashUnit(seed, 83, t) < 0.01 ? '"cloudId":"c' : '"cloudId":"');
    w.uuid(seed, 62, customer);
    w.ascii('",');
  }
  w.ascii('"transactionLineItemId":"');
  w.uuid(seed, 85, t);
  w.ascii(cloud && isFedramp(seed, customer) ? '","cloudComplianceBoundaries":["fedramp_moderate"]}' : '"}');
}
