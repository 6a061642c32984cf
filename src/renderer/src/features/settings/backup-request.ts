/**
 * The menu's "Back Up Database…" (app.command `backup`, handled in shell.tsx) asks for a backup
 * before the Settings page, whose Back up now… runs the flow, may be mounted: a request made with
 * no button listening waits for the next one to mount; one made while it is shown starts it at once.
 */
let pending = false;
const listeners = new Set<() => void>();

export function requestBackup(): void {
  if (listeners.size === 0) {
    pending = true;
    return;
  }
  for (const listener of listeners) listener();
}

/** Subscribes the backup button; a request waiting for it is handed over now. Answers the unsubscribe. */
export function onBackupRequest(listener: () => void): () => void {
  listeners.add(listener);
  if (pending) {
    pending = false;
    listener();
  }
  return () => listeners.delete(listener);
}
