import { describe, expect, it, vi } from 'vitest';
import { deepLinkFromArgv, deepLinkToRoute } from './deep-link';
import { mimeTypeFor, readPickedFiles, withExtension } from './files';
import { defaultRouteFor, notificationOptions } from './notifications';
import { createSessionStore, type SafeStorageLike } from './session-store';
import { trayMenuTemplate, trayTooltip } from './tray';
import { fitToDisplays, parseWindowState, serializeWindowState } from './window-state';

vi.mock('electron', () => ({}));

describe('deep links', () => {
  it('maps salesworkspace:// links to in-app routes', () => {
    expect(deepLinkToRoute('salesworkspace://inbox/conv:telegram:bot:42')).toBe(
      '#/inbox/conv%3Atelegram%3Abot%3A42',
    );
    expect(deepLinkToRoute('salesworkspace://leads')).toBe('#/leads');
    expect(deepLinkToRoute('salesworkspace:/contacts/contact-1')).toBe('#/contacts/contact-1');
    // A deal's own page and a task have links of their own (issue 64).
    expect(deepLinkToRoute('salesworkspace://deals/lead-1')).toBe('#/deals/lead-1');
    expect(deepLinkToRoute('salesworkspace://tasks/event:ev-1')).toBe('#/tasks/event%3Aev-1');
  });

  it('refuses unknown screens, other schemes and odd ids', () => {
    expect(deepLinkToRoute('salesworkspace://admin/drop')).toBeNull();
    expect(deepLinkToRoute('https://inbox/x')).toBeNull();
    expect(deepLinkToRoute('salesworkspace://inbox/..%2F..%2Fetc')).toBeNull();
    expect(deepLinkToRoute('salesworkspace://inbox/<script>')).toBeNull();
    expect(deepLinkToRoute('%%%')).toBeNull();
  });

  it('finds the link among command-line arguments (second instance on Windows/Linux)', () => {
    expect(deepLinkFromArgv(['/usr/bin/app', '--flag', 'salesworkspace://leads/lead-1'])).toBe(
      '#/leads/lead-1',
    );
    expect(deepLinkFromArgv(['/usr/bin/app'])).toBeNull();
  });
});

describe('window state', () => {
  it('parses stored state and falls back to defaults on garbage', () => {
    expect(parseWindowState(null)).toMatchObject({ width: 1280, height: 820, maximized: false });
    expect(parseWindowState('{oops')).toMatchObject({ width: 1280 });
    expect(parseWindowState('{"width":100,"height":"x","x":5,"y":6,"maximized":true}')).toEqual({
      width: 900,
      height: 820,
      x: 5,
      y: 6,
      maximized: true,
    });
  });

  it('moves a window from a display that is gone and clamps it to the work area', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1040 }];
    const offscreen = fitToDisplays(
      { x: 3000, y: 100, width: 1200, height: 800, maximized: false },
      displays,
    );
    expect(offscreen).toEqual({ width: 1200, height: 800, maximized: false });
    const big = fitToDisplays({ x: 10, y: 10, width: 4000, height: 3000, maximized: false }, displays);
    expect(big).toEqual({ x: 10, y: 10, width: 1920, height: 1040, maximized: false });
    expect(fitToDisplays({ width: 1000, height: 700, maximized: false }, [])).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('round-trips', () => {
    const text = serializeWindowState({ x: 1, y: 2, width: 1000, height: 700 }, true);
    expect(parseWindowState(text)).toEqual({ x: 1, y: 2, width: 1000, height: 700, maximized: true });
  });
});

