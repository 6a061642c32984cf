import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/main/simulator';
import type { AccountView } from '../../src/shared/contract-accounts';
import { closedPortUrl } from '../integration/accounts/root-server';
import { lookupWithSecretTool } from '../keychain/helpers';
import { startHarness, type Harness } from './harness';

const wait = { timeout: 15_000 };
const token = 'ATATT3xBROWSER-distinctive-token-c81d';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', token });
});
afterAll(() => sim?.close());

/** Fills the connect form; the base URL sits under "Advanced". */
async function fillConnectForm(h: Harness, values: { name: string; developerId: string; email: string; token: string; baseUrl: string }) {
  const p = h.page;
  await p.getByLabel('Name').fill(values.name);
  await p.getByLabel('Developer ID').fill(values.developerId);
  await p.getByLabel('Atlassian account e-mail').fill(values.email);
  await p.getByLabel('API token').fill(values.token);
  if (!(await p.getByLabel('API base URL').isVisible())) await p.getByText('Advanced').click();
  await p.getByLabel('API base URL').fill(values.baseUrl);
}

/**
 * The harness counts every handler exception as a page error; a refused add is an expected one
 * (an AppFailure the router turns into an error value). Takes those out and answers them.
 */
function takeRefusedAdds(h: Harness, method = 'accounts.add'): string[] {
  const errors = h.errors as string[];
  const refused = errors.filter((e) => e.startsWith(`handler ${method} threw: AppFailure`));
  for (const e of refused) errors.splice(errors.indexOf(e), 1);
  return refused;
}

async function submitAndReadProblem(h: Harness): Promise<string> {
  await h.page.getByRole('button', { name: 'Connect', exact: true }).click();
  const banner = h.page.locator('.acc-problem');
  await banner.waitFor(wait);
  return (await banner.textContent()) ?? '';
}

describe('first run: connecting a developer space', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ activeAccount: null });
  });
  afterEach(() => h.assertNoErrors());
  afterAll(async () => {
    // Leave no entry in the test keyring.
    const list = await h.dispatch('accounts.list', {}, `${h.origin}/index.html`);
    if (list.ok) for (const a of list.value as AccountView[]) if (!a.isDemo) await h.dispatch('accounts.remove', { id: a.id, deleteData: true }, `${h.origin}/index.html`);
    await h?.close();
  });

  it('welcomes a new user with the two ways in', async () => {
    await h.goto();
    await h.page.getByRole('heading', { name: 'Welcome to Marketplace Desk' }).waitFor(wait);
    expect(await h.page.getByRole('button', { name: /Explore with demo data/ }).isVisible()).toBe(true);
    expect(await h.page.getByRole('button', { name: /Connect your developer space/ }).isVisible()).toBe(true);
    await h.screenshot('accounts-welcome');
  });

  it('validates the developer ID and e-mail inline, before calling main', async () => {
    await h.goto();
    await h.page.getByRole('button', { name: /Connect your developer space/ }).click();
    await h.page.getByLabel('Developer ID').fill('12345');
    await h.page.getByLabel('Atlassian account e-mail').fill('not-an-email');
    await h.page.getByLabel('Name').click();
    await expect.poll(() => h.page.locator('#acc-developer-id-error').textContent(), wait).toContain('UUID');
    await expect.poll(() => h.page.locator('#acc-email-error').textContent(), wait).toContain('e-mail');
    await h.page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => h.page.locator('#acc-name-error').textContent(), wait).toContain('name');
    expect(await h.page.getByLabel('Developer ID').getAttribute('aria-invalid')).toBe('true');
    // The token help link names the page where tokens are made.
    expect(await h.page.getByRole('link', { name: 'Create an API token' }).getAttribute('href')).toBe('https://id.atlassian.com/manage-profile/security/api-tokens');
    expect(await h.page.locator('.acc-form__token-help').textContent()).toContain('View sales reports');
  });

  it('explains a wrong token (401), a space the account may not read (403) and being offline', async () => {
    await h.goto();
    await h.page.getByRole('button', { name: /Connect your developer space/ }).click();
    const good = { name: 'Acme', developerId: sim.developerId, email: sim.email, token, baseUrl: sim.baseUrl };

    await fillConnectForm(h, { ...good, token: 'ATATT3x-wrong-token' });
    expect(await submitAndReadProblem(h)).toContain('The e-mail or API token is wrong');
    expect(await h.page.getByLabel('API token').getAttribute('aria-invalid')).toBe('true');

    await fillConnectForm(h, { ...good, developerId: '00000000-0000-4000-8000-000000000403' });
    const forbidden = await submitAndReadProblem(h);
    expect(forbidden).toContain('View sales reports');
    expect(forbidden).toContain('View all other reports');

    await fillConnectForm(h, { ...good, baseUrl: await closedPortUrl() });
    expect(await submitAndReadProblem(h)).toContain('You seem to be offline');
    await h.screenshot('accounts-connect-offline');

    const refused = takeRefusedAdds(h);
    expect(refused).toHaveLength(3);
    for (const e of refused) expect(e).not.toContain(token);

    // Nothing was saved by any of the failures.
    const list = await h.dispatch('accounts.list', {}, `${h.origin}/index.html`);
    expect(list.ok && (list.value as AccountView[]).map((a) => a.id)).toEqual(['demo']);
  });

  it('connects with working credentials, shows the reachable reports, then opens the app on that space', async () => {
    await h.goto();
    await h.page.getByRole('button', { name: /Connect your developer space/ }).click();
    await fillConnectForm(h, { name: 'Acme', developerId: sim.developerId, email: sim.email, token, baseUrl: sim.baseUrl });
    await h.page.getByRole('button', { name: 'Connect', exact: true }).click();
    await h.page.getByRole('heading', { name: 'Connected to “Acme”' }).waitFor(wait);
    expect(await h.page.getByRole('list', { name: 'Reports this token can reach' }).getByRole('listitem').allTextContents()).toEqual(
      expect.arrayContaining(['Licenses', 'Transactions']),
    );
    // The form forgot the token; the page holds it nowhere.
    expect(await h.page.content()).not.toContain(token);

    await h.page.getByRole('button', { name: 'Open Marketplace Desk' }).click();
    const picker = h.page.getByLabel('Developer space', { exact: true });
    await picker.waitFor(wait);
    const active = await h.dispatch('accounts.active', {}, `${h.origin}/index.html`);
    const account = (active.ok ? active.value : null) as AccountView | null;
    expect(account).toMatchObject({ name: 'Acme', hasToken: true, isActive: true });
    expect(await picker.inputValue()).toBe(account!.id);
    expect(lookupWithSecretTool(account!.id)).toBe(token);
    expect(h.data.spaceDb.name).toContain(account!.id);
  });

  it('switches between the account and Demo at once', async () => {
    await h.goto();
    const picker = h.page.getByLabel('Developer space', { exact: true });
    await picker.waitFor(wait);
    const acme = await picker.inputValue();
    await picker.selectOption('demo');
    await h.page.locator('.acc-space[data-account-id="demo"]').waitFor(wait);
    expect(h.data.spaceDb.name).toMatch(/demo\.sqlite$/);
    await picker.selectOption(acme);
    await h.page.locator(`.acc-space[data-account-id="${acme}"]`).waitFor(wait);
    expect(h.data.spaceDb.name).toContain(acme);
    expect(await h.page.content()).not.toContain(token);
  });
});

