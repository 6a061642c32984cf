/**
 * The metric tables that plain SQL builds well: cash revenue by day, evaluation cohorts and
 * licence start/end deltas. Called inside refreshMetrics' transaction.
 */
import type { Db } from '../store';

/** Sales by sale date, app, hosting and sale type (refunds keep their negative amounts). */
export function refreshRevenue(db: Db): void {
  db.exec(`
    INSERT INTO metric_revenue_day (day, addon_key, hosting, sale_type, lines, zero_lines, vendor_amount, purchase_price)
    SELECT substr(saleDate, 1, 10), coalesce(addonKey, ''), coalesce(hosting, ''),
           CASE WHEN saleType = 'Refund' OR vendorAmount < 0 THEN 'Refund' ELSE coalesce(saleType, '') END,
           count(*), sum(coalesce(vendorAmount, 0) = 0), total(vendorAmount), total(purchasePrice)
      FROM transactions
     WHERE _gone_since IS NULL AND saleDate IS NOT NULL
     GROUP BY 1, 2, 3, 4`);
}

/**
 * Evaluation cohorts: one evaluation per evaluation licence, converted when its entitlement or
 * a licence naming it as evaluationLicense has a paid sale (vendor amount > 0) on or after the
 * evaluation start. Entitlements are matched by id and by number alike (the API uses both).
 */
export function refreshConversion(db: Db): void {
  db.exec(`
    DROP TABLE IF EXISTS temp.m_paid;
    DROP TABLE IF EXISTS temp.m_links;
    CREATE TEMP TABLE m_paid (ent TEXT NOT NULL, day TEXT NOT NULL);
    INSERT INTO m_paid
      SELECT appEntitlementId, substr(saleDate, 1, 10) FROM transactions
       WHERE _gone_since IS NULL AND vendorAmount > 0 AND coalesce(saleType, '') <> 'Refund' AND appEntitlementId IS NOT NULL AND saleDate IS NOT NULL
      UNION
      SELECT appEntitlementNumber, substr(saleDate, 1, 10) FROM transactions
       WHERE _gone_since IS NULL AND vendorAmount > 0 AND coalesce(saleType, '') <> 'Refund' AND appEntitlementNumber IS NOT NULL AND saleDate IS NOT NULL;
    CREATE INDEX temp.m_paid_by_ent ON m_paid (ent, day);

    CREATE TEMP TABLE m_links (ident TEXT NOT NULL, ent TEXT NOT NULL);
    INSERT INTO m_links
      SELECT CASE WHEN evaluationLicense IS NOT NULL AND evaluationLicense NOT IN ('', 'NA') THEN evaluationLicense
                  ELSE coalesce(appEntitlementId, appEntitlementNumber) END, e.value
        FROM licences, json_each(json_array(appEntitlementId, appEntitlementNumber)) AS e
       WHERE _gone_since IS NULL AND e.value IS NOT NULL
         AND (evaluationStartDate IS NOT NULL OR (evaluationLicense IS NOT NULL AND evaluationLicense NOT IN ('', 'NA')));
    CREATE INDEX temp.m_links_by_ident ON m_links (ident);

    INSERT INTO metric_conversion_day (day, addon_key, hosting, evaluations, converted, days_to_convert)
    SELECT start, addon, hosting, count(*), count(paid_day),
           total(julianday(paid_day) - julianday(start))
      FROM (
        SELECT ev.*, (SELECT min(p.day) FROM m_links l JOIN m_paid p ON p.ent = l.ent AND p.day >= ev.start WHERE l.ident = ev.ident) AS paid_day
          FROM (
            SELECT CASE WHEN evaluationLicense IS NOT NULL AND evaluationLicense NOT IN ('', 'NA') THEN evaluationLicense
                        ELSE coalesce(appEntitlementId, appEntitlementNumber) END AS ident,
                   min(substr(evaluationStartDate, 1, 10)) AS start, coalesce(min(addonKey), '') AS addon, coalesce(min(hosting), '') AS hosting
              FROM licences
             WHERE _gone_since IS NULL AND evaluationStartDate IS NOT NULL AND evaluationStartDate <> ''
             GROUP BY ident
          ) AS ev
       )
     GROUP BY 1, 2, 3;
    DROP TABLE temp.m_paid;
    DROP TABLE temp.m_links;
  `);
}

/** +1 on a licence's maintenance start, −1 the day after its end, by app, hosting, edition and kind. */
export function refreshLicenceDeltas(db: Db): void {
  db.exec(`
    INSERT INTO metric_licence_delta (day, addon_key, hosting, edition, kind, delta)
    SELECT day, addon, hosting, edition, kind, sum(delta) FROM (
      SELECT substr(maintenanceStartDate, 1, 10) AS day, coalesce(addonKey, '') AS addon, coalesce(hosting, '') AS hosting,
             coalesce(nullif(appEdition, ''), 'Unspecified') AS edition,
             CASE licenseType WHEN 'EVALUATION' THEN 'evaluation' WHEN 'COMMERCIAL' THEN 'paid' ELSE 'free' END AS kind, 1 AS delta
        FROM licences WHERE _gone_since IS NULL AND maintenanceStartDate IS NOT NULL
      UNION ALL
      SELECT date(substr(maintenanceEndDate, 1, 10), '+1 day'), coalesce(addonKey, ''), coalesce(hosting, ''),
             coalesce(nullif(appEdition, ''), 'Unspecified'),
             CASE licenseType WHEN 'EVALUATION' THEN 'evaluation' WHEN 'COMMERCIAL' THEN 'paid' ELSE 'free' END, -1
        FROM licences
       WHERE _gone_since IS NULL AND maintenanceStartDate IS NOT NULL AND date(substr(maintenanceEndDate, 1, 10)) IS NOT NULL
         AND substr(maintenanceEndDate, 1, 10) >= substr(maintenanceStartDate, 1, 10)
    ) WHERE day IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(delta) <> 0`);
}

/** App keys and names (for the app filter) from both record tables. */
export function refreshApps(db: Db): void {
  db.exec(`
    INSERT INTO metric_apps (addon_key, name)
    SELECT addonKey, coalesce(max(addonName), addonKey) FROM (
      SELECT addonKey, addonName FROM licences WHERE addonKey IS NOT NULL
      UNION ALL SELECT addonKey, addonName FROM transactions WHERE addonKey IS NOT NULL
    ) GROUP BY addonKey`);
}
