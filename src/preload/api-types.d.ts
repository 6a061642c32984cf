import type { DeskApi } from '../shared/contract';

declare global {
  interface Window {
    /** Exposed by the preload (src/preload/index.ts); the renderer's only way out. */
    readonly api: DeskApi;
  }
}
