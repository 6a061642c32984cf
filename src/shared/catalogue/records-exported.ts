import { appColumns, col } from './column-kit';
import type { RecordDataset } from './types';

/**
 * Free starter tier: the reference documents neither the filters nor the CSV columns
 * (ENDPOINTS.md §10). These are the columns the simulator emits and the client maps; unknown
 * CSV columns are still kept in the raw record.
 */
export const freeStarterTier: RecordDataset = {
  kind: 'records',
  id: 'free-starter-tier',
  table: 'free_starter_tier',
  title: 'Free starter tier',
  description: 'Cloud entitlements on the free starter tier plan.',
  endpoints: ['free-starter-tier-export'],
  key: [['appEntitlementId'], ['appEntitlementNumber']],
  columns: [
    col('appEntitlementId', 'Entitlement ID', 'text', 'appEntitlementId', { searchable: false, lookup: true }),
    col('appEntitlementNumber', 'Entitlement', 'text', 'appEntitlementNumber', { lookup: true }),
    ...appColumns,
    col('hosting', 'Hosting', 'enum', 'hosting'),
    col('cloudId', 'Cloud ID', 'text', 'cloudId', { searchable: false }),
    col('cloudSiteHostname', 'Site', 'text', 'cloudSiteHostname', { lookup: true }),
    col('parentProductName', 'Parent product', 'enum', 'parentProductName'),
    col('startDate', 'Start date', 'date', 'startDate'),
    col('endDate', 'End date', 'date', 'endDate'),
    col('status', 'Status', 'enum', 'status'),
    col('userCount', 'Users', 'number', 'userCount'),
    col('company', 'Company', 'text', 'company'),
    col('country', 'Country', 'enum', 'country'),
    col('region', 'Region', 'enum', 'region'),
    col('installedOnSandbox', 'On sandbox', 'enum', 'installedOnSandbox'),
  ],
  defaultSort: [{ column: 'startDate', direction: 'desc' }],
  defaultVisible: ['appEntitlementNumber', 'addonName', 'cloudSiteHostname', 'parentProductName', 'startDate', 'status', 'userCount', 'company', 'country'],
  sync: { kind: 'full-export', exportEndpoints: ['free-starter-tier-export'] },
};

/**
 * Marketing attribution: the download's fields are not documented (ENDPOINTS.md §7.3); these are
 * the ones the simulator emits — the customer's journey in the 30 days before an evaluation.
 */
export const marketingAttribution: RecordDataset = {
  kind: 'records',
  id: 'marketing-attribution',
  table: 'marketing_attribution',
  title: 'Marketing attribution',
  description: 'Where evaluations came from: channel, campaign and referrer before each trial started.',
  endpoints: [
    'marketing-attribution-async-export-start',
    'marketing-attribution-async-export-status',
    'marketing-attribution-async-export-download',
  ],
  key: [['evaluationLicense']],
  columns: [
    col('evaluationLicense', 'Evaluation licence', 'text', 'evaluationLicense', { searchable: false }),
    col('appEntitlementNumber', 'Entitlement', 'text', 'appEntitlementNumber', { lookup: true }),
    ...appColumns,
    col('hosting', 'Hosting', 'enum', 'hosting'),
    col('evaluationStartDate', 'Evaluation start', 'date', 'evaluationStartDate'),
    col('channel', 'Channel', 'enum', 'channel'),
    col('referrerDomain', 'Referrer', 'enum', 'referrerDomain', { searchable: true }),
    col('utmSource', 'UTM source', 'enum', 'utmSource'),
    col('utmMedium', 'UTM medium', 'enum', 'utmMedium'),
    col('utmCampaign', 'UTM campaign', 'enum', 'utmCampaign', { searchable: true }),
    col('utmContent', 'UTM content', 'text', 'utmContent'),
    col('utmTerm', 'UTM term', 'text', 'utmTerm'),
    col('firstVisitDate', 'First visit', 'date', 'firstVisitDate'),
    col('pageViews', 'Page views', 'number', 'pageViews'),
    col('country', 'Country', 'enum', 'country'),
    col('region', 'Region', 'enum', 'region'),
  ],
  defaultSort: [{ column: 'evaluationStartDate', direction: 'desc' }],
  defaultVisible: ['evaluationStartDate', 'addonName', 'channel', 'referrerDomain', 'utmSource', 'utmCampaign', 'pageViews', 'country'],
  sync: {
    kind: 'windowed-async-export',
    exportEndpoints: [
      'marketing-attribution-async-export-start',
      'marketing-attribution-async-export-status',
      'marketing-attribution-async-export-download',
    ],
    // LIVE-API-NOTES: a window over 90 days drops data; attribution exists from July 2018.
    windowDays: 90,
    earliest: '2018-07-01',
  },
};

export const productCatalog: RecordDataset = {
  kind: 'records',
  id: 'product-catalog',
  table: 'product_catalog',
  title: 'Product catalog',
  description: 'Every public app version on the Marketplace (the latest catalogue snapshot).',
  endpoints: ['product-catalog-latest'],
  key: [['productId', 'appSoftwareHosting', 'versionNumber']],
  columns: [
    col('productId', 'Product ID', 'text', 'product_id', { searchable: false }),
    col('marketplaceAppKey', 'App key', 'text', 'marketplace_app_key', { lookup: true }),
    col('marketplaceAppName', 'App', 'text', 'marketplace_app_name'),
    col('vendorName', 'Vendor', 'text', 'vendor_name'),
    col('versionNumber', 'Version', 'text', 'version_number'),
    col('appSoftwareHosting', 'Hosting', 'enum', 'app_software_hosting'),
    col('releasedAt', 'Released', 'date', 'released_at'),
    col('versionStatus', 'Version status', 'enum', 'version_status'),
    col('isBeta', 'Beta', 'boolean', 'is_beta'),
    col('isConnect', 'Connect', 'boolean', 'is_connect'),
    col('isSupported', 'Supported', 'boolean', 'is_supported'),
    col('publiclyVisible', 'Public', 'boolean', 'publicly_visible'),
    col('isAutoUpdateStrategyAvailable', 'Auto update', 'boolean', 'is_auto_update_strategy_available'),
    col('summary', 'Summary', 'text', 'summary'),
    col('tagLine', 'Tag line', 'text', 'tag_line'),
    col('reviewScore', 'Review score', 'number', 'review_score'),
    col('averageStars', 'Average stars', 'number', 'average_stars'),
    col('numberOfReviews', 'Reviews', 'number', 'number_of_reviews'),
    col('downloadCount', 'Downloads', 'number', 'download_count'),
    col('categoryNameList', 'Categories', 'text', 'category_name_list'),
    col('parentSoftwareList', 'Parent software', 'text', 'parent_software_list'),
    col('supportedPaymentModel', 'Payment model', 'enum', 'supported_payment_model'),
  ],
  defaultSort: [{ column: 'releasedAt', direction: 'desc' }],
  defaultVisible: ['marketplaceAppName', 'vendorName', 'versionNumber', 'appSoftwareHosting', 'releasedAt', 'averageStars', 'downloadCount', 'supportedPaymentModel'],
  sync: { kind: 'presigned-csv', exportEndpoints: ['product-catalog-latest'] },
};
