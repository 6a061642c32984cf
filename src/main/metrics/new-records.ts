/**
 * What the last sync run brought in (records first seen since it started), counted by the
 * refresh that follows it so the overview needs no scan. Amounts are summed in micros, so an
 * incremental refresh adjusting the earlier count lands where a full count does.
 */
import { toMicros } from './cells';

export interface NewRecords {
  newSales: { count: number; micros: number };
  refunds: { count: number; micros: number };
  newEvaluations: number;
}

/** New records of the last sync run, as metric_state keeps them (read by dashboards/since-last-sync.ts). */
export interface StoredSinceLastSync {
  since: string;
  newSales: { count: number; vendorAmount: number };
  refunds: { count: number; vendorAmount: number };
  newEvaluations: number;
}

export const emptyNewRecords = (): NewRecords => ({ newSales: { count: 0, micros: 0 }, refunds: { count: 0, micros: 0 }, newEvaluations: 0 });

export function toStoredSince(since: string, n: NewRecords): StoredSinceLastSync {
  return {
    since,
    newSales: { count: n.newSales.count, vendorAmount: n.newSales.micros / 1e6 },
    refunds: { count: n.refunds.count, vendorAmount: n.refunds.micros / 1e6 },
    newEvaluations: n.newEvaluations,
  };
}

export function fromStoredSince(s: StoredSinceLastSync): NewRecords {
  return {
    newSales: { count: s.newSales.count, micros: toMicros(s.newSales.vendorAmount) },
    refunds: { count: s.refunds.count, micros: toMicros(s.refunds.vendorAmount) },
    newEvaluations: s.newEvaluations,
  };
}
