/**
 * Records derived from licence lives: churn / conversion / renewal events (Cloud only, like the
 * API's "Cloud license events"), feedback, marketing attribution and free starter tier. Events and
 * feedback are written as bytes (derived-bytes.ts); here are which rows they exist for.
 */
import { dayFromIso, isoFromDay } from '../data/dates';
import { LicenceKind, Sale } from '../data/plan';
import { hashInts, hashUnit } from '../data/random';
import type { World } from '../data/world';
import { feedbackMessages, feedbackReasons, feedbackTypes, hostings } from '../data/vocabulary';
import { cloudIdOfCustomer, companyOfCustomer, countryOfCustomer, isErased, siteOfCustomer } from './customer';
import { entitlementIdOf, entitlementNumberOf, type JsonRecord } from './licence';

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
