import { describe, expect, it, vi } from 'vitest';
import { ipcChannels, ipcErrorCode } from '@app/shared/ipc';
import { createDesktopApi, type IpcRendererLike } from './api';

const exposed = vi.hoisted(() => ({ value: undefined as unknown, key: '' }));
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      exposed.key = key;
      exposed.value = value;
    },
  },
  ipcRenderer: { invoke: vi.fn(async () => null), on: vi.fn(), removeListener: vi.fn() },
}));

function fakeIpc() {
  const listeners = new Map<string, (e: unknown, p: unknown) => void>();
  const ipc = {
    invoke: vi.fn(async (channel: string, payload?: unknown) => ({ channel, payload })),
    on: vi.fn((c: string, l: (e: unknown, p: unknown) => void) => listeners.set(c, l)),
    removeListener: vi.fn((c: string) => listeners.delete(c)),
  } satisfies IpcRendererLike;
  return { ipc, listeners };
}

describe('preload API', () => {
  it('maps each named function to its contract channel', async () => {
    const { ipc } = fakeIpc();
    const api = createDesktopApi(ipc);
    await api.getAppInfo();
    await api.setSession({ serverUrl: 'http://localhost:8080', accessToken: 'a', refreshToken: 'r' });
    await api.showNotification({ kind: 'handoff', title: 't', body: 'b' });
    await api.openFile({ filters: [{ name: 'CSV', extensions: ['csv'] }] });
    await api.saveFile({ defaultName: 'x.csv', content: '' });
    await api.setUnreadCount(2);
    await api.openExternal('https://example.com');
    await api.signInWithProvider({ serverUrl: 'https://crm.example.com', provider: 'corp', language: 'en' });
    await api.linkWithProvider({
      serverUrl: 'https://crm.example.com',
      provider: 'corp',
      language: 'en',
      ticket: 't'.repeat(43),
    });
    await api.getSession();
    await api.clearSession();
    const used = ipc.invoke.mock.calls.map(([c]) => c).sort();
    expect(used).toEqual([...ipcChannels].sort());
    expect(ipc.invoke).toHaveBeenCalledWith('tray:set-unread', 2);
  });

  it('exposes functions only: no raw ipcRenderer, no invoke', () => {
    const api = createDesktopApi(fakeIpc().ipc);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.keys(api)).not.toContain('invoke');
    expect(Object.keys(api)).not.toContain('ipcRenderer');
  });

  it("hands the renderer main's coded refusal without Electron's prefix; other errors unchanged", async () => {
    const { ipc } = fakeIpc();
    const refused = '[server-url-refused] IPC session:set rejected: Plain http:// is only allowed ...';
    ipc.invoke.mockRejectedValueOnce(
      new Error(`Error invoking remote method 'session:set': Error: ${refused}`),
    );
    const api = createDesktopApi(ipc);
    const error = (await api
      .setSession({ serverUrl: 'http://crm.example.com', accessToken: 'a', refreshToken: 'r' })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(refused);
    expect(ipcErrorCode(error)).toBe('server-url-refused');

    const other = new Error('network down');
    ipc.invoke.mockRejectedValueOnce(other);
    expect(await api.getSession().catch((e: unknown) => e)).toBe(other);
  });

  it('delivers navigation events and unsubscribes', () => {
    const { ipc, listeners } = fakeIpc();
    const api = createDesktopApi(ipc);
    const seen: string[] = [];
    const off = api.onNavigate((r) => seen.push(r));
    listeners.get('navigate')!({}, '#/leads');
    listeners.get('navigate')!({}, { not: 'a string' });
    expect(seen).toEqual(['#/leads']);
    off();
    expect(ipc.removeListener).toHaveBeenCalledWith('navigate', expect.any(Function));
  });

  it('the preload entry exposes the frozen API as window.desktop', async () => {
    await import('./index');
    expect(exposed.key).toBe('desktop');
    expect(Object.isFrozen(exposed.value)).toBe(true);
    expect(Object.keys(exposed.value as object).sort()).toEqual(
      Object.keys(createDesktopApi(fakeIpc().ipc)).sort(),
    );
  });
});
