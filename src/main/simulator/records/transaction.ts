/** Builds the API's transaction record (ENDPOINTS.md §9.1) from a transaction row. */
import { isoFromDay } from '../data/dates';
import { Sale } from '../data/plan';
import { hashInts, hashUnit, uuidFrom } from '../data/random';
import type { World } from '../data/world';
import { appEditions, billingPeriods, discountTypes, hostings, licenseTypes, parentEditions, parentProducts, paymentStatuses, saleTypes, tiers } from '../data/vocabulary';
import { contactsOf, customerInfo, partnerOf } from './customer';
import { entitlementIdOf, entitlementNumberOf, hostIdOf, hostNumberOf, type JsonRecord } from './licence';

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

/** ENDPOINTS.md §18.38: some transactions carry Markdown mailto artefacts in e-mails. */
function mailto(email: string, wrap: boolean): string {
  return wrap && email !== 'RTBF' ? `[${email}](mailto:${email})` : email;
}

export function buildTransaction(world: World, t: number): JsonRecord {
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
  const billing = billingPeriods[T.billing[t]!];
  const oldBilling = billingPeriods[T.oldBilling[t]!];
  const parentEdition = parentEditions[L.parentEdition[i]!];
  const partner = partnerOf(L.partner[i]!);
  // One literal with a fixed key order (cheap to build and stringify); `undefined` fields are
  // left out by JSON.stringify.
  return {
    transactionId: transactionIdOf(world, t),
    addonKey: app.addonKey,
    productId: app.productId,
    addonName: app.name,
    lastUpdated: isoFromDay(T.lastUpdated[t]!),
    // ENDPOINTS.md §18.37: appEdition comes and goes; here only Cloud lines carry it.
    appEdition: cloud ? appEditions[L.edition[i]!] : undefined,
    paymentStatus: paymentStatuses[paymentStatusIndex(world, t)],
    customerDetails: {
      company: contacts.company,
      country: info.country.name,
      region: info.country.region,
      technicalContact: { email: mailto(contacts.tech.email, wrap), name: contacts.tech.name },
      billingContact: { email: mailto(contacts.billing.email, wrap), name: contacts.billing.name },
    },
    purchaseDetails: {
      saleDate: isoFromDay(T.saleDay[t]!),
      licenseType: licenseTypes[L.kind[i] === 2 ? 2 + (i % 4) : 1],
      hosting: hostings[hosting],
      changeInBillingPeriod: billing === oldBilling ? 'No' : 'Yes',
      oldBillingPeriod: oldBilling,
      billingPeriod: billing,
      changeInTier: T.tier[t] === T.oldTier[t] ? 'Not Applicable' : 'Yes',
      oldTier: tiers[T.oldTier[t]!],
      tier: tiers[T.tier[t]!],
      parentProductName: parentProducts[app.parentProduct],
      changeInParentProductEdition: 'No',
      oldParentProductEdition: parentEdition,
      parentProductEdition: parentEdition,
      purchasePrice: amounts.purchasePrice,
      vendorAmount: amounts.vendorAmount,
      partnerDiscountAmount: amounts.partnerDiscountAmount,
      discounts: amounts.discounts,
      saleType: saleTypes[T.saleType[t]!],
      maintenanceStartDate: isoFromDay(T.maintStart[t]!),
      maintenanceEndDate: isoFromDay(T.maintEnd[t]!),
      paymentTerms: cloud ? 'Pay on purchase' : 'Net30',
    },
    partnerDetails: partner
      ? wrap
        ? { ...partner, billingContact: { email: mailto(partner.billingContact.email, true), name: partner.billingContact.name } }
        : partner
      : undefined,
    appEntitlementId: entitlementIdOf(world, i),
    appEntitlementNumber: entitlementNumberOf(world, i),
    hostEntitlementId: hostIdOf(world, info, hosting),
    hostEntitlementNumber: hostNumberOf(world, info, hosting),
    // ENDPOINTS.md §18.39: ids are not always UUIDs; one line in a hundred has a 9-char group.
    cloudId: cloud ? (odd ? `c${info.cloudId}` : info.cloudId) : undefined,
    transactionLineItemId: uuidFrom(world.seed, 85, t),
    cloudComplianceBoundaries: cloud && info.fedramp ? ['fedramp_moderate'] : undefined,
  };
}
