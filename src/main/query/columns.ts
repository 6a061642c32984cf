import { columnOf, recordDataset, searchableColumns, type ColumnDef, type RecordDataset, type RecordDatasetId } from '../../shared/catalogue';
import { qualityFlags, type QualityFlag } from '../../shared/contract-grid';
import { AppFailure } from '../../shared/result';
import { quoteIdent } from '../store';

/** Refuses a name the catalogue does not know, before any SQL is built. */
export function requireColumn(dataset: RecordDataset, name: string): ColumnDef {
  const column = columnOf(dataset, name);
  if (!column) {
    // The name is echoed shortened and stripped of control characters: it may be hostile.
    const shown = name.slice(0, 64).replace(/[^\x20-\x7e]/g, '?');
    throw new AppFailure('validation', `Unknown column "${shown}" for ${dataset.title}.`);
  }
  return column;
}

/** The visible columns of a request: as given (validated), else the data set's defaults. */
export function resolveColumns(dataset: RecordDataset, names: readonly string[]): ColumnDef[] {
  const wanted = names.length > 0 ? names : dataset.defaultVisible;
  const seen = new Set<string>();
  return wanted.map((name) => {
    const column = requireColumn(dataset, name);
    if (seen.has(name)) throw new AppFailure('validation', `Column "${name}" is listed twice.`);
    seen.add(name);
    return column;
  });
}

export function datasetOf(id: RecordDatasetId): RecordDataset {
  return recordDataset(id);
}

/** The catalogue's rule, re-exported where the query layer has always found it. */
export { searchableColumns };

/**
 * Data-quality conditions per data set, as SQL over catalogue columns. A data set without the
 * column a flag needs never has the flag (`0`).
 * - rtbf: a personal (contact) field reads `RTBF`: erased under GDPR (LIVE-API-NOTES).
 * - zeroAmount: a transaction whose vendor amount is 0.
 * - sandbox: installed on a sandbox site (`installedOnSandbox` Yes/true).
 * - changed: Atlassian changed the record after we first saw it (`_changed_at`).
 * - gone: the record is no longer returned by the API (`_gone_since`).
 */
export function flagConditions(dataset: RecordDataset): Record<QualityFlag, string> {
  const personal = dataset.columns.filter((c) => c.personal);
  const has = (name: string) => columnOf(dataset, name) !== undefined;
  return {
    rtbf: personal.length > 0 ? `(${personal.map((c) => `${quoteIdent(c.name)} = 'RTBF'`).join(' OR ')})` : '0',
    zeroAmount: has('vendorAmount') ? `("vendorAmount" = 0)` : '0',
    sandbox: has('installedOnSandbox') ? `(lower("installedOnSandbox") IN ('yes', 'true'))` : '0',
    changed: '(_changed_at IS NOT NULL)',
    gone: '(_gone_since IS NOT NULL)',
  };
}

/** One integer per row: the sum of the bits of its flags (see `qualityFlags`). */
export function flagsExpression(dataset: RecordDataset): string {
  const conditions = flagConditions(dataset);
  const parts = (Object.keys(qualityFlags) as QualityFlag[])
    .filter((f) => conditions[f] !== '0')
    .map((f) => `(CASE WHEN ${conditions[f]} THEN ${qualityFlags[f]} ELSE 0 END)`);
  return parts.length > 0 ? parts.join(' + ') : '0';
}