describe('first run: demo mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ activeAccount: null });
  });
  afterAll(() => h?.close());

  it('opens the app on the Demo space without any token', async () => {
    await h.goto();
    await h.page.getByRole('button', { name: /Explore with demo data/ }).click();
    const picker = h.page.getByLabel('Developer space', { exact: true });
    await picker.waitFor(wait);
    expect(await picker.inputValue()).toBe('demo');
    await h.page.getByRole('navigation', { name: 'Pages' }).waitFor(wait);
    expect(h.data.spaceDb.name).toMatch(/demo\.sqlite$/);
    // Reloading keeps the choice: the welcome screen is for the first run only.
    await h.goto();
    await picker.waitFor(wait);
    expect(await h.page.getByRole('heading', { name: 'Welcome to Marketplace Desk' }).count()).toBe(0);
    h.assertNoErrors();
  });
});

describe('settings: managing a saved developer space', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ activeAccount: null });
    const added = await h.dispatch('accounts.add', { name: 'Acme', developerId: sim.developerId, email: sim.email, baseUrl: sim.baseUrl, token }, `${h.origin}/index.html`);
    if (!added.ok) throw new Error(added.error.message);
  });
  afterAll(() => h?.close());

  it('tests, refuses a wrong new token, renames, and removes with its data', async () => {
    await h.goto('settings');
    const row = h.page.getByRole('listitem', { name: 'Acme' });
    await row.waitFor(wait);
    expect(await row.textContent()).toContain('Token in keychain');

    await row.getByRole('button', { name: 'Test' }).click();
    await row.getByRole('status').waitFor(wait);
    expect(await row.getByRole('status').textContent()).toContain('Licenses');

    await row.getByRole('button', { name: 'Replace token' }).click();
    await row.getByLabel('New API token').fill('ATATT3x-wrong-new-token');
    await row.getByRole('button', { name: 'Save new token' }).click();
    await row.locator('.acc-problem').waitFor(wait);
    expect(await row.locator('.acc-problem').textContent()).toContain('The e-mail or API token is wrong');
    expect(takeRefusedAdds(h, 'accounts.rotate')).toHaveLength(1);
    const id = await h.page.getByLabel('Developer space', { exact: true }).inputValue();
    expect(lookupWithSecretTool(id)).toBe(token);
    await row.getByRole('button', { name: 'Cancel' }).click();

    await row.getByRole('button', { name: 'Rename' }).click();
    await row.getByLabel('New name').fill('Acme Cloud');
    await row.getByRole('button', { name: 'Save name' }).click();
    await h.page.getByRole('listitem', { name: 'Acme Cloud' }).waitFor(wait);
    await expect.poll(() => h.page.getByLabel('Developer space', { exact: true }).locator('option:checked').textContent(), wait).toBe('Acme Cloud');

    await h.page.getByRole('listitem', { name: 'Acme Cloud' }).getByRole('button', { name: 'Remove' }).click();
    const dialog = h.page.getByRole('dialog', { name: 'Remove Acme Cloud' });
    await dialog.waitFor(wait);
    await dialog.getByRole('button', { name: 'Remove and delete local data' }).click();
    // The only account is gone: back to the first-run choice, its token out of the keychain.
    await h.page.getByRole('heading', { name: 'Welcome to Marketplace Desk' }).waitFor(wait);
    expect(lookupWithSecretTool(id)).toBeNull();
    h.assertNoErrors();
  });
});
