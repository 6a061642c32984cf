/**
 * The renderer's Content-Security-Policy, sent as a header for every response main serves and
 * repeated as a meta tag in src/renderer/index.html (file:// pages get no headers). AG Grid and
 * ECharts inject style tags, hence 'unsafe-inline' for styles only; scripts come from the app.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
