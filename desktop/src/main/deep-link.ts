// Deep links: `salesworkspace://<screen>/<id>` -> an in-app hash route. Unknown screens are refused.

export const deepLinkScheme = 'salesworkspace';

const screens = new Set([
  'inbox',
  'leads',
  'deals',
  'contacts',
  'tasks',
  'knowledge',
  'agents',
  'activity',
  'analytics',
  'settings',
]);

/** `salesworkspace://inbox/conv-1` -> `#/inbox/conv-1`; anything else -> null. */
export function deepLinkToRoute(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${deepLinkScheme}:`) return null;
  // `salesworkspace://inbox/x` parses with host `inbox`; `salesworkspace:/inbox/x` without one.
  const parts = [url.hostname, ...url.pathname.split('/')].filter(Boolean).map(decodeURIComponent);
  const [screen, id] = parts;
  if (!screen || !screens.has(screen)) return null;
  if (id !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_:.@-]{0,127}$/.test(id)) return null;
  return id ? `#/${screen}/${encodeURIComponent(id)}` : `#/${screen}`;
}

/** The deep link among a second instance's (or first start's) command-line arguments, if any. */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  const link = argv.find((arg) => arg.startsWith(`${deepLinkScheme}:`));
  return link ? deepLinkToRoute(link) : null;
}
