/** Builds the API's transaction record (ENDPOINTS.md §9.1) from a transaction row. */
import { isoFromDay } from '../data/dates';
import { Sale } from '../data/plan';
import { hashInts, hashUnit, uuidFrom } from '../data/random';
import type { World } from '../data/world';
import { appEditions, billingPeriods, discountTypes, hostings, licenseTypes, parentEditions, parentProducts, paymentStatuses, saleTypes, tiers } from '../data/vocabulary';
import { contactsOf, customerInfo, mailto, partnerJson } from './customer';
import { jsonNumber, jsonPool, jsonString } from './json-text';
import { appFieldsJson, countryJson, entitlementIdOf, entitlementNumberOf, hostIdOf, hostNumberOf, type JsonRecord } from './licence';

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
  const eu = customerInfo(world, world.licences.customer[licence]!).country.region === 'EMEA';
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

const json = {
  appEditions: jsonPool(appEditions),
  paymentStatuses: jsonPool(paymentStatuses),
  licenseTypes: jsonPool(licenseTypes),
  hostings: jsonPool(hostings),
  billingPeriods: jsonPool(billingPeriods),
  tiers: jsonPool(tiers),
  parentProducts: jsonPool(parentProducts),
  parentEditions: jsonPool(parentEditions),
  saleTypes: jsonPool(saleTypes),
  discountTypes: jsonPool(discountTypes),
};

function discountsJson(discounts: Amounts['discounts']): string {
  if (discounts.length === 0) return '[]';
  return `[${discounts.map((d) => `{"type":${jsonString(d.type)},"amount":${jsonNumber(d.amount)}}`).join(',')}]`;
}

/** The transaction record's JSON text, written straight from pre-escaped pieces (json-text.ts). */
export function renderTransaction(world: World, t: number): string {
  const T = world.transactions;
  const L = world.licences;
  const i = T.licence[t]!;
  const app = world.apps[L.app[i]!]!;
  const info = customerInfo(world, L.customer[i]!);
  const contacts = contactsOf(world, i, info);
  const wrap = hashUnit(world.seed, 82, t) < 0.15;
  const hosting = L.hosting[i]!;
  const cloud = hosting === 0;
  const amounts = amountsOf(world, t);
  const odd = hashUnit(world.seed, 83, t) < 0.01;
  const billing = T.billing[t]!;
  const oldBilling = T.oldBilling[t]!;
  const parentEdition = json.parentEditions[L.parentEdition[i]!];
  const partner = L.partner[i]!;
  return (
    `{"transactionId":"${transactionIdOf(world, t)}",${appFieldsJson(app)},"lastUpdated":"${isoFromDay(T.lastUpdated[t]!)}",` +
    // ENDPOINTS.md §18.37: appEdition comes and goes; here only Cloud lines carry it.
    (cloud ? `"appEdition":${json.appEditions[L.edition[i]!]},` : '') +
    `"paymentStatus":${json.paymentStatuses[paymentStatusIndex(world, t)]},` +
    `"customerDetails":{"company":${jsonString(contacts.company)},${countryJson(info.country)},` +
    `"technicalContact":{"email":${jsonString(mailto(contacts.tech.email, wrap))},"name":${jsonString(contacts.tech.name)}},` +
    `"billingContact":{"email":${jsonString(mailto(contacts.billing.email, wrap))},"name":${jsonString(contacts.billing.name)}}},` +
    `"purchaseDetails":{"saleDate":"${isoFromDay(T.saleDay[t]!)}","licenseType":${json.licenseTypes[L.kind[i] === 2 ? 2 + (i % 4) : 1]},"hosting":${json.hostings[hosting]},` +
    `"changeInBillingPeriod":"${billingPeriods[billing] === billingPeriods[oldBilling] ? 'No' : 'Yes'}","oldBillingPeriod":${json.billingPeriods[oldBilling]},"billingPeriod":${json.billingPeriods[billing]},` +
    `"changeInTier":"${T.tier[t] === T.oldTier[t] ? 'Not Applicable' : 'Yes'}","oldTier":${json.tiers[T.oldTier[t]!]},"tier":${json.tiers[T.tier[t]!]},` +
    `"parentProductName":${json.parentProducts[app.parentProduct]},"changeInParentProductEdition":"No","oldParentProductEdition":${parentEdition},"parentProductEdition":${parentEdition},` +
    `"purchasePrice":${jsonNumber(amounts.purchasePrice)},"vendorAmount":${jsonNumber(amounts.vendorAmount)},"partnerDiscountAmount":${jsonNumber(amounts.partnerDiscountAmount)},` +
    `"discounts":${discountsJson(amounts.discounts)},"saleType":${json.saleTypes[T.saleType[t]!]},` +
    `"maintenanceStartDate":"${isoFromDay(T.maintStart[t]!)}","maintenanceEndDate":"${isoFromDay(T.maintEnd[t]!)}","paymentTerms":"${cloud ? 'Pay on purchase' : 'Net30'}"},` +
    (partner ? `"partnerDetails":${partnerJson(partner, wrap)},` : '') +
    `"appEntitlementId":"${entitlementIdOf(world, i)}","appEntitlementNumber":"${entitlementNumberOf(world, i)}",` +
    `"hostEntitlementId":"${hostIdOf(world, info, hosting)}","hostEntitlementNumber":"${hostNumberOf(world, info, hosting)}",` +
    // ENDPOINTS.md §18.39: ids are not always UUIDs; one line in a hundred has a 9-char group.
    (cloud ? `"cloudId":"${odd ? 'c' : ''}${info.cloudId}",` : '') +
    `"transactionLineItemId":"${uuidFrom(world.seed, 85, t)}"` +
    (cloud && info.fedramp ? ',"cloudComplianceBoundaries":["fedramp_moderate"]}' : '}')
  );
}
