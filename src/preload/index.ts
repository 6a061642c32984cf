// The narrow bridge: exposes exactly one object, `window.api`, built from the contract. No
// ipcRenderer, no Node, no generic "send anything" (STYLE.md). Reviewed for electronegativity's
// PRELOAD_JS_CHECK: it forwards a method name and a payload that main validates against the
// contract, and delivers events on one channel; nothing else crosses.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DeskApi, EventName, EventPayload } from '../shared/contract';
import { ipcChannels } from '../shared/ipc-channels';

const api = {
  invoke: (method, request) => ipcRenderer.invoke(ipcChannels.invoke, method, request),
  on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => {
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as EventPayload<E>);
    };
    ipcRenderer.on(ipcChannels.event, handler);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, handler);
    };
  },
} satisfies DeskApi;

contextBridge.exposeInMainWorld('api', api);
