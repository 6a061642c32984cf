/** Value vocabularies the generated vendor draws from (ENDPOINTS.md §17 plus plausible extras). */

export const hostings = ['Cloud', 'Data Center', 'Server'] as const;
export const hostingCatalogValues = ['CLOUD', 'DATA_CENTER', 'SERVER'] as const;

export const tiers = [
  'Evaluation',
  '10 Users',
  '25 Users',
  '50 Users',
  '100 Users',
  '250 Users',
  '500 Users',
  '1000 Users',
  '2000 Users',
  '5000 Users',
  '10000 Users',
  'Unlimited Users',
] as const;
/** Seat count per tier, used for prices and the customer-insights tier buckets. */
export const tierSeats = [0, 10, 25, 50, 100, 250, 500, 1000, 2000, 5000, 10000, 20000] as const;

export const licenseTypes = ['EVALUATION', 'COMMERCIAL', 'ACADEMIC', 'COMMUNITY', 'OPEN_SOURCE', 'DEMONSTRATION', 'FREE'] as const;
export const licenseStatuses = ['active', 'inactive', 'cancelled'] as const;
export const appEditions = ['Standard', 'Advanced'] as const;
export const parentEditions = ['Free', 'Standard', 'Premium', 'Enterprise'] as const;
export const billingPeriods = ['Monthly', 'Annual'] as const;
export const saleTypes = ['New', 'Renewal', 'Upgrade', 'Refund'] as const;
export const paymentStatuses = ['Paid', 'Open', 'Overdue'] as const;
export const partnerTypes = ['Expert', 'Reseller'] as const;
export const parentProducts = ['Jira', 'Confluence', 'Jira Service Management', 'Bitbucket'] as const;
export const applicationKeys = ['jira', 'confluence', 'jira-servicedesk', 'bitbucket'] as const;

export interface Country {
  readonly name: string;
  /** Region as licences and transactions spell it; customer insights lower-case it. */
  readonly region: 'EMEA' | 'Americas' | 'APAC';
  readonly weight: number;
}

export const countries: readonly Country[] = [
  { name: 'United States', region: 'Americas', weight: 30 },
  { name: 'Germany', region: 'EMEA', weight: 12 },
  { name: 'United Kingdom', region: 'EMEA', weight: 9 },
  { name: 'France', region: 'EMEA', weight: 6 },
  { name: 'Canada', region: 'Americas', weight: 5 },
  { name: 'Australia', region: 'APAC', weight: 5 },
  { name: 'Japan', region: 'APAC', weight: 4 },
  { name: 'India', region: 'APAC', weight: 4 },
  { name: 'Netherlands', region: 'EMEA', weight: 3 },
  { name: 'Brazil', region: 'Americas', weight: 3 },
  { name: 'Switzerland', region: 'EMEA', weight: 2 },
  { name: 'Poland', region: 'EMEA', weight: 2 },
  { name: 'Sweden', region: 'EMEA', weight: 2 },
  { name: 'Spain', region: 'EMEA', weight: 2 },
  { name: 'Singapore', region: 'APAC', weight: 2 },
  { name: 'South Korea', region: 'APAC', weight: 2 },
  { name: 'Israel', region: 'EMEA', weight: 1 },
  { name: 'Mexico', region: 'Americas', weight: 1 },
  { name: 'South Africa', region: 'EMEA', weight: 1 },
  { name: 'Albania', region: 'EMEA', weight: 1 },
];
export const countryWeights = countries.map((c) => c.weight);

export const feedbackTypes = ['uninstall', 'unsubscribe', 'disable'] as const;
export const feedbackReasons = [
  { key: 'expectations', text: 'The app did not meet my expectations' },
  { key: 'alternative', text: 'I found an alternative app' },
  { key: 'appFunctionality', text: 'The app is missing functionality I need' },
  { key: 'cost', text: 'The app is too expensive' },
  { key: 'noLongerNeeded', text: 'I no longer need the app' },
] as const;
/** Free-text feedback; some carry commas, quotes and newlines so CSV quoting is exercised. */
export const feedbackMessages = [
  '',
  '',
  'Too expensive for our team size.',
  'We moved to another tool, thanks anyway',
  'Missing "bulk edit", which we need daily',
  'Great app, but our budget was cut.\nWill come back next year.',
  'Didn\'t work with our SSO, sadly; support was quick though',
] as const;

export const companyStems = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Wonka', 'Tyrell',
  'Cyberdyne', 'Soylent', 'Massive', 'Aperture', 'Black Mesa', 'Gringotts', 'Monarch', 'Oscorp', 'Pied Piper', 'Dunder',
  'Nakatomi', 'Virtucon', 'Prestige', 'Sterling', 'Bluth', 'Krusty', 'Octan', 'Zorg', 'Tessier', 'Weyland',
  'Blue Sun', 'Kerbal', 'Nordic', 'Alpine', 'Pacific', 'Atlas', 'Orion', 'Vertex', 'Summit', 'Harbor',
] as const;
export const companySuffixes = ['Inc.', 'GmbH', 'Ltd', 'S.A.', 'AG', 'LLC', 'Pty Ltd', 'K.K.', 'B.V.', 'Corp.'] as const;
export const companyKinds = ['Labs', 'Systems', 'Software', 'Group', 'Bank', 'Health', 'Logistics', 'Media', 'Energy', 'Retail'] as const;
export const firstNames = ['Ana', 'Ben', 'Chen', 'Dana', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivan', 'Jo', 'Kai', 'Lena', 'Marco', 'Nia', 'Omar', 'Pia', 'Quinn', 'Ravi', 'Sara', 'Tom'] as const;
export const lastNames = ['Schmidt', 'Smith', 'Tanaka', "O'Brien", 'Garcia', 'Nowak', 'Rossi', 'Kim', 'Dubois', 'Silva', 'Jensen', 'Patel', 'Cohen', 'Müller', 'Ivanova'] as const;
export const cities = ['Berlin', 'Austin', 'London', 'Paris', 'Toronto', 'Sydney', 'Tokyo', 'Pune', 'Amsterdam', 'São Paulo'] as const;

export const partnerNames = [
  'Clearvision', 'Valiantys', 'Catworkx', 'Adaptavist Partners', 'Isos Technology', 'Eficode', 'Ricksoft', 'Forty8Fifty',
  'Cprime', 'Praecipio', 'Atlassian Solution Partner 11', 'Zen Consulting',
] as const;

export const discountTypes = ['LOYALTY_DISCOUNT', 'MARKETPLACE_PROMOTION', 'PARTNER_DISCOUNT', 'EXPERT_DISCOUNT'] as const;

export const appNameWords = [
  'Timesheets', 'Roadmaps', 'Checklists', 'Diagrams', 'Tables', 'Forms', 'Automation Kit', 'Git Integration', 'Test Manager', 'Workflow Toolbox',
  'Page Tree', 'Scroll Exporter', 'Secure Notes', 'Sprint Poker', 'Asset Tracker', 'Approvals', 'Calendar', 'Glossary', 'Metrics Board', 'Field Builder',
] as const;
