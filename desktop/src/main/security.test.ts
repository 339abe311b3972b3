import { describe, expect, it, vi } from 'vitest';
import {
  contentSecurityPolicy,
  hardenWebContents,
  isAllowedServerUrl,
  isAppUrl,
  isExternalLink,
  secureWebPreferences,
} from './security';

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

  it('accepts https and loopback servers only', () => {
    expect(isAllowedServerUrl('https://crm.example.com')).toBe(true);
    expect(isAllowedServerUrl('http://localhost:8080')).toBe(true);
    expect(isAllowedServerUrl('http://127.0.0.1:8080')).toBe(true);
    expect(isAllowedServerUrl('http://crm.example.com')).toBe(false);
    expect(isAllowedServerUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedServerUrl('not a url')).toBe(false);
  });

  it('recognises the app itself, in a file bundle or on the dev server', () => {
    const file = 'file:///opt/app/out/renderer/index.html';
    expect(isAppUrl('file:///opt/app/out/renderer/index.html#/leads', file)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', file)).toBe(false);
    expect(isAppUrl('https://evil.example', file)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/inbox', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('::', file)).toBe(false);
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
    const app = 'file:///app/index.html';
    hardenWebContents(contents as never, app, openExternal);

    expect(openHandler!({ url: 'https://docs.example' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.example');
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);

    const away = { preventDefault: vi.fn() };
    listeners.get('will-navigate')!(away, 'https://evil.example');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    listeners.get('will-navigate')!(inside, 'file:///app/index.html#/leads');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    listeners.get('will-redirect')!(redirect, 'https://evil.example');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(webview, '');
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});
