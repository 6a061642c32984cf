import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordDataset } from '../../src/shared/catalogue';
import { type Db } from '../../src/main/store';
import { createRecordWriter } from '../../src/main/store/record-writer';
import { openSpaceDatabase } from '../../src/main/space-database';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-writer-'));
  db = openSpaceDatabase(join(dir, 's.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const transaction = (id: string, vendorAmount: number, lastUpdated = '2025-03-21') => ({
  transactionId: 'IN-003-095-784',
  transactionLineItemId: id,
  addonKey: 'com.example.app',
  addonName: 'Example',
  productId: 'acd011b1-1111-45bc-902a-247046a11111',
  lastUpdated,
  customerDetails: { company: 'Acme, Inc.', country: 'Germany', region: 'EMEA', technicalContact: { email: 'a@acme.test', name: 'A' } },
  purchaseDetails: { saleDate: '2025-03-01', vendorAmount, purchasePrice: 90, discounts: [{ type: 'LOYALTY_DISCOUNT', amount: 15 }], saleType: 'New' },
  extraFieldNotInCatalogue: { kept: true },
});

describe('record writer', () => {
  it('flattens catalogue columns and keeps the raw record', () => {
    const write = createRecordWriter(db, recordDataset('transactions'));
    expect(write([transaction('line-1', 50)], '2026-01-01T00:00:00Z')).toMatchObject({ inserted: 1 });
    const row = db.prepare('SELECT * FROM transactions').get() as Record<string, unknown>;
    expect(row).toMatchObject({ _key: 'line-1', company: 'Acme, Inc.', vendorAmount: 50, saleDate: '2025-03-01', discounts: '[{"type":"LOYALTY_DISCOUNT","amount":15}]' });
    expect(JSON.parse(row._raw as string).extraFieldNotInCatalogue).toEqual({ kept: true });
  });

  it('upserts on the natural key and records changed fields, ignoring bookkeeping ones', () => {
    const write = createRecordWriter(db, recordDataset('transactions'));
    write([transaction('line-1', 50), transaction('line-2', 10)], 't1', 1);
    const second = write([transaction('line-1', 45, '2025-04-01'), transaction('line-2', 10)], 't2', 2);
    expect(second).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, changes: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM transactions').get()).toEqual({ n: 2 });
    expect(db.prepare('SELECT record_key, field, old_value, new_value, seen_at, sync_run_id FROM change_history').all()).toEqual([
      { record_key: 'line-1', field: 'vendorAmount', old_value: '50', new_value: '45', seen_at: 't2', sync_run_id: 2 },
    ]);
  });

  it('a lastUpdated-only change updates the row without a history entry', () => {
    const write = createRecordWriter(db, recordDataset('transactions'));
    write([transaction('line-1', 50)], 't1');
    expect(write([transaction('line-1', 50, '2025-05-05')], 't2')).toMatchObject({ updated: 1, changes: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM change_history').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT lastUpdated, _changed_at FROM transactions').get()).toEqual({ lastUpdated: '2025-05-05', _changed_at: null });
  });

  it('keys licences on the entitlement id, falling back to the entitlement number', () => {
    const write = createRecordWriter(db, recordDataset('licences'));
    const result = write(
      [
        { appEntitlementId: 'id-1', appEntitlementNumber: null, hosting: 'Data Center' },
        { appEntitlementId: 'id-1', appEntitlementNumber: 'E-1', hosting: 'Data Center' },
        { appEntitlementNumber: 'E-2' },
        { hosting: 'Cloud' },
      ],
      't1',
    );
    expect(result).toMatchObject({ inserted: 2, updated: 1, skipped: 1 });
    expect(db.prepare('SELECT _key, appEntitlementNumber FROM licences ORDER BY _key').all()).toEqual([
      { _key: 'E-2', appEntitlementNumber: 'E-2' },
      { _key: 'id-1', appEntitlementNumber: 'E-1' },
    ]);
  });

  it('reads churn events licence fields from either shape', () => {
    const write = createRecordWriter(db, recordDataset('churn-events'));
    write(
      [
        { eventDate: '2025-03-18', transactionId: 'IN-1', licenseDetails: null, appEntitlementId: 'a', monthsValid: 1 },
        { eventDate: '2025-03-18', transactionId: 'IN-2', licenseDetails: { appEntitlementId: 'b', monthsValid: 12 } },
      ],
      't1',
    );
    expect(db.prepare('SELECT appEntitlementId, monthsValid FROM churn_events ORDER BY appEntitlementId').all()).toEqual([
      { appEntitlementId: 'a', monthsValid: 1 },
      { appEntitlementId: 'b', monthsValid: 12 },
    ]);
  });
});
