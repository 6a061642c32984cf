import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openAccounts } from '../../../src/main/accounts';
import { createDataService, type DataService, type DataServiceOptions } from '../../../src/main/data-service/service';
import type { DialogService } from '../../../src/main/dialogs/handlers';
import { createHandlerTable, createMainHandlers } from '../../../src/main/ipc/handler-table';
import { createRouter, type Dispatch } from '../../../src/main/ipc/router';
import type { EventName, EventPayload } from '../../../src/shared/contract';
import { deliverEvent, installApiBridge } from './api-bridge';
import { serveDirectory, type StaticServer } from './static-server';

const repoRoot = resolve(import.meta.dirname, '../../..');
// MPDESK_RENDERER_DIR: a private copy of the built renderer, so a rebuild of out/ by someone else
// sharing the tree cannot swap the assets under a running test.
const rendererDir = process.env.MPDESK_RENDERER_DIR ?? join(repoRoot, 'out/renderer');
const screenshotDir = join(repoRoot, '.screenshots');

export interface HarnessOptions {
  /** Fills the data directory before the data service opens it (e.g. test/fixtures seedSpace). */
  seed?: (dataDir: string) => void;
  /** The account made active before the page loads; null leaves none (the welcome screen). */
  activeAccount?: string | null;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Runs the schedule and connectivity monitor as the app does (e.g. a probe that finds no network). */
  background?: DataServiceOptions['background'];
}

export interface Harness {
  readonly page: Page;
  readonly origin: string;
  readonly dataDir: string;
  readonly data: DataService;
  /** Where the answered backup dialog puts backups (outside the data directory, as main requires). */
  readonly backupDir: string;
  /** Folders the page asked main to open in the file manager (Show logs), in order. */
  readonly openedPaths: readonly string[];
  /** The real router the page calls, for a test to call too (as the main process would). */
  readonly dispatch: Dispatch;
  /** Page errors, console errors and CSP violations seen so far. */
  readonly errors: readonly string[];
  /** Opens a route (`grid/licences`) as a fresh page load. */
  goto(route?: string): Promise<void>;
  /** Sends a main → renderer event, as the data service or main would. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void>;
  /** Saves `.screenshots/<name>.png` (git-ignored); returns its path. */
  screenshot(name: string): Promise<string>;
  /** Throws if the page reported any error. */
  assertNoErrors(): void;
  /** Returns and clears the errors so far: for a test that provokes a failure on purpose. */
  takeErrors(): string[];
  /** Closes everything, then throws if the page reported any error. */
  close(): Promise<void>;
}

export function assertRendererBuilt(): void {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}/index.html is missing): run \`npx electron-vite build\` first.`);
  }
}

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * The dialogs answered without a person: every export goes to `<dataDir>/exports/<name>`
 * (removed with the data directory), every backup into `backupDir` (main refuses one inside the
 * data directory), so a test can read the file the page asked for.
 */
function answeredDialogs(dataDir: string, backupDir: string): DialogService {
  return {
    chooseSavePath: async ({ defaultName }) => {
      mkdirSync(join(dataDir, 'exports'), { recursive: true });
      return join(dataDir, 'exports', defaultName);
    },
    chooseBackupPath: async ({ defaultName }) => join(backupDir, defaultName),
  };
}

/**
 * The built renderer in Debian's Chromium, its `window.api` answered by the real handler table
 * (data service + main handlers) through the real router, over a real data directory in a temp
 * dir. Nothing main-side is mocked; only the Electron binary is absent.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  assertRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'mpdesk-browser-'));
  const backupDir = mkdtempSync(join(tmpdir(), 'mpdesk-browser-backup-'));
  const openedPaths: string[] = [];
  options.seed?.(dataDir);

  const errors: string[] = [];
  let page: Page | undefined;
  const data = createDataService({
    dataDir,
    version: 'test',
    ...(options.background ? { background: options.background } : {}),
    emit: (event, payload) => {
      if (page && !page.isClosed()) void deliverEvent(page, event, payload).catch(() => {});
    },
  });
  const accounts = openAccounts({ dataDir, data: data.handlers });
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await serveDirectory(rendererDir);
    const origin = server.origin;
    const main = createMainHandlers({
      accounts: accounts.accounts,
      dialogs: answeredDialogs(dataDir, backupDir),
      maintenance: {
        dataDir: () => ({ path: dataDir, source: 'default' }),
        data: () => data.handlers,
        // Stands in for electron's shell.openPath: the test sees which folder was asked for.
        openPath: async (path) => {
          openedPaths.push(path);
          return '';
        },
        emit: (event, payload) => {
          if (page && !page.isClosed()) void deliverEvent(page, event, payload).catch(() => {});
        },
      },
    });
    const dispatch = createRouter(createHandlerTable(data.handlers, main), {
      isTrustedSender: (url) => url.startsWith(`${origin}/`),
      onError: (method, error) => errors.push(`handler ${method} threw: ${error instanceof Error ? error.stack : String(error)}`),
    });
    const active = options.activeAccount === undefined ? 'demo' : options.activeAccount;
    if (active !== null) {
      const set = await dispatch('accounts.setActive', { id: active }, `${origin}/index.html`);
      if (!set.ok) throw new Error(`could not make ${active} active: ${set.error.message}`);
    }

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    const context = await browser.newContext({
      colorScheme: options.colorScheme ?? 'light',
      viewport: options.viewport ?? { width: 1366, height: 820 },
      locale: 'en-US',
      timezoneId: 'America/New_York',
    });
    page = await context.newPage();
    const p = page;
    p.on('pageerror', (e) => errors.push(`page error: ${e.stack ?? e.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
    });
    await installApiBridge(p, dispatch);

    const openedBrowser = browser;
    const openedServer = server;
    const harness: Harness = {
      page: p,
      origin,
      dataDir,
      backupDir,
      openedPaths,
      data,
      dispatch,
      errors,
      async goto(route = '') {
        await p.goto(`${origin}/index.html${route ? `#/${route}` : ''}`);
      },
      emit: (event, payload) => deliverEvent(p, event, payload),
      async screenshot(name) {
        mkdirSync(screenshotDir, { recursive: true });
        const path = join(screenshotDir, `${name}.png`);
        await p.screenshot({ path, fullPage: false });
        return path;
      },
      takeErrors: () => errors.splice(0),
      assertNoErrors() {
        // Drained once reported, so one broken test does not fail every test after it.
        const seen = errors.splice(0);
        if (seen.length > 0) throw new Error(`The page reported errors:\n${seen.join('\n')}`);
      },
      async close() {
        await openedBrowser.close();
        await openedServer.close();
        accounts.close();
        data.close();
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(backupDir, { recursive: true, force: true });
        harness.assertNoErrors();
      },
    };
    return harness;
  } catch (e) {
    await browser?.close();
    await server?.close();
    accounts.close();
    data.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(backupDir, { recursive: true, force: true });
    throw e;
  }
}
