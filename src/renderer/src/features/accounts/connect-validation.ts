import { accountNameSchema, apiTokenSchema, baseUrlSchema, developerIdSchema, emailSchema } from '../../../../shared/contract-accounts';

export interface ConnectValues {
  name: string;
  developerId: string;
  email: string;
  token: string;
  baseUrl: string;
}

export type ConnectErrors = Partial<Record<keyof ConnectValues, string>>;

const schemas = { name: accountNameSchema, developerId: developerIdSchema, email: emailSchema, token: apiTokenSchema, baseUrl: baseUrlSchema };

/** Inline validation with the very schemas main validates the request with (contract-accounts.ts). */
export function validateField(field: keyof ConnectValues, value: string): string | null {
  const parsed = schemas[field].safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Invalid value');
}

export function validateConnect(values: ConnectValues, fields: readonly (keyof ConnectValues)[]): ConnectErrors {
  const errors: ConnectErrors = {};
  for (const field of fields) {
    const message = validateField(field, values[field]);
    if (message) errors[field] = message;
  }
  return errors;
}
