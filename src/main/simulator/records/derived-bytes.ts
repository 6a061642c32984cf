/**
 * Churn / conversion / renewal events and feedback written straight into bytes (byte-writer.ts):
 * the sync pulls them by the million at `large` scale. Their object forms are this text parsed.
 */
import { Sale } from '../data/plan';
import { hashInts } from '../data/random';
import type { World } from '../data/world';
import type { SimApp } from '../data/apps';
import { appEditions, applicationKeys, feedbackMessages, feedbackReasons, feedbackTypes, hostings } from '../data/vocabulary';
import { Utf8Pool, type ByteWriter } from './byte-writer';
import { feedbackReasonOf, feedbackTypeOf } from './derived';
import { appFieldsBytes } from './licence';
import { writeInvoice } from './transaction';

const parts = {
  appEditions: new Utf8Pool(appEditions),
  applicationKeys: new Utf8Pool(applicationKeys),
  feedbackTypes: new Utf8Pool(feedbackTypes),
  reasonKeys: new Utf8Pool(feedbackReasons.map((r) => r.key)),
  reasonTexts: new Utf8Pool(feedbackReasons.map((r) => r.text)),
  messages: new Utf8Pool(feedbackMessages),
};

function monthsValid(billing: number): number {
  return billing === 0 ? 1 : 12;
}

/** `"appEntitlementId":…,"appEntitlementNumber":…,"cloudId":…` of a licence. */
function writeIds(w: ByteWriter, world: World, i: number): void {
  w.ascii('"appEntitlementId":"');
  w.uuid(world.seed, 70, i);
  w.ascii('","appEntitlementNumber":"');
  w.entitlement(world.seed, 70, i);
  w.ascii('","cloudId":"');
  w.uuid(world.seed, 62, world.licences.customer[i]!);
  w.byte(0x22);
}

/** The licence's ids, then the maintenance period and its months (from a transaction line or the licence itself). */
function writeLicenceTerm(w: ByteWriter, world: World, i: number, start: number, end: number, billing: number): void {
  writeIds(w, world, i);
  w.ascii(',"maintenanceStartDate":"');
  w.day(start);
  w.ascii('","maintenanceEndDate":"');
  w.day(end);
  w.ascii('","monthsValid":');
  w.uint(monthsValid(billing));
}

/** A conversion or renewal event: a Cloud transaction line (ENDPOINTS.md §10). */
export function writeConversionOrRenewal(w: ByteWriter, world: World, t: number): void {
  const T = world.transactions;
  const i = T.licence[t]!;
  w.byte(0x7b);
  w.bytes(appFieldsBytes(world.apps[world.licences.app[i]!]!));
  w.ascii(',"hosting":"Cloud","lastUpdated":"');
  w.day(T.lastUpdated[t]!);
  w.ascii('","eventDate":"');
  w.day(T.saleDay[t]!);
  w.ascii('","transactionId":"');
  writeInvoice(w, world, i, T.saleType[t] === Sale.refund ? T.refDay[t]! : T.saleDay[t]!);
  w.ascii('","licenseDetails":{');
  writeLicenceTerm(w, world, i, T.maintStart[t]!, T.maintEnd[t]!, T.billing[t]!);
  w.ascii('}}');
}

/** ENDPOINTS.md §18.33: churn events have `licenseDetails: null` and the fields flattened. */
export function writeChurn(w: ByteWriter, world: World, i: number): void {
  const L = world.licences;
  w.byte(0x7b);
  w.bytes(appFieldsBytes(world.apps[L.app[i]!]!));
  w.ascii(',"hosting":"Cloud","appEdition":"');
  w.bytes(parts.appEditions.bytes[L.edition[i]!]!);
  w.ascii('","lastUpdated":"');
  w.day(L.lastUpdated[i]!);
  w.ascii('","eventDate":"');
  w.day(L.endDay[i]!);
  w.ascii('","transactionId":"');
  writeInvoice(w, world, i, L.maintStart[i]!);
  w.ascii('","licenseDetails":null,');
  writeLicenceTerm(w, world, i, L.maintStart[i]!, L.maintEnd[i]!, L.billing[i]!);
  w.byte(0x7d);
}

const keyIdBytes = new WeakMap<SimApp, Uint8Array>();

/** `"addonKey":…,"productId":…` (feedback has no addonName there). */
function writeKeyAndId(w: ByteWriter, app: SimApp): void {
  let bytes = keyIdBytes.get(app);
  if (bytes === undefined) keyIdBytes.set(app, (bytes = Buffer.from(`"addonKey":${JSON.stringify(app.addonKey)},"productId":${JSON.stringify(app.productId)}`)));
  w.bytes(bytes);
}

/**
 * A feedback record. LIVE-API-NOTES: responses say `Data Center` "and sometimes `Data center`":
 * half the Data Center feedback records spell it that way, so a client must normalise.
 */
export function writeFeedback(w: ByteWriter, world: World, i: number): void {
  const L = world.licences;
  const app = world.apps[L.app[i]!]!;
  const reason = feedbackReasonOf(world, i);
  const h = hashInts(world.seed, 93, i);
  const hosting = L.hosting[i]!;
  w.byte(0x7b);
  writeKeyAndId(w, app);
  w.ascii(',"addonVersion":"');
  w.uint(1 + (h % 4));
  w.byte(0x2e);
  w.uint((h >>> 4) % 12);
  w.byte(0x2e);
  w.uint((h >>> 8) % 5);
  w.ascii('","applicationKey":"');
  w.bytes(parts.applicationKeys.bytes[app.parentProduct]!);
  w.ascii('","hosting":"');
  w.ascii(hosting === 1 && hashInts(world.seed, 97, i) % 2 === 0 ? 'Data center' : hostings[hosting]!);
  w.ascii('","appEdition":"');
  w.bytes(parts.appEditions.bytes[L.edition[i]!]!);
  w.ascii('","date":"');
  w.day(L.endDay[i]!);
  w.ascii('","feedbackType":"');
  w.bytes(parts.feedbackTypes.bytes[feedbackTypeOf(world, i)]!);
  w.ascii('","reasonKey":"');
  w.bytes(parts.reasonKeys.bytes[reason]!);
  w.ascii('","reason":"');
  w.bytes(parts.reasonTexts.bytes[reason]!);
  w.ascii('","message":"');
  w.bytes(parts.messages.bytes[h % feedbackMessages.length]!);
  w.ascii('",');
  writeIds(w, world, i);
  w.byte(0x7d);
}
