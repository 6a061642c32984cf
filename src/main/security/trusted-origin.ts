import { pathToFileURL } from 'node:url';

/**
 * Decides which URLs belong to the app: the built renderer's index.html (file://) or, in
 * development, the electron-vite dev server. Everything else is "off-app": navigation to it is
 * denied and IPC from it is refused.
 */
export function createAppUrlCheck(options: { rendererDir: string; devServerUrl?: string | undefined }) {
  const fileBase = pathToFileURL(options.rendererDir + '/').href;
  const devOrigin = options.devServerUrl ? new URL(options.devServerUrl).origin : null;
  return (url: string): boolean => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol === 'file:') return parsed.href.startsWith(fileBase);
    return devOrigin !== null && parsed.origin === devOrigin;
  };
}
