/** Builds the API's licence record (ENDPOINTS.md §6.1) from a licence row. */
import { isoFromDay } from '../data/dates';
import { LicenceKind } from '../data/plan';
import { entitlementNumber, hashUnit, uuidFrom } from '../data/random';
import type { World } from '../data/world';
import { appEditions, hostings, licenseStatuses, licenseTypes, parentEditions, parentProducts, tiers, billingPeriods } from '../data/vocabulary';
import type { SimApp } from '../data/apps';
import type { Country } from '../data/vocabulary';
import { companyOfCustomer, customerInfo, erasedContact, isErased, partnerJson, rtbf, type Contact, type CustomerInfo } from './customer';
import { flatString, jsonPool, jsonString } from './json-text';

export function entitlementIdOf(world: World, licence: number): string {
  return uuidFrom(world.seed, 70, licence);
}

export function entitlementNumberOf(world: World, licence: number): string {
  return entitlementNumber(world.seed, 70, licence);
}

export interface LicenceOptions {
  withDataInsights: boolean;
}

export type JsonRecord = Record<string, unknown>;

/** The API's licence record: the rendered text parsed (one definition of the record). */
export function buildLicence(world: World, i: number, options: LicenceOptions): JsonRecord {
  return JSON.parse(renderLicence(world, i, options)) as JsonRecord;
}

/** The licence record's JSON text, written straight from pre-escaped pieces (json-text.ts). */
export function renderLicence(world: World, i: number, options: LicenceOptions): string {
  const L = world.licences;
  const app = world.apps[L.app[i]!]!;
  const hosting = L.hosting[i]!;
  const info = customerInfo(world, L.customer[i]!);
  const erased = isErased(world, i);
  const rev = L.rev[i]!;
  const company = erased ? rtbf : rev ? companyOfCustomer(world.seed, L.customer[i]!, rev) : info.company;
  const cloud = hosting === 0;
  const partner = L.partner[i]!;
  return (
    `{"appEntitlementId":"${entitlementIdOf(world, i)}","appEntitlementNumber":"${entitlementNumberOf(world, i)}",` +
    `"hostEntitlementId":"${hostIdOf(world, info, hosting)}","hostEntitlementNumber":"${hostNumberOf(world, info, hosting)}",` +
    (cloud ? `"cloudId":"${info.cloudId}","cloudSiteHostname":${jsonString(info.site)},` : '') +
    `${appFieldsJson(app)},"hosting":${json.hostings[hosting]},"appEdition":${json.appEditions[L.edition[i]!]},"newBillingSystem":"${cloud ? 'Yes' : 'No'}",` +
    `"lastUpdated":"${isoFromDay(L.lastUpdated[i]!)}","licenseType":${json.licenseTypes[L.licenseType[i]!]},` +
    `"maintenanceStartDate":"${isoFromDay(L.maintStart[i]!)}","maintenanceEndDate":"${isoFromDay(L.maintEnd[i]!)}",` +
    `"status":${json.licenseStatuses[L.status[i]!]},"tier":${json.tiers[L.tier[i]!]},` +
    `"contactDetails":{${erased ? erasedContactsJson : contactsJson(info)},"company":${jsonString(company)},${countryJson(info.country)}}` +
    (partner ? `,"partnerDetails":${partnerJson(partner, false)}` : '') +
    `,"extendedServerSupport":"${hosting === 2 ? 'Yes' : 'NA'}"` +
    (options.withDataInsights ? insightsJson(dataInsights(world, i)) : '') +
    `,"licenseSourceType":"Non-Atlassian","transactionAccountId":"${info.transactionAccountId}"` +
    (cloud ? `,"cloudComplianceBoundaries":${info.fedramp ? '["fedramp_moderate"]' : '["commercial"]'}}` : '}')
  );
}

const json = {
  hostings: jsonPool(hostings),
  appEditions: jsonPool(appEditions),
  licenseTypes: jsonPool(licenseTypes),
  licenseStatuses: jsonPool(licenseStatuses),
  tiers: jsonPool(tiers),
};

