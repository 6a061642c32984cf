import type { ColumnDef, ColumnType } from './types';

export function col(
  name: string,
  label: string,
  type: ColumnType,
  path: string | readonly string[],
  extra: Pick<ColumnDef, 'searchable' | 'personal' | 'lookup'> = {},
): ColumnDef {
  return { name, label, type, path, ...extra };
}

/** Contact blocks appear in licences and transactions with the same keys. */
export function contactColumns(prefix: string, labelPrefix: string, path: string, keys: readonly string[]): ColumnDef[] {
  const labels: Record<string, string> = {
    email: 'e-mail',
    name: 'name',
    address1: 'address',
    city: 'city',
    postcode: 'postcode',
    phone: 'phone',
  };
  return keys.map((k) =>
    col(`${prefix}${k[0]!.toUpperCase()}${k.slice(1)}`, `${labelPrefix} ${labels[k] ?? k}`, 'text', `${path}.${k}`, {
      personal: true,
      // Names, e-mails and cities are what a partner types into the quick filter; street,
      // postcode and phone would only make every row's full-text document longer.
      searchable: k === 'email' || k === 'name' || k === 'city',
      // A partner's own billing address is one of a handful: not worth an index every sync keeps.
      lookup: k === 'email' && prefix !== 'partnerBillingContact',
    }),
  );
}

export const appColumns: ColumnDef[] = [
  col('addonKey', 'App key', 'enum', 'addonKey', { searchable: true }),
  col('addonName', 'App', 'enum', 'addonName', { searchable: true }),
  col('productId', 'Product ID', 'text', 'productId', { searchable: false }),
];

