import { describe, expect, it } from 'vitest';
import { addAccountRequestSchema, baseUrlSchema, developerIdSchema, emailSchema, isAllowedBaseUrl } from '../../../src/shared/contract-accounts';
import { spaceIdFor } from '../../../src/main/accounts/accounts-service';

describe('account request validation', () => {
  it('allows https anywhere and http only on this machine', () => {
    expect(isAllowedBaseUrl('https://api.atlassian.com/marketplace')).toBe(true);
    expect(isAllowedBaseUrl('http://127.0.0.1:4010')).toBe(true);
    expect(isAllowedBaseUrl('http://localhost:4010/base')).toBe(true);
    expect(isAllowedBaseUrl('http://[::1]:4010')).toBe(true);
    expect(isAllowedBaseUrl('http://api.atlassian.com/marketplace')).toBe(false);
    expect(isAllowedBaseUrl('http://127.0.0.1.evil.example')).toBe(false);
    expect(isAllowedBaseUrl('https://user:secret@api.atlassian.com')).toBe(false);
    expect(isAllowedBaseUrl('https://api.atlassian.com/marketplace?x=1')).toBe(false);
    expect(isAllowedBaseUrl('ftp://api.atlassian.com')).toBe(false);
    expect(isAllowedBaseUrl('not a url')).toBe(false);
    expect(baseUrlSchema.parse(' https://api.atlassian.com/marketplace/ ')).toBe('https://api.atlassian.com/marketplace');
  });

  it('accepts a UUID developer id in any case and stores it lower-case', () => {
    expect(developerIdSchema.parse(' 5B2C3D4E-1F2A-4B3C-9D8E-7F6A5B4C3D2E ')).toBe('5b2c3d4e-1f2a-4b3c-9d8e-7f6a5b4c3d2e');
    expect(developerIdSchema.safeParse('12345').success).toBe(false);
    expect(developerIdSchema.safeParse('5b2c3d4e1f2a4b3c9d8e7f6a5b4c3d2e').success).toBe(false);
  });

  it('checks the e-mail and fills the default base URL', () => {
    expect(emailSchema.safeParse('partner@example').success).toBe(false);
    const r = addAccountRequestSchema.parse({ name: ' Acme ', developerId: '5b2c3d4e-1f2a-4b3c-9d8e-7f6a5b4c3d2e', email: 'p@example.com', token: 'tok' });
    expect(r).toEqual({ name: 'Acme', developerId: '5b2c3d4e-1f2a-4b3c-9d8e-7f6a5b4c3d2e', email: 'p@example.com', baseUrl: 'https://api.atlassian.com/marketplace', token: 'tok' });
    expect(addAccountRequestSchema.safeParse({ ...r, token: 'a\nb' }).success).toBe(false);
    expect(addAccountRequestSchema.safeParse({ ...r, extra: 1 }).success).toBe(false);
  });

  it('names a space file after its developer space, distinct per API', () => {
    const id = '5b2c3d4e-1f2a-4b3c-9d8e-7f6a5b4c3d2e';
    expect(spaceIdFor(id, 'https://api.atlassian.com/marketplace')).toBe(id);
    const sim = spaceIdFor(id, 'http://127.0.0.1:4010');
    expect(sim).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sim).not.toBe(id);
    expect(spaceIdFor(id, 'http://127.0.0.1:4011')).not.toBe(sim);
  });
});
