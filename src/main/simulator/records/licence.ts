/** Builds the API's licence record (ENDPOINTS.md §6.1) from a licence row. */
import { isoFromDay } from '../data/dates';
import { LicenceKind } from '../data/plan';
import { entitlementNumber, hashUnit, uuidFrom } from '../data/random';
import type { World } from '../data/world';
import { appEditions, hostings, licenseStatuses, licenseTypes, parentEditions, parentProducts, tiers, billingPeriods } from '../data/vocabulary';
import { contactsOf, customerInfo, partnerOf } from './customer';

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
  const customer = L.customer[i]!;
  const info = customerInfo(world, customer);
  const contacts = contactsOf(world, i, info);
  const cloud = hosting === 0;
  const record: JsonRecord = {
    appEntitlementId: entitlementIdOf(world, i),
    appEntitlementNumber: entitlementNumberOf(world, i),
    hostEntitlementId: uuidFrom(world.seed, 71, customer * 4 + hosting),
    hostEntitlementNumber: entitlementNumber(world.seed, 71, customer * 4 + hosting),
  };
  if (cloud) {
    record.cloudId = info.cloudId;
    record.cloudSiteHostname = info.site;
  }
  Object.assign(record, {
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
  });
  const partner = partnerOf(L.partner[i]!);
  if (partner) record.partnerDetails = partner;
  record.extendedServerSupport = hosting === 2 ? 'Yes' : 'NA';
  if (options.withDataInsights) Object.assign(record, dataInsights(world, i));
  record.licenseSourceType = 'Non-Atlassian';
  record.transactionAccountId = uuidFrom(world.seed, 72, customer);
  if (cloud) record.cloudComplianceBoundaries = hashUnit(world.seed, 73, customer) < 0.03 ? ['fedramp_moderate'] : ['commercial'];
  return record;
}

/** Fields `withDataInsights=true` adds (LIVE-API-NOTES). */
function dataInsights(world: World, i: number): JsonRecord {
  const L = world.licences;
  const evaluated = L.kind[i] === LicenceKind.evaluation;
  const start = L.startDay[i]!;
  const converted = L.convertDay[i]! >= 0;
  const fields: JsonRecord = {
    evaluationOpportunitySize: evaluated ? String([10, 25, 50, 100, 250][i % 5]) : 'NA',
    evaluationLicense: evaluated ? entitlementIdOf(world, i) : 'NA',
    daysToConvertEval: converted ? String(L.convertDay[i]! - start) : 'NA',
  };
  if (evaluated) {
    fields.evaluationStartDate = isoFromDay(start);
    fields.evaluationEndDate = isoFromDay(start + 30);
  }
  Object.assign(fields, {
    parentProductBillingCycle: L.hosting[i] === 0 ? billingPeriods[L.billing[i]!] : 'NA',
    parentProductName: parentProducts[world.apps[L.app[i]!]!.parentProduct],
    installedOnSandbox: hashUnit(world.seed, 74, i) < 0.04 ? 'Yes' : 'No',
    parentProductEdition: parentEditions[L.parentEdition[i]!],
  });
  return fields;
}
