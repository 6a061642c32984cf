export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** A bad flag value found after parsing (zod validation of flags): exit code 2. */
export class UsageError extends Error {}
