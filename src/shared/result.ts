/**
 * Errors cross process boundaries as values, never as thrown exceptions, so the renderer can act
 * on a code (`auth.invalid` → show the re-key form) instead of parsing a message.
 */
export const errorCodes = [
  'validation',
  'unknown_method',
  'forbidden_sender',
  'not_found',
  'conflict',
  'cancelled',
  'busy',
  'auth.invalid',
  'auth.forbidden',
  'network.offline',
  'network.timeout',
  'api.error',
  'api.malformed',
  'keychain.unavailable',
  'db.newer',
  'db.corrupt',
  'db.full',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** An exception that carries an error code; handlers convert it into an error value. */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppFailure';
    this.code = code;
  }
}

export function toAppError(e: unknown): AppError {
  if (e instanceof AppFailure) return { code: e.code, message: e.message };
  // Unexpected exceptions keep a generic message: their text may hold paths or SQL, not secrets,
  // but it is not written for the user either.
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}
