/**
 * A licence as the metrics read it (the columns of the covering index), what it adds to the
 * active-licence deltas, and the evaluation cohorts with their conversion. Full and incremental
 * refreshes share these functions.
 */
import { type CellSums, cellKey } from './cells';
import { formatDay, parseDay } from './days';

export interface LicRow {
  _rowid: number;
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

export const licFields = ['appEntitlementId', 'appEntitlementNumber', 'addonKey', 'addonName', 'hosting', 'appEdition', 'licenseType', 'maintenanceStartDate', 'maintenanceEndDate', 'evaluationStartDate', 'evaluationLicense'] as const;

export const licColumnsSql = `_rowid, ${licFields.join(', ')}, _first_seen, _gone_since`;

export const licenceIndexSql = `CREATE INDEX IF NOT EXISTS metric_licences_cover ON licences
  (addonKey, hosting, appEdition, licenseType, maintenanceStartDate, maintenanceEndDate, evaluationStartDate,
   evaluationLicense, appEntitlementId, appEntitlementNumber, addonName, _gone_since, _first_seen)`;

const kindOf = (type: string | null) => (type === 'EVALUATION' ? 'evaluation' : type === 'COMMERCIAL' ? 'paid' : 'free');
const validLink = (v: string | null): v is string => v !== null && v !== '' && v !== 'NA';

/** +1 on the first day of the maintenance period and −1 the day after its end (inclusive end). */
export function addLicenceDeltas(cells: CellSums, r: LicRow, sign: 1 | -1): void {
  const start = parseDay(r.maintenanceStartDate);
  if (start === null) return;
  const rest = [r.addonKey ?? '', r.hosting ?? '', r.appEdition || 'Unspecified', kindOf(r.licenseType)] as const;
  cells.add(cellKey(formatDay(start), ...rest), [1], sign);
  const end = parseDay(r.maintenanceEndDate);
  if (end !== null && end >= start) cells.add(cellKey(formatDay(end + 1), ...rest), [-1], sign);
}

export const isNewEvaluation = (r: LicRow): boolean => r.licenseType === 'EVALUATION' || parseDay(r.evaluationStartDate) !== null;

/** Whether a licence takes part in the conversion cohorts (an evaluation, or a licence naming one). */
export const hasEvaluation = (r: LicRow): boolean => parseDay(r.evaluationStartDate) !== null || validLink(r.evaluationLicense);

/** The evaluation a licence belongs to: the one it names, else its own entitlement (its _key). */
export function identOf(r: LicRow): string | null {
  return validLink(r.evaluationLicense) ? r.evaluationLicense : (r.appEntitlementId ?? r.appEntitlementNumber);
}

/** One evaluation: its start, where it counts, and the first paid sale on or after the start. */
export interface Cohort {
  ident: string;
  start: string;
  addon: string;
  hosting: string;
  converted: string | null;
}

export function addCohort(cells: CellSums, c: Cohort, sign: 1 | -1): void {
  cells.add(cellKey(c.start, c.addon, c.hosting), c.converted === null ? [1, 0, 0] : [1, 1, parseDay(c.converted)! - parseDay(c.start)!], sign);
}

/**
 * What a licence tells the conversion cohorts: the evaluation it belongs to, the entitlement ids
 * and numbers it links to it, and its evaluation start (where it counts) if it has one; null for
 * a licence that takes no part (gone, or no evaluation).
 */
export function conversionFacts(r: LicRow): { ident: string; ids: string[]; evaluation: { start: string; addon: string; hosting: string } | null } | null {
  if (r._gone_since !== null || !hasEvaluation(r)) return null;
  const ident = identOf(r);
  if (ident === null) return null;
  const ids = [r.appEntitlementId, r.appEntitlementNumber].filter((id): id is string => Boolean(id));
  const evalStart = parseDay(r.evaluationStartDate);
  return { ident, ids, evaluation: evalStart === null ? null : { start: formatDay(evalStart), addon: r.addonKey ?? '', hosting: r.hosting ?? '' } };
}

/**
 * Evaluation cohorts: one evaluation per evaluation licence (evaluationLicense, else the
 * licence's own entitlement), started on its earliest evaluation start, converted when a linked
 * entitlement has a paid sale on or after that day. Order-free: the same licences give the same
 * cohorts however they are read.
 */
export function createConversion() {
  const evaluations = new Map<string, { start: string; addon: string; hosting: string }>();
  const links = new Map<string, Set<string>>();
  return {
    add(r: LicRow): void {
      const facts = conversionFacts(r);
      if (facts === null) return;
      const { ident, ids, evaluation: c } = facts;
      let ents = links.get(ident);
      if (!ents) links.set(ident, (ents = new Set()));
      for (const id of ids) ents.add(id);
      if (c === null) return;
      const seen = evaluations.get(ident);
      if (!seen || c.start < seen.start || (c.start === seen.start && (c.addon < seen.addon || (c.addon === seen.addon && c.hosting < seen.hosting)))) evaluations.set(ident, c);
    },
    /** Entitlement ids and numbers linked to the evaluations added (whose paid days `finish` needs). */
    linkedIds(): Set<string> {
      return new Set([...links.values()].flatMap((ids) => [...ids]));
    },
    /** The cohorts, given the paid sale days (ascending) of every linked entitlement id or number. */
    finish(paidDays: ReadonlyMap<string, readonly string[]>): Cohort[] {
      const out: Cohort[] = [];
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
        out.push({ ident, ...ev, converted: first });
      }
      return out;
    },
  };
}
