import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCredentials } from '../../../src/main/accounts';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { AppFailure } from '../../../src/shared/result';

// The credential check against the full simulator (the same server demo mode and the sync use).
describe('credential check against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ scale: 'tiny', token: 'sim-token-for-credential-check' });
  });
  afterAll(() => sim.close());

  const credentials = () => ({ baseUrl: sim.baseUrl, developerId: sim.developerId, email: sim.email, token: sim.token });
  const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppFailure ? e.code : 'not an AppFailure'));

  it('lists the report groups of the root links', async () => {
    const groups = await checkCredentials(credentials());
    expect(groups.map((g) => g.relation)).toEqual(expect.arrayContaining(['licenses', 'transactions', 'cloudChurn', 'feedbackLinks']));
  });

  it('answers auth.invalid for a wrong token and auth.forbidden for another developer space', async () => {
    expect(await failure(checkCredentials({ ...credentials(), token: 'wrong' }))).toBe('auth.invalid');
    expect(await failure(checkCredentials({ ...credentials(), developerId: '00000000-0000-4000-8000-000000000000' }))).toBe('auth.forbidden');
  });

  it('shows fewer report groups when the account lacks “View sales reports”', async () => {
    const all = await checkCredentials(credentials());
    sim.control.forbid(['sales']);
    try {
      const some = await checkCredentials(credentials());
      expect(some.length).toBeLessThan(all.length);
      expect(some.map((g) => g.relation)).not.toContain('transactions');
    } finally {
      sim.control.forbid([]);
    }
  });
});
