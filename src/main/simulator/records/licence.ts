/** Builds the API's licence record (ENDPOINTS.md §6.1) from a licence row. */
import { LicenceKind } from '../data/plan';
import { entitlementNumber, hashUnit, uuidFrom } from '../data/random';
import type { World } from '../data/world';
import { appEditions, hostings, licenseStatuses, licenseTypes, parentEditions, parentProducts, tiers, billingPeriods } from '../data/vocabulary';
import type { SimApp } from '../data/apps';
import { renderText, Utf8Pool, type ByteWriter } from './byte-writer';
import { isErased } from './customer';
import { isFedramp, partnerBytes, writeCompany, writeContact, writeCountryFields, writeSite } from './customer-bytes';

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

/** The licence record's JSON text (byte-writer.ts). */
export function renderLicence(world: World, i: number, options: LicenceOptions): string {
  return renderText((w) => writeLicence(w, world, i, options));
}

const parts = {
  hostings: new Utf8Pool(hostings),
  appEditions: new Utf8Pool(appEditions),
  licenseTypes: new Utf8Pool(licenseTypes),
  licenseStatuses: new Utf8Pool(licenseStatuses),
  tiers: new Utf8Pool(tiers),
  billingPeriods: new Utf8Pool(billingPeriods),
  parentProducts: new Utf8Pool(parentProducts),
  parentEditions: new Utf8Pool(parentEditions),
};

/** Writes the licence record's JSON (ENDPOINTS.md §6.1) into `w`; the caller reserved room. */
export function writeLicence(w: ByteWriter, world: World, i: number, options: LicenceOptions): void {
  const L = world.licences;
  const seed = world.seed;
  const app = world.apps[L.app[i]!]!;
  const hosting = L.hosting[i]!;
  const customer = L.customer[i]!;
  const erased = isErased(world, i);
  const cloud = hosting === 0;
  const partner = L.partner[i]!;
  w.byte(0x7b);
  writeEntitlementFields(w, seed, i, customer, hosting);
  if (cloud) {
    w.ascii('"cloudId":"');
    w.uuid(seed, 62, customer);
    w.ascii('","cloudSiteHostname":');
    writeSite(w, seed, customer);
    w.byte(0x2c);
  }
  w.bytes(appFieldsBytes(app));
  w.ascii(',"hosting":"');
  w.bytes(parts.hostings.bytes[hosting]!);
  w.ascii('","appEdition":"');
  w.bytes(parts.appEditions.bytes[L.edition[i]!]!);
  w.ascii(cloud ? '","newBillingSystem":"Yes","lastUpdated":"' : '","newBillingSystem":"No","lastUpdated":"');
  w.day(L.lastUpdated[i]!);
  w.ascii('","licenseType":"');
  w.bytes(parts.licenseTypes.bytes[L.licenseType[i]!]!);
  w.ascii('","maintenanceStartDate":"');
  w.day(L.maintStart[i]!);
  w.ascii('","maintenanceEndDate":"');
  w.day(L.maintEnd[i]!);
  w.ascii('","status":"');
  w.bytes(parts.licenseStatuses.bytes[L.status[i]!]!);
  w.ascii('","tier":"');
  w.bytes(parts.tiers.bytes[L.tier[i]!]!);
  w.ascii('","contactDetails":{"technicalContact":');
  writeContact(w, seed, customer, 0, erased, true, false);
  w.ascii(',"billingContact":');
  writeContact(w, seed, customer, 1, erased, true, false);
  w.ascii(',"company":');
  writeCompany(w, seed, customer, L.rev[i]!, erased);
  w.byte(0x2c);
  writeCountryFields(w, world, customer);
  w.byte(0x7d);
  if (partner) {
    w.ascii(',"partnerDetails":');
    w.bytes(partnerBytes(partner, false));
  }
  w.ascii(hosting === 2 ? ',"extendedServerSupport":"Yes"' : ',"extendedServerSupport":"NA"');
  if (options.withDataInsights) writeInsights(w, world, i);
  w.ascii(',"licenseSourceType":"Non-Atlassian","transactionAccountId":"');
  w.uuid(seed, 72, customer);
  if (cloud) w.ascii(isFedramp(seed, customer) ? '","cloudComplianceBoundaries":["fedramp_moderate"]}' : '","cloudComplianceBoundaries":["commercial"]}');
  else w.ascii('"}');
}

const appBytes = new WeakMap<SimApp, Uint8Array>();

/** `"addonKey":…,"productId":…,"addonName":…` of an app (transactions and events repeat them). */
/** The licence's and its host's entitlement ids and numbers, each followed by a comma (licences and their transactions share them). */
export function writeEntitlementFields(w: ByteWriter, seed: number, licence: number, customer: number, hosting: number): void {
  w.ascii('"appEntitlementId":"');
  w.uuid(seed, 70, licence);
  w.ascii('","appEntitlementNumber":"');
  w.entitlement(seed, 70, licence);
  w.ascii('","hostEntitlementId":"');
  w.uuid(seed, 71, customer * 4 + hosting);
  w.ascii('","hostEntitlementNumber":"');
  w.entitlement(seed, 71, customer * 4 + hosting);
  w.ascii('",');
}

export function appFieldsBytes(app: SimApp): Uint8Array {
  let bytes = appBytes.get(app);
  if (bytes === undefined) appBytes.set(app, (bytes = Buffer.from(`"addonKey":${JSON.stringify(app.addonKey)},"productId":${JSON.stringify(app.productId)},"addonName":${JSON.stringify(app.name)}`)));
  return bytes;
}

/** A signed integer in decimal. */
function writeInt(w: ByteWriter, n: number): void {
  if (n < 0) w.byte(0x2d);
  w.uint(Math.abs(n));
}

/** Fields `withDataInsights=true` adds (LIVE-API-NOTES), in the record's key order. */
function writeInsights(w: ByteWriter, world: World, i: number): void {
  const L = world.licences;
  const evaluated = L.kind[i] === LicenceKind.evaluation;
  const start = L.startDay[i]!;
  const converted = L.convertDay[i]! >= 0;
  w.ascii(',"evaluationOpportunitySize":"');
  w.ascii(evaluated ? opportunitySizes[i % 5]! : 'NA');
  w.ascii('","evaluationLicense":"');
  if (evaluated) w.uuid(world.seed, 70, i);
  else w.ascii('NA');
  w.ascii('","daysToConvertEval":"');
  if (converted) writeInt(w, L.convertDay[i]! - start);
  else w.ascii('NA');
  if (evaluated) {
    w.ascii('","evaluationStartDate":"');
    w.day(start);
    w.ascii('","evaluationEndDate":"');
    w.day(start + 30);
  }
  w.ascii('","parentProductBillingCycle":"');
  if (L.hosting[i] === 0) w.bytes(parts.billingPeriods.bytes[L.billing[i]!]!);
  else w.ascii('NA');
  w.ascii('","parentProductName":"');
  w.bytes(parts.parentProducts.bytes[world.apps[L.app[i]!]!.parentProduct]!);
  w.ascii(hashUnit(world.seed, 74, i) < 0.04 ? '","installedOnSandbox":"Yes","parentProductEdition":"' : '","installedOnSandbox":"No","parentProductEdition":"');
  w.bytes(parts.parentEditions.bytes[L.parentEdition[i]!]!);
  w.byte(0x22);
}

const opportunitySizes = ['10', '25', '50', '100', '250'];
