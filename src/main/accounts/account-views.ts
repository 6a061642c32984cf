import { demoAccountId, type AccountView } from '../../shared/contract-accounts';
import type { AccountRow } from './repository';

/** The built-in Demo account: not a row of the accounts table, always listed first. */
export const demoAccount: AccountRow = {
  id: demoAccountId,
  name: 'Demo',
  developerId: '',
  email: '',
  baseUrl: 'built-in simulator',
  createdAt: '1970-01-01T00:00:00.000Z',
  lastUsedAt: null,
};

export function isDemoAccountId(id: string): boolean {
  return id === demoAccountId;
}

export function toAccountView(row: AccountRow, hasToken: boolean, activeId: string | null): AccountView {
  const isDemo = isDemoAccountId(row.id);
  return { ...row, hasToken: isDemo ? false : hasToken, isDemo, isActive: row.id === activeId };
}
