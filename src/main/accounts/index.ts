export { createAccountsService, type AccountsService, type AccountsServiceOptions, type SpaceControl } from './accounts-service';
export { createAccountsHandlers } from './handlers';
export { checkCredentials, type Credentials, type CheckCredentials } from './credential-check';
export { listReportGroups } from './report-links';
export { isDemoAccountId, demoAccount } from './account-views';
export { readActiveAccountId } from './repository';
export { openAccounts, openLocalAccounts, spaceControlFor } from './app-accounts';
