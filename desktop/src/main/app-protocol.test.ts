// The app:// handler against a real folder: the built renderer is served, nothing outside it is, however
// the path is spelled (dot segments, encoded, backslashes, absolute, drive letters, symlinks out).
import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  appEntryUrl,
  appSchemePrivileges,
  createAppProtocolHandler,
  isInside,
  resolveAppPath,
} from './app-protocol';

vi.mock('electron', () => ({}));

let dir: string;
let root: string;
const csp = "default-src 'none'; script-src 'self'";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'app-protocol-'));
  root = join(dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(root, 'assets', 'main-abc.js'), 'export {};');
  await writeFile(join(root, 'assets', 'inner-secret.txt'), 'inside');
  await writeFile(join(dir, 'secret.txt'), 'TOP SECRET');
  await mkdir(join(dir, 'renderer-evil'));
  await writeFile(join(dir, 'renderer-evil', 'x.js'), 'TOP SECRET');
  await symlink(join(dir, 'secret.txt'), join(root, 'assets', 'link-out.txt'));
  await symlink(dir, join(root, 'dir-out'));
  await symlink(join(root, 'assets', 'inner-secret.txt'), join(root, 'assets', 'link-in.txt'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const handler = () => createAppProtocolHandler({ root, csp, files: { realpath, readFile } });
const get = (url: string) => handler()({ url, method: 'GET' });

describe('app:// scheme', () => {
  it('is registered as a standard, secure scheme with fetch and CORS, and never bypasses the CSP', () => {
    expect(appEntryUrl).toBe('app://desktop/index.html');
    expect(appSchemePrivileges).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      corsEnabled: true,
    });
    expect(appSchemePrivileges).not.toHaveProperty('bypassCSP');
    expect(appSchemePrivileges).not.toHaveProperty('allowServiceWorkers');
  });

  it('resolves app URLs to files inside the renderer folder', () => {
    expect(resolveAppPath('/r', 'app://desktop/index.html')).toBe('/r/index.html');
    expect(resolveAppPath('/r', 'app://desktop/assets/main-abc.js?v=1#x')).toBe('/r/assets/main-abc.js');
    expect(resolveAppPath('/r', 'app://desktop/assets%2Fmain-abc.js')).toBe('/r/assets/main-abc.js');
    // The URL parser resolves plain and %2e dot segments before us: they cannot climb above the root.
    expect(resolveAppPath('/r', 'app://desktop/../../etc/passwd')).toBe('/r/etc/passwd');
    expect(resolveAppPath('/r', 'app://desktop/%2e%2e/%2E%2E/etc/passwd')).toBe('/r/etc/passwd');
  });

  it('refuses every path that would leave the folder, and other hosts and schemes', () => {
    const refused = [
      'app://desktop/..%2f..%2fetc%2fpasswd',
      'app://desktop/assets/..%2F..%2F..%2Fsecret.txt',
      'app://desktop/%2e%2e%2fsecret.txt',
      'app://desktop/..%5csecret.txt',
      'app://desktop/assets%5c..%5c..%5csecret.txt',
      'app://desktop//etc/passwd',
      'app://desktop/%2fetc%2fpasswd',
      'app://desktop/C:%5cWindows%5cwin.ini',
      'app://desktop/C:/Windows/win.ini',
      'app://desktop/index.html%00.js',
      'app://desktop/%E0%A4%A',
      'app://desktop/',
      'app://desktop',
      'app://evil/index.html',
      'app://desktop:8080/index.html',
      'file:///etc/passwd',
      'https://desktop/index.html',
      'not a url',
    ];
    for (const url of refused) expect(resolveAppPath('/r', url), url).toBeNull();
  });

  it('tells inside from outside, including a sibling folder sharing the prefix', () => {
    expect(isInside('/r', '/r/a.js')).toBe(true);
    expect(isInside('/r', '/r')).toBe(false);
    expect(isInside('/r', '/r-evil/x.js')).toBe(false);
    expect(isInside('/r', '/etc/passwd')).toBe(false);
    expect(isInside('/r', '/r/..foo')).toBe(true);
  });

  it('serves the renderer with its type, the CSP and nosniff', async () => {
    const page = await get('app://desktop/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(csp);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>app</title>');
    const script = await get('app://desktop/assets/main-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(csp); // workers take their CSP from here
    const linkIn = await get('app://desktop/assets/link-in.txt');
    expect(await linkIn.text()).toBe('inside');
  });

  it('answers 404 to traversal, symlinks out, folders and missing files, never leaking the file', async () => {
    const attempts = [
      'app://desktop/..%2fsecret.txt',
      'app://desktop/assets/..%2f..%2fsecret.txt',
      'app://desktop/..%5csecret.txt',
      'app://desktop/%2e%2e/secret.txt',
      'app://desktop/%252e%252e%252fsecret.txt', // decoded once: a (missing) file named %2e%2e%2f...
      'app://desktop/../renderer-evil/x.js',
      `app://desktop/${encodeURIComponent(join(dir, 'secret.txt'))}`,
      'app://desktop/assets/link-out.txt',
      'app://desktop/dir-out/secret.txt',
      'app://desktop/assets',
      'app://desktop/',
      'app://desktop/missing.js',
      'app://evil/index.html',
    ];
    for (const url of attempts) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).not.toContain('TOP SECRET');
      expect(res.headers.get('content-security-policy'), url).toBe(csp);
    }
  });

  it('allows GET and HEAD only', async () => {
    const head = await handler()({ url: 'app://desktop/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await handler()({ url: 'app://desktop/index.html', method: 'POST' });
    expect(post.status).toBe(405);
  });
});
