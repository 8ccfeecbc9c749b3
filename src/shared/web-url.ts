/**
 * `true` for a well-formed absolute http(s) URL with a host: the only kind of link
 * Curator hands to a browser (never `file:`, `javascript:`, `data:` or custom schemes).
 */
export function isWebUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}