const appJson = new WeakMap<SimApp, string>();

/** `"addonKey":…,"productId":…,"addonName":…` of an app (transactions and events repeat them). */
export function appFieldsJson(app: SimApp): string {
  let text = appJson.get(app);
  if (text === undefined) appJson.set(app, (text = flatString(`"addonKey":${jsonString(app.addonKey)},"productId":${jsonString(app.productId)},"addonName":${jsonString(app.name)}`)));
  return text;
}

const countryText = new Map<Country, string>();

/** `"country":…,"region":…` */
export function countryJson(country: Country): string {
  let text = countryText.get(country);
  if (text === undefined) countryText.set(country, (text = flatString(`"country":${jsonString(country.name)},"region":${jsonString(country.region)}`)));
  return text;
}

function contactJson(c: Contact): string {
  return `{"email":${jsonString(c.email)},"name":${jsonString(c.name)},"address1":${jsonString(c.address1)},"city":${jsonString(c.city)},"postcode":${jsonString(c.postcode)},"phone":${jsonString(c.phone)}}`;
}

/** `"technicalContact":{…},"billingContact":{…}` of a customer, rendered once. */
function contactsJson(info: CustomerInfo): string {
  return (info.contactsJson ??= flatString(`"technicalContact":${contactJson(info.tech)},"billingContact":${contactJson(info.billing)}`));
}

const erasedContactsJson = `"technicalContact":${contactJson(erasedContact)},"billingContact":${contactJson(erasedContact)}`;

function insightsJson(x: Insights): string {
  let out = '';
  for (const key of insightKeys) {
    const v = x[key];
    if (v !== undefined) out += `,"${key}":${jsonString(v)}`;
  }
  return out;
}

export function hostIdOf(world: World, info: CustomerInfo, hosting: number): string {
  return (info.hostIds[hosting] ??= flatString(uuidFrom(world.seed, 71, info.customer * 4 + hosting)));
}

export function hostNumberOf(world: World, info: CustomerInfo, hosting: number): string {
  return (info.hostNumbers[hosting] ??= flatString(entitlementNumber(world.seed, 71, info.customer * 4 + hosting)));
}

interface Insights {
  evaluationOpportunitySize?: string;
  evaluationLicense?: string;
  daysToConvertEval?: string;
  evaluationStartDate?: string;
  evaluationEndDate?: string;
  parentProductBillingCycle?: string;
  parentProductName?: string;
  installedOnSandbox?: string;
  parentProductEdition?: string;
}

/** In the record's key order. */
const insightKeys = ['evaluationOpportunitySize', 'evaluationLicense', 'daysToConvertEval', 'evaluationStartDate', 'evaluationEndDate', 'parentProductBillingCycle', 'parentProductName', 'installedOnSandbox', 'parentProductEdition'] as const satisfies readonly (keyof Insights)[];

/** Fields `withDataInsights=true` adds (LIVE-API-NOTES). */
function dataInsights(world: World, i: number): Insights {
  const L = world.licences;
  const evaluated = L.kind[i] === LicenceKind.evaluation;
  const start = L.startDay[i]!;
  const converted = L.convertDay[i]! >= 0;
  return {
    evaluationOpportunitySize: evaluated ? opportunitySizes[i % 5] : 'NA',
    evaluationLicense: evaluated ? entitlementIdOf(world, i) : 'NA',
    daysToConvertEval: converted ? String(L.convertDay[i]! - start) : 'NA',
    evaluationStartDate: evaluated ? isoFromDay(start) : undefined,
    evaluationEndDate: evaluated ? isoFromDay(start + 30) : undefined,
    parentProductBillingCycle: L.hosting[i] === 0 ? billingPeriods[L.billing[i]!] : 'NA',
    parentProductName: parentProducts[world.apps[L.app[i]!]!.parentProduct],
    installedOnSandbox: hashUnit(world.seed, 74, i) < 0.04 ? 'Yes' : 'No',
    parentProductEdition: parentEditions[L.parentEdition[i]!],
  };
}

const opportunitySizes = ['10', '25', '50', '100', '250'];
