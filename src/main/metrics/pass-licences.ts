/**
 * One pass over the licences (through the covering index): start/end deltas for active
 * licences, evaluation cohorts with their conversion, and app names.
 */
import type { Db } from '../store';
import { formatDay, parseDay } from './days';

export interface ConversionBucket {
  evaluations: number;
  converted: number;
  daysToConvert: number;
}

export interface LicencePass {
  /** Key: day \0 app \0 hosting \0 edition \0 kind. */
  deltas: Map<string, number>;
  /** Key: day \0 app \0 hosting. */
  conversion: Map<string, ConversionBucket>;
  apps: Map<string, string>;
  /** Evaluation licences first seen at or after `since`. */
  newEvaluations: number;
  /** Rows in the table, gone ones included. */
  rows: number;
}

interface LicenceRow {
  appEntitlementId: string | null;
  appEntitlementNumber: string | null;
  addonKey: string | null;
  addonName: string | null;
  hosting: string | null;
  appEdition: string | null;
  licenseType: string | null;
  maintenanceStartDate: string | null;
  maintenanceEndDate: string | null;
  evaluationStartDate: string | null;
  evaluationLicense: string | null;
  _first_seen: string;
  _gone_since: string | null;
}

export const licenceIndexSql = `CREATE INDEX IF NOT EXISTS metric_licences_cover ON licences
  (addonKey, hosting, appEdition, licenseType, maintenanceStartDate, maintenanceEndDate, evaluationStartDate,
   evaluationLicense, appEntitlementId, appEntitlementNumber, addonName, _gone_since, _first_seen)`;

const kindOf = (type: string | null) => (type === 'EVALUATION' ? 'evaluation' : type === 'COMMERCIAL' ? 'paid' : 'free');
const validLink = (v: string | null): v is string => v !== null && v !== '' && v !== 'NA';

export function passLicences(db: Db, paidDays: ReadonlyMap<string, readonly string[]>, since: string | null): LicencePass {
  const rows = db
    .prepare(
      `SELECT appEntitlementId, appEntitlementNumber, addonKey, addonName, hosting, appEdition, licenseType,
              maintenanceStartDate, maintenanceEndDate, evaluationStartDate, evaluationLicense, _first_seen, _gone_since
         FROM licences INDEXED BY metric_licences_cover`,
    )
    .iterate() as IterableIterator<LicenceRow>;
  const out: LicencePass = { deltas: new Map(), conversion: new Map(), apps: new Map(), newEvaluations: 0, rows: 0 };
  const evaluations = new Map<string, { start: string; addon: string; hosting: string }>();
  const links = new Map<string, Set<string>>();
  const delta = (day: string, rest: string, d: number) => out.deltas.set(`${day}${rest}`, (out.deltas.get(`${day}${rest}`) ?? 0) + d);
  for (const r of rows) {
    out.rows++;
    if (r._gone_since !== null) continue;
    const addon = r.addonKey ?? '';
    if (r.addonKey && r.addonName && !out.apps.has(r.addonKey)) out.apps.set(r.addonKey, r.addonName);
    const start = parseDay(r.maintenanceStartDate);
    if (start !== null) {
      const rest = `\u0000${addon}\u0000${r.hosting ?? ''}\u0000${r.appEdition || 'Unspecified'}\u0000${kindOf(r.licenseType)}`;
      delta(formatDay(start), rest, 1);
      const end = parseDay(r.maintenanceEndDate);
      if (end !== null && end >= start) delta(formatDay(end + 1), rest, -1);
    }
    const evalStart = parseDay(r.evaluationStartDate);
    if (since !== null && r._first_seen >= since && (r.licenseType === 'EVALUATION' || evalStart !== null)) out.newEvaluations++;
    if (evalStart === null && !validLink(r.evaluationLicense)) continue;
    const ident = validLink(r.evaluationLicense) ? r.evaluationLicense : (r.appEntitlementId ?? r.appEntitlementNumber);
    if (ident === null) continue;
    let ents = links.get(ident);
    if (!ents) links.set(ident, (ents = new Set()));
    if (r.appEntitlementId) ents.add(r.appEntitlementId);
    if (r.appEntitlementNumber) ents.add(r.appEntitlementNumber);
    if (evalStart === null) continue;
    const day = formatDay(evalStart);
    const seen = evaluations.get(ident);
    if (!seen || day < seen.start) evaluations.set(ident, { start: day, addon, hosting: r.hosting ?? '' });
  }
  for (const [ident, ev] of evaluations) {
    let first: string | null = null;
    for (const ent of links.get(ident) ?? []) {
      for (const d of paidDays.get(ent) ?? []) {
        if (d >= ev.start) {
          if (first === null || d < first) first = d;
          break;
        }
      }
    }
    const key = `${ev.start}\u0000${ev.addon}\u0000${ev.hosting}`;
    let b = out.conversion.get(key);
    if (!b) out.conversion.set(key, (b = { evaluations: 0, converted: 0, daysToConvert: 0 }));
    b.evaluations++;
    if (first !== null) {
      b.converted++;
      b.daysToConvert += parseDay(first)! - parseDay(ev.start)!;
    }
  }
  return out;
}
