import { requiredPermissions, type ReportGroup } from '../../shared/contract-accounts';
import { AppFailure } from '../../shared/result';
import { listReportGroups } from './report-links';

export interface Credentials {
  baseUrl: string;
  developerId: string;
  email: string;
  token: string;
}

export interface CheckOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type CheckCredentials = (credentials: Credentials, options?: CheckOptions) => Promise<ReportGroup[]>;

const permissionsText = requiredPermissions.map((p) => `“${p}”`).join(' and ');

/**
 * Calls the root links resource with Basic auth and answers the report groups it lists. Every
 * failure is an AppFailure whose message is written for the user and never contains the token
 * (nor the Authorization header, nor the response body, which could echo it).
 */
export const checkCredentials: CheckCredentials = async (credentials, options = {}) => {
  const url = `${credentials.baseUrl.replace(/\/+$/, '')}/rest/3/reporting/developer-space/${encodeURIComponent(credentials.developerId)}/`;
  const host = safeHost(credentials.baseUrl);
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      headers: {
        Accept: 'application/json',
        Authorization: `Basic ${Buffer.from(`${credentials.email}:${credentials.token}`, 'utf8').toString('base64')}`,
      },
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
  } catch (e) {
    if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
      throw new AppFailure('network.timeout', `${host} did not answer within ${Math.round((options.timeoutMs ?? 20_000) / 1000)} s. Check your connection and try again.`);
    }
    throw new AppFailure('network.offline', `Could not reach ${host}: you seem to be offline, or the address is wrong. Check your connection and try again.`);
  }

  if (response.status === 401) {
    await discard(response);
    throw new AppFailure('auth.invalid', 'The API rejected these credentials (401): check the e-mail address and the API token. A revoked or expired token also gives this error.');
  }
  if (response.status === 403) {
    await discard(response);
    throw new AppFailure(
      'auth.forbidden',
      `The token works but may not read this developer space (403): check the developer ID, and make sure the account has the ${permissionsText} permissions in the Marketplace partner profile.`,
    );
  }
  if (response.status === 404) {
    await discard(response);
    throw new AppFailure('api.error', 'No developer space with this ID was found (404): copy the developer ID from your Marketplace partner profile.');
  }
  if (!response.ok) {
    await discard(response);
    throw new AppFailure('api.error', `The Marketplace API answered ${response.status} ${response.statusText}`.trim() + '. Try again later.');
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new AppFailure('api.malformed', `${host} answered with something that is not JSON: is the base URL right?`);
  }
  const groups = listReportGroups(body);
  if (groups === null) throw new AppFailure('api.malformed', `${host} answered without the expected report links: is the base URL right?`);
  if (groups.length === 0) {
    throw new AppFailure('auth.forbidden', `The token reaches no report in this developer space: the account needs the ${permissionsText} permissions.`);
  }
  return groups;
};

function safeHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'the API';
  }
}

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Nothing to free.
  }
}