describe('session store (safeStorage)', () => {
  const session = { serverUrl: 'http://localhost:8080', accessToken: 'a', refreshToken: 'r' };
  const fakeSafe = (available: boolean): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
    decryptString: (b) => Buffer.from(b.toString().slice(4), 'base64').toString(),
  });
  const memoryIo = () => {
    const files = new Map<string, Buffer>();
    return {
      files,
      read: async (p: string) => files.get(p) ?? null,
      write: async (p: string, d: Buffer) => void files.set(p, d),
      remove: async (p: string) => void files.delete(p),
    };
  };

  it('writes only encrypted bytes and reads them back', async () => {
    const io = memoryIo();
    const store = createSessionStore(fakeSafe(true), io, '/s');
    await store.set(session);
    expect(io.files.get('/s')!.toString()).not.toContain('refreshToken');
    expect(await store.get()).toEqual(session);
    await store.clear();
    expect(await store.get()).toBeNull();
  });

  it('keeps the session in memory only when the OS cannot encrypt', async () => {
    const io = memoryIo();
    const store = createSessionStore(fakeSafe(false), io, '/s');
    await store.set(session);
    expect(io.files.size).toBe(0);
    expect(store.persistent).toBe(false);
    expect(await store.get()).toEqual(session);
  });

  it('refuses malformed sessions and ignores a corrupt file', async () => {
    const io = memoryIo();
    const store = createSessionStore(fakeSafe(true), io, '/s');
    await expect(store.set({ serverUrl: 1 } as never)).rejects.toThrow('Invalid session');
    io.files.set('/s', Buffer.from('enc:???'));
    expect(await store.get()).toBeNull();
  });

  it('neither stores nor hands back a session whose server URL breaks the rule', async () => {
    const io = memoryIo();
    const safe = fakeSafe(true);
    const store = createSessionStore(safe, io, '/s');
    await expect(store.set({ ...session, serverUrl: 'http://crm.example.com' })).rejects.toThrow(
      '[server-url-refused]',
    );
    await expect(store.set({ ...session, serverUrl: 'https://u:p@crm.example.com' })).rejects.toThrow(
      'user name or password',
    );
    expect(io.files.size).toBe(0);
    // Written by an older build or tampered with: read as signed out.
    io.files.set('/s', safe.encryptString(JSON.stringify({ ...session, serverUrl: 'http://evil.example' })));
    expect(await store.get()).toBeNull();
    const memory = createSessionStore(fakeSafe(false), memoryIo(), '/s');
    await expect(memory.set({ ...session, serverUrl: 'ftp://crm.example.com' })).rejects.toThrow(
      '[server-url-refused]',
    );
    expect(await memory.get()).toBeNull();
  });
});

describe('files, notifications, tray', () => {
  it('reads picked files as base64 with their type, refusing huge ones', async () => {
    const files = await readPickedFiles(['/tmp/leads.csv'], {
      size: async () => 5,
      read: async () => Buffer.from('a,b\n'),
    });
    expect(files).toEqual([{ name: 'leads.csv', size: 5, mimeType: 'text/csv', base64: 'YSxiCg==' }]);
    await expect(
      readPickedFiles(['/x.pdf'], { size: async () => 60e6, read: async () => Buffer.alloc(0) }),
    ).rejects.toThrow('50 MB');
    expect(mimeTypeFor('a.DOCX')).toContain('wordprocessingml');
    expect(withExtension('leads', [{ name: 'CSV', extensions: ['csv'] }])).toBe('leads.csv');
    expect(withExtension('leads.txt', [{ name: 'CSV', extensions: ['csv'] }])).toBe('leads.txt');
  });

  it('makes hand-offs and failed deliveries urgent, new leads quiet', () => {
    expect(notificationOptions({ kind: 'handoff', title: 'T', body: 'B' })).toMatchObject({
      urgency: 'critical',
      silent: false,
    });
    expect(notificationOptions({ kind: 'new-lead', title: 'x'.repeat(500), body: '' }).title).toHaveLength(
      200,
    );
    expect(defaultRouteFor('new-lead')).toBe('#/leads');
    expect(defaultRouteFor('delivery-failed')).toBe('#/inbox');
    // Reminders of tasks and meetings are not to be missed either, and open the Tasks screen.
    expect(notificationOptions({ kind: 'reminder', title: 'T', body: 'B' })).toMatchObject({ silent: false });
    expect(defaultRouteFor('reminder')).toBe('#/tasks');
  });

  it('builds the tray menu with the unread count', () => {
    const open = vi.fn();
    const quit = vi.fn();
    const menu = trayMenuTemplate(3, { open, quit });
    expect(menu[0]).toMatchObject({ label: 'Inbox (3 unread)' });
    (menu[0] as { click(): void }).click();
    expect(open).toHaveBeenCalledWith('#/inbox');
    (menu.at(-1) as { click(): void }).click();
    expect(quit).toHaveBeenCalled();
    expect(trayTooltip(0)).toBe('Sales Workspace');
  });
});
