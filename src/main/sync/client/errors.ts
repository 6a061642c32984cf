import { AppFailure, type ErrorCode } from '../../../shared/result';

/**
 * Errors of the Marketplace API client. Each carries an error code the UI and the CLI act on and
 * a message a partner can act on; none ever contains the token or the Authorization header
 * (messages are built from the method, the path and the status only).
 */
export class ApiError extends AppFailure {
  constructor(
    code: ErrorCode,
    message: string,
    readonly status: number | null = null,
    /** Retrying may help (429, 5xx, network trouble, timeouts, truncated bodies). */
    readonly retryable = false,
    /** Seconds the server asked us to wait (Retry-After). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(code, message);
    this.name = 'ApiError';
  }
}

/** Failures no other request of the sync would escape: bad credentials, a missing permission, no network, a cancel. */
export function stopsTheSync(e: unknown): e is ApiError {
  return e instanceof ApiError && ['auth.invalid', 'auth.forbidden', 'network.offline', 'cancelled'].includes(e.code);
}

/** LIVE-API-NOTES: the token's account needs both report permissions; say which and what to do. */
export function authError(status: 401 | 403, what: string, said = ''): ApiError {
  if (status === 403 && said) {
    return new ApiError(
      'auth.forbidden',
      `${what}: access denied (403)${said}. The account needs the "View sales reports" and "View all other reports" permissions in this developer space; ask an admin of the space to grant the missing one, then sync again.`,
      403,
    );
  }
  if (status === 401) {
    return new ApiError(
      'auth.invalid',
      `${what}: the Marketplace API refused the credentials (401). Check the e-mail and API token of this account (create a new token at https://id.atlassian.com/manage-profile/security/api-tokens), and that the account has the "View sales reports" and "View all other reports" permissions for this developer space.`,
      401,
    );
  }
  return new ApiError(
    'auth.forbidden',
    `${what}: access denied (403). The account needs the "View sales reports" and "View all other reports" permissions in this developer space; ask an admin of the space to grant them, then sync again.`,
    403,
  );
}

export function offlineError(what: string, cause: string): ApiError {
  return new ApiError('network.offline', `${what}: offline — the Marketplace API cannot be reached (${cause}). Local data is untouched.`, null, true);
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/**
 * A failure another endpoint or request shape may not meet: server errors after every retry,
 * timeouts, bodies cut off, an export that FAILED. Not what stops the whole sync (401/403,
 * offline, cancel), nor malformed data (the other shape carries the same records), nor a 404.
 */
export function isServerSideFailure(e: unknown): boolean {
  return e instanceof ApiError && !['auth.invalid', 'auth.forbidden', 'network.offline', 'cancelled', 'api.malformed', 'not_found'].includes(e.code);
}

/** Parses Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, (at - now) / 1000);
}
