// Contract methods of the accounts domain; merged into `methods` in contract.ts.
// The API token crosses IPC exactly once per add/rotate, renderer → main, inside the request; no
// response or event of this file carries it back: the renderer only ever learns `hasToken`.
import { z } from 'zod';
import { dataMethod, mainMethod } from './contract-methods';

export const defaultBaseUrl = 'https://api.atlassian.com/marketplace';
/** The built-in account that reads from the in-process simulator and needs no token. */
export const demoAccountId = 'demo';
/** Where partners create API tokens (linked from the welcome form and the CLI). */
export const apiTokenHelpUrl = 'https://id.atlassian.com/manage-profile/security/api-tokens';
export const requiredPermissions = ['View sales reports', 'View all other reports'] as const;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const accountNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name for this developer space')
  .max(80, 'Use at most 80 characters for the name');

export const developerIdSchema = z
  .string()
  .trim()
  .regex(uuidPattern, 'The developer ID is a UUID such as 5b2c3d4e-1f2a-4b3c-9d8e-7f6a5b4c3d2e (Marketplace → Manage partner account)')
  .transform((s) => s.toLowerCase());

export const emailSchema = z.string().trim().max(254).pipe(z.email('Enter the e-mail address of your Atlassian account'));

/** https only, except on this machine (the simulator), where http is allowed. */
export const baseUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine(isAllowedBaseUrl, 'The base URL must be an https:// address (http:// only for 127.0.0.1 or localhost)')
  .transform((s) => s.replace(/\/+$/, ''));

/** Atlassian API tokens are long opaque strings; bounds only guard against pasting a document. */
export const apiTokenSchema = z
  .string()
  .min(1, 'Paste the API token')
  .max(4096, 'That is too long to be an API token')
  .refine((s) => s.trim().length > 0 && !/[\r\n]/.test(s.trim()), 'The API token is one line of text');

const accountIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Invalid account id');

export function isAllowedBaseUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && loopbackHosts.has(url.hostname);
}

export const accountCredentialsSchema = z
  .object({
    developerId: developerIdSchema,
    email: emailSchema,
    baseUrl: baseUrlSchema.default(defaultBaseUrl),
  })
  .strict();

export const addAccountRequestSchema = z
  .object({
    name: accountNameSchema,
    developerId: developerIdSchema,
    email: emailSchema,
    baseUrl: baseUrlSchema.default(defaultBaseUrl),
    token: apiTokenSchema,
  })
  .strict();
export type AddAccountRequest = z.output<typeof addAccountRequestSchema>;

// ---- response types ----------------------------------------------------------------------------

export interface AccountView {
  id: string;
  name: string;
  developerId: string;
  email: string;
  baseUrl: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Whether the keychain holds a token for it (never the token). Always false for Demo. */
  hasToken: boolean;
  isDemo: boolean;
  isActive: boolean;
}

/** A report group the token can reach, from the root resource's `_links`. */
export interface ReportGroup {
  relation: string;
  title: string;
}

export interface CredentialCheck {
  reportGroups: ReportGroup[];
  checkedAt: string;
}

export interface AddAccountResponse extends CredentialCheck {
  account: AccountView;
}

export interface RemoveAccountResponse {
  removedTokens: boolean;
  deletedData: boolean;
  /** The account that is active afterwards (null: none chosen, show the welcome screen). */
  activeAccountId: string | null;
}

export interface KeychainStatusView {
  available: boolean;
  message: string | null;
}

const byId = z.object({ id: accountIdSchema }).strict();
const empty = z.object({}).strict();

// ---- the open space (answered by the data service) ----------------------------------------------
// Main calls these after changing the active account; they take no account from the caller: the
// data service reads the active account from the app database, so a stray call cannot open a
// space that is not the active one.

export interface OpenSpaceResponse {
  spaceId: string;
}

export const spaceMethods = {
  /** Opens the active account's space (instantly: the file is opened, nothing is synced). */
  'space.open': dataMethod<OpenSpaceResponse>()(empty),
  /** Closes the connections of a space that is not open, so its files can be deleted. */
  'space.release': dataMethod<{ released: boolean }>()(z.object({ spaceId: accountIdSchema }).strict()),
} as const;

export const accountsMethods = {
  'accounts.list': mainMethod<AccountView[]>()(empty),
  /** The active account, or null on first run (the renderer shows the welcome screen). */
  'accounts.active': mainMethod<AccountView | null>()(empty),
  'accounts.keychainStatus': mainMethod<KeychainStatusView>()(empty),
  /** Checks the credentials first; saves the account and its token only when they work. */
  'accounts.add': mainMethod<AddAccountResponse>()(addAccountRequestSchema),
  'accounts.test': mainMethod<CredentialCheck>()(byId),
  'accounts.rotate': mainMethod<CredentialCheck>()(z.object({ id: accountIdSchema, token: apiTokenSchema }).strict()),
  'accounts.rename': mainMethod<AccountView>()(z.object({ id: accountIdSchema, name: accountNameSchema }).strict()),
  'accounts.remove': mainMethod<RemoveAccountResponse>()(z.object({ id: accountIdSchema, deleteData: z.boolean() }).strict()),
  'accounts.setActive': mainMethod<AccountView>()(byId),
  ...spaceMethods,
} as const;
