import { qualityFlags, type QualityFlag } from '../../../shared/contract-grid';

/**
 * The data-quality hints a row can carry (bits of its `flags`), named for partners. The short
 * label is the badge in the grid; the description is its tooltip and the filter's explanation.
 */
export const qualityHints: readonly { flag: QualityFlag; short: string; label: string; description: string }[] = [
  { flag: 'rtbf', short: 'RTBF', label: 'Contacts erased', description: 'Contact details removed at the customer’s request (right to be forgotten).' },
  { flag: 'zeroAmount', short: '$0', label: '$0 amount', description: 'A transaction with no money: a free licence, a full discount or a correction.' },
  { flag: 'sandbox', short: 'Sandbox', label: 'Sandbox install', description: 'Installed on a sandbox site: not a production customer.' },
  { flag: 'changed', short: 'Changed', label: 'Changed by Atlassian', description: 'Atlassian changed this record after it was first synced; see its history.' },
  { flag: 'gone', short: 'Gone', label: 'Gone from the API', description: 'No longer returned by the Marketplace API; kept here as last seen.' },
];

export function hintsOf(flags: number): typeof qualityHints {
  return qualityHints.filter((h) => (flags & qualityFlags[h.flag]) !== 0);
}
