// The renderer is served from `app://desktop/` (a privileged, standard, secure scheme) instead of file://:
// it gets a real origin (IndexedDB, CSP 'self', CORS `Origin: app://desktop`, which the sync server allows
// by default) and can read nothing but the built renderer folder. Every path that leaves that folder
// (dot segments, encoded slashes or backslashes, drive letters, symlinks out) is a 404.
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const appScheme = 'app';
export const appHost = 'desktop';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/**
 * Given to `protocol.registerSchemesAsPrivileged` before the app is ready. No `bypassCSP`, no service
 * workers: the scheme is as powerful as an https origin and no more.
 */
export const appSchemePrivileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
} as const;

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function mimeTypeOf(path: string): string {
  return mimeTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Whether `path` lies strictly inside `root` (both absolute, same form). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * The file an `app://desktop/...` URL names inside `root`, or null when the URL is not the app's, or its
 * path is odd or leaves `root`. Lexical only: `createAppProtocolHandler` also checks symlinks.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // After decoding: no backslashes (a separator on Windows), NULs or colons (drive letters, streams),
  // and no empty, `.` or `..` segments (the URL parser resolves plain ones; encoded slashes hide them).
  if (!path.startsWith('/') || /[\\\0:]/.test(path)) return null;
  const segments = path.slice(1).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  const full = resolve(root, ...segments);
  return isInside(resolve(root), full) ? full : null;
}

export type AppFiles = {
  realpath(path: string): Promise<string>;
  readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
};

export type AppRequest = Pick<Request, 'url' | 'method'>;

/**
 * The `protocol.handle('app', ...)` handler: GET/HEAD of a file inside `root` with its type and the
 * app's CSP (custom schemes get no `webRequest.onHeadersReceived`, so the header is set here); anything
 * else is a 404 (405 for other methods).
 */
export function createAppProtocolHandler(options: { root: string; csp: string; files: AppFiles }) {
  const { root, csp, files } = options;
  const headers = (type: string) => ({
    'content-type': type,
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
  });
  const notFound = () => new Response('Not found', { status: 404, headers: headers('text/plain') });

  return async (request: AppRequest): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response('Method not allowed', { status: 405, headers: headers('text/plain') });
    const file = resolveAppPath(root, request.url);
    if (!file) return notFound();
    try {
      const [realRoot, realFile] = await Promise.all([files.realpath(root), files.realpath(file)]);
      if (!isInside(realRoot, realFile)) return notFound();
      const body = await files.readFile(realFile);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: headers(mimeTypeOf(realFile)),
      });
    } catch {
      return notFound(); // missing, a directory, unreadable
    }
  };
}
