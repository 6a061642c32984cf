import { apiTokenHelpUrl, requiredPermissions } from '../../../../shared/contract-accounts';
import { ApiError } from './accounts-api';

export interface ConnectProblem {
  title: string;
  detail: string;
  /** Which field to point at, when one is to blame. */
  field?: 'token' | 'email' | 'developerId' | 'name' | 'baseUrl';
  help?: { label: string; href: string };
}

const permissionsHelp = 'https://support.atlassian.com/marketplace/docs/manage-permissions-for-your-marketplace-partner-account/';

/** What the connect form says for each error code of accounts.add / accounts.rotate. */
export function describeConnectProblem(e: unknown): ConnectProblem {
  if (!(e instanceof ApiError)) return { title: 'Something went wrong', detail: e instanceof Error ? e.message : String(e) };
  switch (e.code) {
    case 'auth.invalid':
      return { title: 'The e-mail or API token is wrong', detail: e.message, field: 'token', help: { label: 'Create a new API token', href: apiTokenHelpUrl } };
    case 'auth.forbidden':
      return {
        title: 'This account may not read these reports',
        detail: `${e.message} Ask an admin of your partner account to grant ${requiredPermissions.join(' and ')}.`,
        field: 'developerId',
        help: { label: 'How partner permissions work', href: permissionsHelp },
      };
    case 'network.offline':
      return { title: 'You seem to be offline', detail: e.message };
    case 'network.timeout':
      return { title: 'The Marketplace API did not answer', detail: e.message };
    case 'keychain.unavailable':
      return { title: 'The OS keychain is not available', detail: e.message };
    case 'conflict':
      return { title: 'Already saved', detail: e.message, field: e.message.includes('named') ? 'name' : 'developerId' };
    case 'validation':
      return { title: 'Check the form', detail: e.message };
    default:
      return { title: 'The Marketplace API answered with an error', detail: e.message };
  }
}
