// The browser-test harness: the built renderer in real Chromium over the real main-side handlers.
export { startHarness, assertRendererBuilt, type Harness, type HarnessOptions } from './harness';
export { deliverEvent } from './api-bridge';
export { serveDirectory, type StaticServer } from './static-server';
export { auditAccessibility, seriousViolations } from './a11y';
export { startSyncedHarness, type SyncedHarness } from './synced';
export { startSimulatedHarness } from './simulated';
