import { shell } from 'electron';

/**
 * The only pages the app opens in the user's browser. Each call passes a string literal, so no
 * URL from content ever reaches `shell.openExternal` (electronegativity OPEN_EXTERNAL_JS_CHECK).
 */
export function openKnownExternalUrl(url: string): boolean {
  switch (url) {
    case 'https://id.atlassian.com/manage-profile/security/api-tokens':
      void shell.openExternal('https://id.atlassian.com/manage-profile/security/api-tokens');
      return true;
    case 'https://developer.atlassian.com/platform/marketplace/rest/v3/intro/':
      void shell.openExternal('https://developer.atlassian.com/platform/marketplace/rest/v3/intro/');
      return true;
    case 'https://support.atlassian.com/marketplace/docs/manage-permissions-for-your-marketplace-partner-account/':
      void shell.openExternal('https://support.atlassian.com/marketplace/docs/manage-permissions-for-your-marketplace-partner-account/');
      return true;
    default:
      return false;
  }
}
