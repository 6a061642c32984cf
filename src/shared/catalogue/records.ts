import type { ColumnDef, ColumnType, RecordDataset } from './types';

function col(
  name: string,
  label: string,
  type: ColumnType,
  path: string | readonly string[],
  extra: Pick<ColumnDef, 'searchable' | 'personal' | 'lookup'> = {},
): ColumnDef {
  return { name, label, type, path, ...extra };
}

/** Contact blocks appear in licences and transactions with the same keys. */
function contactColumns(prefix: string, labelPrefix: string, path: string, keys: readonly string[]): ColumnDef[] {
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

const appColumns: ColumnDef[] = [
  col('addonKey', 'App key', 'enum', 'addonKey', { searchable: true }),
  col('addonName', 'App', 'enum', 'addonName', { searchable: true }),
  col('productId', 'Product ID', 'text', 'productId', { searchable: false }),
];

const licenceContactKeys = ['email', 'name', 'address1', 'city', 'postcode', 'phone'] as const;

export const licences: RecordDataset = {
  kind: 'records',
  id: 'licences',
  table: 'licences',
  title: 'Licences',
  description: 'Every licence of your apps: evaluations, commercial, community and more, with contacts.',
  endpoints: ['licenses', 'licenses-export', 'licenses-async-export-start', 'licenses-async-export-status', 'licenses-async-export-download'],
  // LIVE-API-NOTES: Data Center licences gained entitlement numbers in Sept 2025; keying on the
  // entitlement id (present throughout) keeps one row per licence across that change.
  key: [['appEntitlementId'], ['appEntitlementNumber']],
  columns: [
    col('appEntitlementId', 'Entitlement ID', 'text', 'appEntitlementId', { searchable: false, lookup: true }),
    col('appEntitlementNumber', 'Entitlement', 'text', 'appEntitlementNumber', { lookup: true }),
    col('hostEntitlementId', 'Host entitlement ID', 'text', 'hostEntitlementId', { searchable: false }),
    col('hostEntitlementNumber', 'Host entitlement', 'text', 'hostEntitlementNumber', { lookup: true }),
    col('cloudId', 'Cloud ID', 'text', 'cloudId', { searchable: false }),
    col('cloudSiteHostname', 'Site', 'text', 'cloudSiteHostname', { lookup: true }),
    ...appColumns,
    col('hosting', 'Hosting', 'enum', 'hosting'),
    col('appEdition', 'Edition', 'enum', 'appEdition'),
    col('newBillingSystem', 'New billing system', 'enum', 'newBillingSystem'),
    col('lastUpdated', 'Last updated', 'date', 'lastUpdated'),
    col('licenseType', 'Licence type', 'enum', 'licenseType'),
    col('maintenanceStartDate', 'Maintenance start', 'date', 'maintenanceStartDate'),
    col('maintenanceEndDate', 'Maintenance end', 'date', 'maintenanceEndDate'),
    col('status', 'Status', 'enum', 'status'),
    col('tier', 'Tier', 'enum', 'tier'),
    col('company', 'Company', 'text', 'contactDetails.company'),
    col('country', 'Country', 'enum', 'contactDetails.country'),
    col('region', 'Region', 'enum', 'contactDetails.region'),
    ...contactColumns('technicalContact', 'Technical contact', 'contactDetails.technicalContact', licenceContactKeys),
    ...contactColumns('billingContact', 'Billing contact', 'contactDetails.billingContact', licenceContactKeys),
    col('partnerName', 'Partner', 'enum', 'partnerDetails.partnerName', { searchable: true }),
    col('partnerType', 'Partner type', 'enum', 'partnerDetails.partnerType'),
    col('partnerBillingContactEmail', 'Partner billing e-mail', 'text', 'partnerDetails.billingContact.email', { personal: true }),
    col('partnerBillingContactName', 'Partner billing name', 'text', 'partnerDetails.billingContact.name', { personal: true }),
    col('extendedServerSupport', 'Extended server support', 'enum', 'extendedServerSupport'),
    col('evaluationOpportunitySize', 'Evaluation opportunity size', 'text', 'evaluationOpportunitySize', { searchable: false }),
    col('evaluationLicense', 'Evaluation licence', 'text', 'evaluationLicense', { searchable: false }),
    col('daysToConvertEval', 'Days to convert', 'text', 'daysToConvertEval', { searchable: false }),
    col('evaluationStartDate', 'Evaluation start', 'date', 'evaluationStartDate'),
    col('evaluationEndDate', 'Evaluation end', 'date', 'evaluationEndDate'),
    col('parentProductBillingCycle', 'Parent billing cycle', 'enum', 'parentProductBillingCycle'),
    col('parentProductName', 'Parent product', 'enum', 'parentProductName'),
    col('installedOnSandbox', 'On sandbox', 'enum', 'installedOnSandbox'),
    col('parentProductEdition', 'Parent edition', 'enum', 'parentProductEdition'),
    col('licenseSourceType', 'Licence source', 'enum', 'licenseSourceType'),
    col('transactionAccountId', 'Transaction account', 'text', 'transactionAccountId', { searchable: false }),
    col('cloudComplianceBoundaries', 'Compliance boundaries', 'json', 'cloudComplianceBoundaries'),
  ],
  defaultSort: [{ column: 'maintenanceStartDate', direction: 'desc' }],
  defaultVisible: [
    'appEntitlementNumber',
    'addonName',
    'hosting',
    'licenseType',
    'status',
    'tier',
    'company',
    'country',
    'maintenanceStartDate',
    'maintenanceEndDate',
    'technicalContactEmail',
    'partnerName',
    'lastUpdated',
  ],
  lastUpdatedColumn: 'lastUpdated',
  bookkeepingColumns: ['lastUpdated'],
  sync: {
    kind: 'export-then-incremental',
    listEndpoint: 'licenses',
    exportEndpoints: ['licenses-async-export-start', 'licenses-async-export-status', 'licenses-async-export-download', 'licenses-export'],
  },
};

const transactionContact = (prefix: string, label: string, path: string): ColumnDef[] =>
  contactColumns(prefix, label, path, ['email', 'name']);

export const transactions: RecordDataset = {
  kind: 'records',
  id: 'transactions',
  table: 'transactions',
  title: 'Transactions',
  description: 'Every sale line item: new, renewal, upgrade and refund, with vendor amounts in USD.',
  endpoints: [
    'transactions',
    'transactions-export',
    'transactions-async-export-start',
    'transactions-async-export-status',
    'transactions-async-export-download',
  ],
  // LIVE-API-NOTES: transactionId is one invoice with several line items; the line item is the key.
  key: [['transactionLineItemId']],
  columns: [
    col('transactionLineItemId', 'Line item ID', 'text', 'transactionLineItemId', { searchable: false }),
    col('transactionId', 'Transaction', 'text', 'transactionId', { lookup: true }),
    ...appColumns,
    col('lastUpdated', 'Last updated', 'date', 'lastUpdated'),
    col('appEdition', 'Edition', 'enum', 'appEdition'),
    col('paymentStatus', 'Payment status', 'enum', 'paymentStatus'),
    col('company', 'Company', 'text', 'customerDetails.company'),
    col('country', 'Country', 'enum', 'customerDetails.country'),
    col('region', 'Region', 'enum', 'customerDetails.region'),
    ...transactionContact('technicalContact', 'Technical contact', 'customerDetails.technicalContact'),
    ...transactionContact('billingContact', 'Billing contact', 'customerDetails.billingContact'),
    col('saleDate', 'Sale date', 'date', 'purchaseDetails.saleDate'),
    col('licenseType', 'Licence type', 'enum', 'purchaseDetails.licenseType'),
    col('hosting', 'Hosting', 'enum', 'purchaseDetails.hosting'),
    col('changeInBillingPeriod', 'Billing period changed', 'enum', 'purchaseDetails.changeInBillingPeriod'),
    col('oldBillingPeriod', 'Old billing period', 'enum', 'purchaseDetails.oldBillingPeriod'),
    col('billingPeriod', 'Billing period', 'enum', 'purchaseDetails.billingPeriod'),
    col('changeInTier', 'Tier changed', 'enum', 'purchaseDetails.changeInTier'),
    col('oldTier', 'Old tier', 'enum', 'purchaseDetails.oldTier'),
    col('tier', 'Tier', 'enum', 'purchaseDetails.tier'),
    col('parentProductName', 'Parent product', 'enum', 'purchaseDetails.parentProductName'),
    col('changeInParentProductEdition', 'Parent edition changed', 'enum', 'purchaseDetails.changeInParentProductEdition'),
    col('oldParentProductEdition', 'Old parent edition', 'enum', 'purchaseDetails.oldParentProductEdition'),
    col('parentProductEdition', 'Parent edition', 'enum', 'purchaseDetails.parentProductEdition'),
    col('purchasePrice', 'Purchase price', 'money', 'purchaseDetails.purchasePrice'),
    col('vendorAmount', 'Vendor amount', 'money', 'purchaseDetails.vendorAmount'),
    col('partnerDiscountAmount', 'Partner discount', 'money', 'purchaseDetails.partnerDiscountAmount'),
    col('discounts', 'Discounts', 'json', 'purchaseDetails.discounts'),
    col('saleType', 'Sale type', 'enum', 'purchaseDetails.saleType'),
    col('maintenanceStartDate', 'Maintenance start', 'date', 'purchaseDetails.maintenanceStartDate'),
    col('maintenanceEndDate', 'Maintenance end', 'date', 'purchaseDetails.maintenanceEndDate'),
    col('paymentTerms', 'Payment terms', 'enum', 'purchaseDetails.paymentTerms'),
    col('partnerName', 'Partner', 'enum', 'partnerDetails.partnerName', { searchable: true }),
    col('partnerType', 'Partner type', 'enum', 'partnerDetails.partnerType'),
    ...transactionContact('partnerBillingContact', 'Partner billing', 'partnerDetails.billingContact'),
    col('appEntitlementId', 'Entitlement ID', 'text', 'appEntitlementId', { searchable: false }),
    col('appEntitlementNumber', 'Entitlement', 'text', 'appEntitlementNumber', { lookup: true }),
    col('hostEntitlementId', 'Host entitlement ID', 'text', 'hostEntitlementId', { searchable: false }),
    col('hostEntitlementNumber', 'Host entitlement', 'text', 'hostEntitlementNumber'),
    col('cloudId', 'Cloud ID', 'text', 'cloudId', { searchable: false }),
    col('cloudComplianceBoundaries', 'Compliance boundaries', 'json', 'cloudComplianceBoundaries'),
  ],
  defaultSort: [{ column: 'saleDate', direction: 'desc' }],
  defaultVisible: [
    'transactionId',
    'saleDate',
    'addonName',
    'company',
    'country',
    'hosting',
    'saleType',
    'tier',
    'purchasePrice',
    'vendorAmount',
    'partnerName',
    'appEntitlementNumber',
  ],
  lastUpdatedColumn: 'lastUpdated',
  bookkeepingColumns: ['lastUpdated'],
  sync: {
    kind: 'export-then-incremental',
    listEndpoint: 'transactions',
    exportEndpoints: [
      'transactions-async-export-start',
      'transactions-async-export-status',
      'transactions-async-export-download',
      'transactions-export',
    ],
  },
};

function licenceEventDataset(metric: 'churn' | 'conversion' | 'renewal', title: string, description: string): RecordDataset {
  // ENDPOINTS.md §18.33: the six licence fields sit under `licenseDetails` or at the event's top level.
  const licencePath = (field: string) => [`licenseDetails.${field}`, field] as const;
  return {
    kind: 'records',
    id: `${metric}-events`,
    table: `${metric}_events`,
    title,
    description,
    endpoints: ['sale-metric-details', 'sale-metric-details-export'],
    key: [['appEntitlementId', 'eventDate', 'transactionId'], ['appEntitlementNumber', 'eventDate', 'transactionId']],
    columns: [
      ...appColumns,
      col('hosting', 'Hosting', 'enum', 'hosting'),
      col('appEdition', 'Edition', 'enum', 'appEdition'),
      col('lastUpdated', 'Last updated', 'date', 'lastUpdated'),
      col('eventDate', 'Event date', 'date', 'eventDate'),
      col('transactionId', 'Transaction', 'text', 'transactionId', { lookup: true }),
      col('appEntitlementId', 'Entitlement ID', 'text', licencePath('appEntitlementId'), { searchable: false }),
      col('appEntitlementNumber', 'Entitlement', 'text', licencePath('appEntitlementNumber'), { lookup: true }),
      col('cloudId', 'Cloud ID', 'text', licencePath('cloudId'), { searchable: false }),
      col('maintenanceStartDate', 'Maintenance start', 'date', licencePath('maintenanceStartDate')),
      col('maintenanceEndDate', 'Maintenance end', 'date', licencePath('maintenanceEndDate')),
      col('monthsValid', 'Months valid', 'number', licencePath('monthsValid')),
    ],
    defaultSort: [{ column: 'eventDate', direction: 'desc' }],
    defaultVisible: ['eventDate', 'addonName', 'appEntitlementNumber', 'hosting', 'appEdition', 'transactionId', 'monthsValid', 'maintenanceEndDate'],
    lastUpdatedColumn: 'lastUpdated',
    bookkeepingColumns: ['lastUpdated'],
    sync: {
      kind: 'date-windowed-list',
      listEndpoint: 'sale-metric-details',
      exportEndpoints: ['sale-metric-details-export'],
      pathParams: { saleMetric: metric },
    },
  };
}

export const churnEvents = licenceEventDataset('churn', 'Churn events', 'Cloud licences whose customers stopped paying.');
export const conversionEvents = licenceEventDataset('conversion', 'Conversion events', 'Cloud evaluations that converted into paid licences.');
export const renewalEvents = licenceEventDataset('renewal', 'Renewal events', 'Cloud licences that renewed.');

export const feedback: RecordDataset = {
  kind: 'records',
  id: 'feedback',
  table: 'feedback',
  title: 'Feedback',
  description: 'Uninstall and unsubscribe feedback: type, reason and message.',
  endpoints: ['feedback-details', 'feedback-details-export'],
  key: [['appEntitlementId', 'date', 'feedbackType'], ['appEntitlementNumber', 'date', 'feedbackType'], ['cloudId', 'date', 'feedbackType']],
  columns: [
    ...appColumns,
    col('addonVersion', 'App version', 'enum', 'addonVersion'),
    col('applicationKey', 'Application', 'enum', 'applicationKey'),
    col('hosting', 'Hosting', 'enum', 'hosting'),
    col('appEdition', 'Edition', 'enum', 'appEdition'),
    col('date', 'Date', 'date', 'date'),
    col('feedbackType', 'Type', 'enum', 'feedbackType'),
    col('reasonKey', 'Reason key', 'enum', 'reasonKey'),
    col('reason', 'Reason', 'text', 'reason'),
    col('message', 'Message', 'text', 'message'),
    col('appEntitlementId', 'Entitlement ID', 'text', 'appEntitlementId', { searchable: false, lookup: true }),
    col('appEntitlementNumber', 'Entitlement', 'text', 'appEntitlementNumber', { lookup: true }),
    col('cloudId', 'Cloud ID', 'text', 'cloudId', { searchable: false }),
  ],
  defaultSort: [{ column: 'date', direction: 'desc' }],
  defaultVisible: ['date', 'addonName', 'feedbackType', 'reason', 'message', 'hosting', 'appEdition', 'appEntitlementNumber'],
  sync: { kind: 'date-windowed-list', listEndpoint: 'feedback-details', exportEndpoints: ['feedback-details-export'] },
};

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

export const recordDatasets = [
  licences,
  transactions,
  churnEvents,
  conversionEvents,
  renewalEvents,
  feedback,
  freeStarterTier,
  marketingAttribution,
  productCatalog,
] as const satisfies readonly RecordDataset[];
