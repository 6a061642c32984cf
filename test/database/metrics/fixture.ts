/**
 * A small fixed data set whose metrics are computed by hand in the tests (asOf 2025-06-15).
 * E1 monthly $100 ×3 then stops · E2 DC annual $1,200 upgraded on Apr 1 (+$900 prorated) ·
 * E3 annual $1,200 fully refunded on Mar 10 · E4 Server annual $600 net of a partner discount,
 * half refunded on May 20 · E5 a $0 sale · E6 a three-year $3,600 sale · E7 monthly $50 then $30.
 */
import { recordDataset } from '../../../src/shared/catalogue';
import type { Db } from '../../../src/main/store';
import { createRecordWriter } from '../../../src/main/store/record-writer';

export const A = 'com.example.a';
export const B = 'com.example.b';
export const asOf = '2025-06-15';

interface Line {
  ent: string;
  app: string;
  hosting: string;
  type: string;
  sale: string;
  amount: number;
  start: string;
  end: string;
  price?: number;
  partnerDiscount?: number;
}

let lineNo = 0;
function transaction(l: Line) {
  lineNo++;
  return {
    transactionId: `IN-${lineNo}`,
    transactionLineItemId: `line-${lineNo}`,
    addonKey: l.app,
    addonName: l.app === A ? 'App A' : 'App B',
    lastUpdated: l.sale,
    purchaseDetails: {
      saleDate: l.sale,
      hosting: l.hosting,
      saleType: l.type,
      vendorAmount: l.amount,
      purchasePrice: l.price ?? l.amount,
      partnerDiscountAmount: l.partnerDiscount ?? 0,
      maintenanceStartDate: l.start,
      maintenanceEndDate: l.end,
    },
    appEntitlementId: l.ent,
    appEntitlementNumber: `${l.ent}-NUM`,
  };
}

export const lines: Line[] = [
  { ent: 'E1', app: A, hosting: 'Cloud', type: 'New', sale: '2025-01-15', amount: 100, start: '2025-01-15', end: '2025-02-15' },
  { ent: 'E1', app: A, hosting: 'Cloud', type: 'Renewal', sale: '2025-02-15', amount: 100, start: '2025-02-15', end: '2025-03-15' },
  { ent: 'E1', app: A, hosting: 'Cloud', type: 'Renewal', sale: '2025-03-15', amount: 100, start: '2025-03-15', end: '2025-04-15' },
  { ent: 'E2', app: A, hosting: 'Data Center', type: 'New', sale: '2025-01-01', amount: 1200, start: '2025-01-01', end: '2026-01-01' },
  { ent: 'E2', app: A, hosting: 'Data Center', type: 'Upgrade', sale: '2025-04-01', amount: 900, start: '2025-04-01', end: '2026-01-01' },
  { ent: 'E3', app: A, hosting: 'Cloud', type: 'New', sale: '2025-02-01', amount: 1200, start: '2025-02-01', end: '2026-02-01' },
  { ent: 'E3', app: A, hosting: 'Cloud', type: 'Refund', sale: '2025-03-10', amount: -1200, start: '2025-02-01', end: '2026-02-01' },
  { ent: 'E4', app: B, hosting: 'Server', type: 'New', sale: '2025-03-01', amount: 600, price: 800, partnerDiscount: 100, start: '2025-03-01', end: '2026-03-01' },
  { ent: 'E4', app: B, hosting: 'Server', type: 'Refund', sale: '2025-05-20', amount: -300, start: '2025-03-01', end: '2026-03-01' },
  { ent: 'E5', app: B, hosting: 'Cloud', type: 'New', sale: '2025-04-01', amount: 0, start: '2025-04-01', end: '2025-05-01' },
  { ent: 'E6', app: A, hosting: 'Data Center', type: 'New', sale: '2025-05-28', amount: 3600, start: '2025-06-01', end: '2028-06-01' },
  { ent: 'E7', app: B, hosting: 'Cloud', type: 'New', sale: '2025-01-10', amount: 50, start: '2025-01-10', end: '2025-02-10' },
  { ent: 'E7', app: B, hosting: 'Cloud', type: 'Renewal', sale: '2025-02-10', amount: 30, start: '2025-02-10', end: '2025-03-10' },
];

interface Lic {
  ent: string;
  app: string;
  hosting: string;
  type: string;
  edition?: string;
  start: string;
  end?: string;
  evalStart?: string;
  evalLicense?: string;
}

export const licenceRows: Lic[] = [
  { ent: 'E1', app: A, hosting: 'Cloud', type: 'COMMERCIAL', edition: 'Standard', start: '2025-01-15', end: '2025-04-15', evalStart: '2025-01-01' },
  { ent: 'E2', app: A, hosting: 'Data Center', type: 'COMMERCIAL', edition: 'Advanced', start: '2025-01-01', end: '2026-01-01', evalStart: '2024-12-20', evalLicense: 'E10' },
  { ent: 'E3', app: A, hosting: 'Cloud', type: 'COMMERCIAL', edition: 'Standard', start: '2025-02-01', end: '2026-02-01' },
  { ent: 'E4', app: B, hosting: 'Server', type: 'COMMERCIAL', start: '2025-03-01', end: '2026-03-01' },
  { ent: 'E5', app: B, hosting: 'Cloud', type: 'COMMERCIAL', edition: 'Standard', start: '2025-04-01', end: '2025-05-01', evalStart: '2025-03-20' },
  { ent: 'E6', app: A, hosting: 'Data Center', type: 'COMMERCIAL', edition: 'Standard', start: '2025-06-01', end: '2028-06-01' },
  { ent: 'E7', app: B, hosting: 'Cloud', type: 'COMMERCIAL', edition: 'Standard', start: '2025-01-10', end: '2025-03-10' },
  { ent: 'L8', app: A, hosting: 'Cloud', type: 'EVALUATION', edition: 'Standard', start: '2025-01-20', end: '2025-02-19', evalStart: '2025-01-20' },
  { ent: 'E10', app: A, hosting: 'Data Center', type: 'EVALUATION', edition: 'Advanced', start: '2024-12-20', end: '2025-01-19', evalStart: '2024-12-20' },
  { ent: 'L11', app: A, hosting: 'Server', type: 'ACADEMIC', start: '2025-01-01' },
];

function licence(l: Lic) {
  return {
    appEntitlementId: l.ent,
    appEntitlementNumber: `${l.ent}-NUM`,
    addonKey: l.app,
    addonName: l.app === A ? 'App A' : 'App B',
    hosting: l.hosting,
    licenseType: l.type,
    appEdition: l.edition,
    maintenanceStartDate: l.start,
    maintenanceEndDate: l.end,
    status: 'active',
    lastUpdated: l.start,
    evaluationStartDate: l.evalStart,
    evaluationLicense: l.evalLicense ?? 'NA',
  };
}

export function seedFixture(db: Db): void {
  lineNo = 0;
  const writeTx = createRecordWriter(db, recordDataset('transactions'));
  const writeLic = createRecordWriter(db, recordDataset('licences'));
  db.transaction(() => {
    writeTx(lines.map(transaction), '2025-06-15T00:00:00Z', null);
    writeLic(licenceRows.map(licence), '2025-06-15T00:00:00Z', null);
  })();
}
