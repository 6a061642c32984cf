/** IPC channel names: the preload and the main-side registration are the only users. */
export const ipcChannels = { invoke: 'mpdesk:invoke', event: 'mpdesk:event' } as const;
