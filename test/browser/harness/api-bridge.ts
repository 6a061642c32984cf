import type { Page } from 'playwright-core';
import type { Dispatch } from '../../../src/main/ipc/router';
import type { EventName, EventPayload } from '../../../src/shared/contract';

const invokeBinding = '__mpdeskInvoke';
const deliverGlobal = '__mpdeskDeliver';

/**
 * Stands in for src/preload/index.ts: `window.api` with `invoke` and `on`, frozen and
 * non-writable as contextBridge makes it. CSP violations are also reported as console errors, so
 * the harness fails a test on them even where Chromium would only warn.
 */
function initScript(): string {
  return `(() => {
  const listeners = new Map();
  const api = Object.freeze({
    invoke: (method, request) => window.${invokeBinding}(method, request),
    on: (event, listener) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => listeners.get(event).delete(listener);
    },
  });
  Object.defineProperty(window, 'api', { value: api, writable: false, configurable: false });
  Object.defineProperty(window, '${deliverGlobal}', {
    value: (event, payload) => { for (const l of listeners.get(event) ?? []) l(payload); },
    writable: false,
    configurable: false,
  });
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline'));
  });
})();`;
}

/**
 * Connects a page to the real IPC router: each `window.api.invoke` goes through a Playwright
 * binding (exposeBinding rather than exposeFunction, to learn the calling frame's URL) to
 * `dispatch`, which checks that sender exactly as main's router does.
 */
export async function installApiBridge(page: Page, dispatch: Dispatch): Promise<void> {
  await page.exposeBinding(invokeBinding, (source, method: unknown, request: unknown) => dispatch(method, request, source.frame.url()));
  await page.addInitScript({ content: initScript() });
}

/** Delivers a main → renderer event to the page's `window.api.on` listeners. */
export async function deliverEvent<E extends EventName>(page: Page, event: E, payload: EventPayload<E>): Promise<void> {
  await page.evaluate(`window.${deliverGlobal}(${JSON.stringify(event)}, ${JSON.stringify(payload)})`);
}
