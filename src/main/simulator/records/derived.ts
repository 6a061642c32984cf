/**
 * Records derived from licence lives: churn / conversion / renewal events (Cloud only, like the
 * API's "Cloud license events"), feedback, marketing attribution and free starter tier.
 */
import { dayFromIso, isoFromDay } from '../data/dates';
import { LicenceKind, Sale } from '../data/plan';
import { hashInts, hashUnit } from '../data/random';
import type { World } from '../data/world';
import { appEditions, applicationKeys, feedbackMessages, feedbackReasons, feedbackTypes, hostings } from '../data/vocabulary';
import { cloudIdOfCustomer, companyOfCustomer, countryOfCustomer, isErased, siteOfCustomer } from './customer';
import { entitlementIdOf, entitlementNumberOf, type JsonRecord } from './licence';
import { invoiceOf, transactionIdOf } from './transaction';

export type SaleMetric = 'churn' | 'conversion' | 'renewal';

/** Is transaction t a conversion (Cloud evaluation's first sale) or renewal event? */
export function isConversionTx(world: World, t: number): boolean {
  const T = world.transactions;
  const i = T.licence[t]!;
  return T.saleType[t] === Sale.new && world.licences.hosting[i] === 0 && world.licences.kind[i] === LicenceKind.evaluation;
}

export function isRenewalTx(world: World, t: number): boolean {
  const T = world.transactions;
  const s = T.saleType[t]!;
  return (s === Sale.renewal || s === Sale.upgrade) && world.licences.hosting[T.licence[t]!] === 0;
}

/** A Cloud paying customer that stopped paying: cancelled after at least one sale. */
export function isChurnedLicence(world: World, i: number): boolean {
  const L = world.licences;
  return L.hosting[i] === 0 && L.status[i] === 2 && (L.kind[i] === LicenceKind.direct || L.convertDay[i]! >= 0);
}

function monthsValid(billing: number): number {
  return billing === 0 ? 1 : 12;
}

export function buildConversionOrRenewal(world: World, t: number): JsonRecord {
  const T = world.transactions;
  const i = T.licence[t]!;
  const app = world.apps[world.licences.app[i]!]!;
  return {
    addonKey: app.addonKey,
    productId: app.productId,
    addonName: app.name,
    hosting: hostings[0],
    lastUpdated: isoFromDay(T.lastUpdated[t]!),
    eventDate: isoFromDay(T.saleDay[t]!),
    transactionId: transactionIdOf(world, t),
    licenseDetails: {
      appEntitlementId: entitlementIdOf(world, i),
      appEntitlementNumber: entitlementNumberOf(world, i),
      cloudId: cloudIdOfCustomer(world.seed, world.licences.customer[i]!),
      maintenanceStartDate: isoFromDay(T.maintStart[t]!),
      maintenanceEndDate: isoFromDay(T.maintEnd[t]!),
      monthsValid: monthsValid(T.billing[t]!),
    },
  };
}

/** ENDPOINTS.md §18.33: churn events have `licenseDetails: null` and the fields flattened. */
export function buildChurn(world: World, i: number): JsonRecord {
  const L = world.licences;
  const app = world.apps[L.app[i]!]!;
  return {
    addonKey: app.addonKey,
    productId: app.productId,
    addonName: app.name,
    hosting: hostings[0],
    appEdition: appEditions[L.edition[i]!],
    lastUpdated: isoFromDay(L.lastUpdated[i]!),
    eventDate: isoFromDay(L.endDay[i]!),
    transactionId: invoiceOf(world, i, L.maintStart[i]!),
    licenseDetails: null,
    appEntitlementId: entitlementIdOf(world, i),
    appEntitlementNumber: entitlementNumberOf(world, i),
    cloudId: cloudIdOfCustomer(world.seed, L.customer[i]!),
    maintenanceStartDate: isoFromDay(L.maintStart[i]!),
    maintenanceEndDate: isoFromDay(L.maintEnd[i]!),
    monthsValid: monthsValid(L.billing[i]!),
  };
}

/**
 * LIVE-API-NOTES: responses say `Data Center` "and sometimes `Data center`": half the Data Center
 * feedback records spell it that way, so a client must normalise before comparing.
 */
function hostingLabel(world: World, i: number): string {
  const h = world.licences.hosting[i]!;
  return h === 1 && hashInts(world.seed, 97, i) % 2 === 0 ? 'Data center' : hostings[h]!;
}

/** About a third of the licences that ended leave feedback, dated the day they ended. */
export function hasFeedback(world: World, i: number): boolean {
  return world.licences.endDay[i]! >= 0 && world.has(90, i, 0.35);
}

export function feedbackTypeOf(world: World, i: number): number {
  return hashInts(world.seed, 91, i) % feedbackTypes.length;
}

export function feedbackReasonOf(world: World, i: number): number {
  return hashInts(world.seed, 92, i) % feedbackReasons.length;
}

