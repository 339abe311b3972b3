import { describe, expect, it, vi } from 'vitest';
import {
  contentSecurityPolicy,
  hardenWebContents,
  isAppUrl,
  isExternalLink,
  secureWebPreferences,
} from './security';
import { serverConnectSources, serverFrameSources } from './server-url';

vi.mock('electron', () => ({}));

describe('security', () => {
  it('locks down every window', () => {
    expect(secureWebPreferences('/p/index.cjs')).toMatchObject({
      preload: '/p/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('builds a strict CSP: no inline scripts, no eval, no frames', () => {
    const csp = contentSecurityPolicy(['https://sync.example']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("connect-src 'self' https://sync.example");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy([], 'http://localhost:5173')).toContain('ws://localhost:5173');
  });

  it('frames nothing but the web chat preview page of an allowed server', () => {
    expect(contentSecurityPolicy(['https://sync.example'])).toContain("frame-src 'none'");
    const csp = contentSecurityPolicy([...serverConnectSources], undefined, [...serverFrameSources]);
    const frameSrc = csp.split('; ').find((d) => d.startsWith('frame-src '))!;
    const sources = frameSrc.split(' ').slice(1);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).toMatch(/^https?:\/\/[^/]+\/webchat\/preview$/);
    expect(frameSrc).not.toContain("'self'");
  });

  it('recognises the app itself, on app://desktop or on the dev server', () => {
    const app = 'app://desktop/index.html';
    expect(isAppUrl('app://desktop/index.html#/leads', app)).toBe(true);
    expect(isAppUrl('app://desktop/assets/other.html', app)).toBe(false);
    expect(isAppUrl('app://evil/index.html', app)).toBe(false);
    expect(isAppUrl('file:///opt/app/out/renderer/index.html', app)).toBe(false);
    expect(isAppUrl('file:///index.html', app)).toBe(false);
    expect(isAppUrl('https://desktop/index.html', app)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/inbox', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('::', app)).toBe(false);
  });

  it('sends only web and mail links to the system', () => {
    expect(isExternalLink('https://example.com')).toBe(true);
    expect(isExternalLink('mailto:a@b.c')).toBe(true);
    expect(isExternalLink('file:///etc/passwd')).toBe(false);
    expect(isExternalLink('smb://host/share')).toBe(false);
  });

  it('denies new windows and navigation away from the app', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: vi.fn((name: string, fn: (event: { preventDefault(): void }, url: string) => void) => {
        listeners.set(name, fn);
      }),
      setWindowOpenHandler: vi.fn((fn: (d: { url: string }) => { action: string }) => {
        openHandler = fn;
      }),
    };
    const openExternal = vi.fn();
    hardenWebContents(contents as never, 'app://desktop/index.html', openExternal);

    expect(openHandler!({ url: 'https://docs.example' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.example');
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'app://desktop/index.html' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);

    const away = { preventDefault: vi.fn() };
    listeners.get('will-navigate')!(away, 'https://evil.example');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    listeners.get('will-navigate')!(inside, 'app://desktop/index.html#/leads');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const toFile = { preventDefault: vi.fn() };
    listeners.get('will-navigate')!(toFile, 'file:///app/index.html');
    expect(toFile.preventDefault).toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    listeners.get('will-redirect')!(redirect, 'https://evil.example');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(webview, '');
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});
