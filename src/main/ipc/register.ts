import { BrowserWindow, ipcMain } from 'electron';
import type { EventName, EventPayload } from '../../shared/contract';
import { ipcChannels } from '../../shared/ipc-channels';
import type { Dispatch } from './router';

/** Connects the router to Electron's IPC; the sender frame's URL is what the router checks. */
export function registerIpc(dispatch: Dispatch): void {
  ipcMain.handle(ipcChannels.invoke, (event, method: unknown, payload: unknown) =>
    dispatch(method, payload, event.senderFrame?.url ?? ''),
  );
}

export function broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(ipcChannels.event, event, payload);
  }
}
