// The one rule for which sync server the desktop may talk to. Main applies it wherever it takes or hands
// out a server URL: the session the renderer stores (IPC `session:set`), the session read back from
// disk, and the CSP's connect-src (`serverConnectSources`, the same rule in CSP syntax).

/**
 * Plain http is allowed only on this computer. `[::1]` is not among them: a CSP source cannot name an
 * IPv6 literal (Chromium drops `http://[::1]:*`), and `http://localhost` reaches a server on ::1 anyway.
 */
const loopbackHosts = ['localhost', '127.0.0.1'];

/** connect-src sources saying the same as `serverUrlProblem`: any https origin, http only on loopback. */
export const serverConnectSources = ['https:', ...loopbackHosts.map((h) => `http://${h}:*`)] as const;

/**
 * frame-src sources: only the web chat preview page (/webchat/preview) of a server the same rule allows,
 * shown in a sandboxed iframe by the Settings web chat card. A path-only source; nothing else frames.
 */
export const serverFrameSources = [
  'https://*:*/webchat/preview',
  ...loopbackHosts.map((h) => `http://${h}:*/webchat/preview`),
] as const;

export const maxServerUrlLength = 2048;

/** Why a server URL is refused, in words a rep can act on; null when it is allowed. */
export function serverUrlProblem(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0) return 'The server address is empty.';
  if (raw.length > maxServerUrlLength) return 'The server address is too long.';
  // The URL parser silently drops tabs and newlines and trims spaces; refuse them instead.
  if (/\s/.test(raw) || [...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return 'The server address must not contain spaces.';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'The server address is not a URL.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'The server address must start with https:// (or http:// for a server on this computer).';
  if (url.username || url.password) return 'The server address must not contain a user name or password.';
  if (url.search || url.hash || raw.includes('?') || raw.includes('#'))
    return 'The server address must not contain a query (?) or fragment (#).';
  if (url.protocol === 'http:' && !loopbackHosts.includes(url.hostname))
    return 'Plain http:// is only allowed for a server on this computer (localhost); use https://.';
  return null;
}

/** https to any host; http only to localhost / 127.0.0.1; no credentials, query or fragment. */
export function isAllowedServerUrl(raw: unknown): raw is string {
  return serverUrlProblem(raw) === null;
}