/** Anonymous feedback has no message. */
export function isAnonymousFeedback(world: World, i: number): boolean {
  return hashInts(world.seed, 93, i) % feedbackMessages.length < 2;
}

export function buildFeedback(world: World, i: number): JsonRecord {
  const L = world.licences;
  const app = world.apps[L.app[i]!]!;
  const reason = feedbackReasons[feedbackReasonOf(world, i)]!;
  const h = hashInts(world.seed, 93, i);
  return {
    addonKey: app.addonKey,
    productId: app.productId,
    addonVersion: `${1 + (h % 4)}.${(h >>> 4) % 12}.${(h >>> 8) % 5}`,
    applicationKey: applicationKeys[app.parentProduct],
    hosting: hostingLabel(world, i),
    appEdition: appEditions[L.edition[i]!],
    date: isoFromDay(L.endDay[i]!),
    feedbackType: feedbackTypes[feedbackTypeOf(world, i)],
    reasonKey: reason.key,
    reason: reason.text,
    message: feedbackMessages[h % feedbackMessages.length],
    appEntitlementId: entitlementIdOf(world, i),
    appEntitlementNumber: entitlementNumberOf(world, i),
    cloudId: cloudIdOfCustomer(world.seed, L.customer[i]!),
  };
}

/** LIVE-API-NOTES: attribution exists from July 2018 and arrives ~3 days after a trial starts. */
const attributionFrom = dayFromIso('2018-07-01');

export function hasAttribution(world: World, i: number): boolean {
  const L = world.licences;
  const start = L.startDay[i]!;
  return L.kind[i] === LicenceKind.evaluation && start >= attributionFrom && start + 3 <= world.now && world.has(94, i, 0.7);
}

const channels = ['Organic search', 'Paid search', 'Marketplace search', 'Direct', 'Referral', 'Email', 'Social'];
const referrers = ['google.com', 'marketplace.atlassian.com', 'bing.com', 'community.atlassian.com', 'linkedin.com', ''];
const campaigns = ['', '', 'spring-sale', 'jira-webinar', 'retargeting-q3', 'partner-newsletter'];

/** Marketing attribution: invented fields, exactly records.ts `marketingAttribution`. */
export function buildAttribution(world: World, i: number): JsonRecord {
  const L = world.licences;
  const app = world.apps[L.app[i]!]!;
  const h = hashInts(world.seed, 95, i);
  const country = countryOfCustomer(world.seed, L.customer[i]!);
  const campaign = campaigns[(h >>> 8) % campaigns.length]!;
  return {
    evaluationLicense: entitlementIdOf(world, i),
    appEntitlementNumber: entitlementNumberOf(world, i),
    addonKey: app.addonKey,
    addonName: app.name,
    productId: app.productId,
    hosting: hostings[L.hosting[i]!],
    evaluationStartDate: isoFromDay(L.startDay[i]!),
    channel: channels[h % channels.length],
    referrerDomain: referrers[(h >>> 4) % referrers.length],
    utmSource: campaign ? 'newsletter' : '',
    utmMedium: campaign ? 'email' : '',
    utmCampaign: campaign,
    utmContent: campaign ? 'hero, "try it" button' : '',
    utmTerm: '',
    firstVisitDate: isoFromDay(L.startDay[i]! - (h % 30)),
    pageViews: 1 + ((h >>> 12) % 40),
    country: country.name,
    region: country.region,
  };
}

/** Free starter tier: invented fields, exactly records.ts `freeStarterTier`. */
export function buildFreeStarter(world: World, i: number): JsonRecord {
  const L = world.licences;
  const app = world.apps[L.app[i]!]!;
  const customer = L.customer[i]!;
  const country = countryOfCustomer(world.seed, customer);
  const erased = isErased(world, i);
  return {
    appEntitlementId: entitlementIdOf(world, i),
    appEntitlementNumber: entitlementNumberOf(world, i),
    addonKey: app.addonKey,
    addonName: app.name,
    productId: app.productId,
    hosting: hostings[0],
    cloudId: cloudIdOfCustomer(world.seed, customer),
    cloudSiteHostname: siteOfCustomer(world.seed, customer),
    parentProductName: ['Jira', 'Confluence', 'Jira Service Management', 'Bitbucket'][app.parentProduct],
    startDate: isoFromDay(L.startDay[i]!),
    endDate: L.endDay[i]! >= 0 ? isoFromDay(L.endDay[i]!) : '',
    status: L.status[i] === 0 ? 'active' : 'inactive',
    userCount: 1 + (hashInts(world.seed, 96, i) % 10),
    company: erased ? 'RTBF' : companyOfCustomer(world.seed, customer, L.rev[i]!),
    country: country.name,
    region: country.region,
    installedOnSandbox: hashUnit(world.seed, 74, i) < 0.04 ? 'Yes' : 'No',
  };
}
