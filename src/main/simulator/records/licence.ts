/** Builds the API's licence record (ENDPOINTS.md §6.1) from a licence row. */
import { isoFromDay } from '../data/dates';
import { LicenceKind } from '../data/plan';
import { entitlementNumber, hashUnit, uuidFrom } from '../data/random';
import type { World } from '../data/world';
import { appEditions, hostings, licenseStatuses, licenseTypes, parentEditions, parentProducts, tiers, billingPeriods } from '../data/vocabulary';
import { contactsOf, customerInfo, partnerOf, type CustomerInfo } from './customer';

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

export function buildLicence(world: World, i: number, options: LicenceOptions): JsonRecord {
  const L = world.licences;
  const app = world.apps[L.app[i]!]!;
  const hosting = L.hosting[i]!;
  const info = customerInfo(world, L.customer[i]!);
  const contacts = contactsOf(world, i, info);
  const cloud = hosting === 0;
  const insights = options.withDataInsights ? dataInsights(world, i) : noInsights;
  // One literal with a fixed key order: a stable object shape is much cheaper to build and to
  // stringify than properties added one by one. Absent optional fields are `undefined`, which
  // JSON.stringify leaves out.
  return {
    appEntitlementId: entitlementIdOf(world, i),
    appEntitlementNumber: entitlementNumberOf(world, i),
    hostEntitlementId: hostIdOf(world, info, hosting),
    hostEntitlementNumber: hostNumberOf(world, info, hosting),
    cloudId: cloud ? info.cloudId : undefined,
    cloudSiteHostname: cloud ? info.site : undefined,
    addonKey: app.addonKey,
    productId: app.productId,
    addonName: app.name,
    hosting: hostings[hosting],
    appEdition: appEditions[L.edition[i]!],
    newBillingSystem: cloud ? 'Yes' : 'No',
    lastUpdated: isoFromDay(L.lastUpdated[i]!),
    licenseType: licenseTypes[L.licenseType[i]!],
    maintenanceStartDate: isoFromDay(L.maintStart[i]!),
    maintenanceEndDate: isoFromDay(L.maintEnd[i]!),
    status: licenseStatuses[L.status[i]!],
    tier: tiers[L.tier[i]!],
    contactDetails: {
      technicalContact: contacts.tech,
      billingContact: contacts.billing,
      company: contacts.company,
      country: info.country.name,
      region: info.country.region,
    },
    partnerDetails: partnerOf(L.partner[i]!) ?? undefined,
    extendedServerSupport: hosting === 2 ? 'Yes' : 'NA',
    evaluationOpportunitySize: insights.evaluationOpportunitySize,
    evaluationLicense: insights.evaluationLicense,
    daysToConvertEval: insights.daysToConvertEval,
    evaluationStartDate: insights.evaluationStartDate,
    evaluationEndDate: insights.evaluationEndDate,
    parentProductBillingCycle: insights.parentProductBillingCycle,
    parentProductName: insights.parentProductName,
    installedOnSandbox: insights.installedOnSandbox,
    parentProductEdition: insights.parentProductEdition,
    licenseSourceType: 'Non-Atlassian',
    transactionAccountId: info.transactionAccountId,
    cloudComplianceBoundaries: cloud ? (info.fedramp ? fedramp : commercial) : undefined,
  };
}

const fedramp = Object.freeze(['fedramp_moderate']) as unknown as string[];
const commercial = Object.freeze(['commercial']) as unknown as string[];

export function hostIdOf(world: World, info: CustomerInfo, hosting: number): string {
  return (info.hostIds[hosting] ??= uuidFrom(world.seed, 71, info.customer * 4 + hosting));
}

export function hostNumberOf(world: World, info: CustomerInfo, hosting: number): string {
  return (info.hostNumbers[hosting] ??= entitlementNumber(world.seed, 71, info.customer * 4 + hosting));
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

const noInsights: Insights = {};

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
