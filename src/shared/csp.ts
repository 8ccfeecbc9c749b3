/**
 * The Content-Security-Policy of the renderer, shared by the desktop shell (response
 * header via session.webRequest) and browser mode (HTTP header). The renderer's
 * index.html carries {@link CSP_META} in a `<meta http-equiv>` tag as a second line of
 * defence. Images may come from any https or http host (article thumbnails: many sources
 * still serve images over http); everything else only from the app itself.
 */
export const CSP_META = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: http: data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** The header form: adds `frame-ancestors`, which browsers ignore in a meta tag. */
export const CSP_HEADER = `${CSP_META}; frame-ancestors 'none'`;
