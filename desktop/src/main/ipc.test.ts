import { describe, expect, it, vi } from 'vitest';
import { ipcChannels, ipcErrorCode, type IpcHandlers } from '@app/shared/ipc';
import { IpcRejected, payloadValidators, registerIpcHandlers, type InvokeEventLike } from './ipc';

vi.mock('electron', () => ({}));

type Listener = (event: InvokeEventLike, payload: unknown) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle: (channel: string, fn: Listener) => void handlers.set(channel, fn),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

const handlers = (): IpcHandlers => ({
  'app:info': () => ({ name: 'x', version: '1', platform: 'linux', secureStorage: true }),
  'session:get': () => null,
  'session:set': vi.fn(),
  'session:clear': vi.fn(),
  'notify:show': vi.fn(),
  'dialog:open-file': () => [],
  'dialog:save-file': () => ({ saved: false }),
  'tray:set-unread': vi.fn(),
  'shell:open-external': vi.fn(),
  'auth:provider-sign-in': () => ({ kind: 'timeout' }),
  'auth:provider-link': () => ({ kind: 'timeout' }),
});

const app = { senderFrame: { url: 'app://desktop/index.html' } };
const trusted = (url: string) => url.startsWith('app://desktop/index.html');

describe('main IPC registration', () => {
  it('registers exactly the channels of the contract and removes them again', () => {
    const ipc = fakeIpcMain();
    const dispose = registerIpcHandlers(ipc, handlers(), trusted);
    expect([...ipc.handlers.keys()].sort()).toEqual([...ipcChannels].sort());
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('runs the handler for a valid call from the app', async () => {
    const ipc = fakeIpcMain();
    const h = handlers();
    registerIpcHandlers(ipc, h, trusted);
    expect(await ipc.handlers.get('app:info')!(app, undefined)).toMatchObject({ name: 'x' });
    await ipc.handlers.get('tray:set-unread')!(app, 4);
    expect(h['tray:set-unread']).toHaveBeenCalledWith(4);
  });

  it('rejects calls from other frames', () => {
    const ipc = fakeIpcMain();
    registerIpcHandlers(ipc, handlers(), trusted);
    const call = () =>
      ipc.handlers.get('session:get')!({ senderFrame: { url: 'https://evil.example' } }, undefined);
    expect(call).toThrow(IpcRejected);
    expect(() => ipc.handlers.get('session:get')!({ senderFrame: null }, undefined)).toThrow(
      'untrusted-sender',
    );
  });

  it('rejects bad payloads before the handler sees them', () => {
    const ipc = fakeIpcMain();
    const h = handlers();
    registerIpcHandlers(ipc, h, trusted);
    expect(() => ipc.handlers.get('tray:set-unread')!(app, -1)).toThrow('bad-payload');
    expect(() => ipc.handlers.get('tray:set-unread')!(app, '3')).toThrow('bad-payload');
    expect(() => ipc.handlers.get('notify:show')!(app, { kind: 'spam', title: '', body: '' })).toThrow(
      'bad-payload',
    );
    expect(() =>
      ipc.handlers.get('notify:show')!(app, { kind: 'handoff', title: 't', body: 'b', route: 'https://x' }),
    ).toThrow('bad-payload');
    expect(() =>
      ipc.handlers.get('notify:show')!(app, { kind: 'reminder', title: 't', body: 'b', tag: 7 }),
    ).toThrow('bad-payload');
    ipc.handlers.get('notify:show')!(app, {
      kind: 'reminder',
      title: 't',
      body: 'b',
      tag: 'task:1:x',
      route: '#/tasks',
    });
    expect(h['notify:show']).toHaveBeenCalledTimes(1);
    expect(() => ipc.handlers.get('session:set')!(app, 'token')).toThrow('bad-payload');
    expect(() => ipc.handlers.get('session:set')!(app, { serverUrl: 'https://x.example' })).toThrow(
      'bad-payload',
    );
    expect(h['tray:set-unread']).not.toHaveBeenCalled();
  });

  it('refuses a session whose server URL breaks the rule, with a coded error the renderer can read', () => {
    const ipc = fakeIpcMain();
    const h = handlers();
    registerIpcHandlers(ipc, h, trusted);
    const set = (serverUrl: string) =>
      ipc.handlers.get('session:set')!(app, { serverUrl, accessToken: 'a', refreshToken: 'r' });
    const refusal = (serverUrl: string) => {
      try {
        set(serverUrl);
      } catch (error) {
        return error;
      }
      return null;
    };
    for (const bad of [
      'http://crm.example.com',
      'https://rep:hunter2@crm.example.com',
      'https://crm.example.com/?token=x',
      'javascript:alert(1)',
      'file:///etc/passwd',
    ]) {
      const error = refusal(bad);
      expect(error, bad).toBeInstanceOf(IpcRejected);
      expect(ipcErrorCode(error), bad).toBe('server-url-refused');
    }
    expect(() => set('http://crm.example.com')).toThrow(
      '[server-url-refused] IPC session:set rejected: Plain http:// is only allowed for a server on this computer',
    );
    expect(String(refusal('https://rep:hunter2@crm.example.com'))).not.toContain('hunter2');
    expect(h['session:set']).not.toHaveBeenCalled();

    set('https://crm.example.com');
    set('http://localhost:8080');
    expect(h['session:set']).toHaveBeenCalledTimes(2);
    expect(h['session:set']).toHaveBeenCalledWith({
      serverUrl: 'https://crm.example.com',
      accessToken: 'a',
      refreshToken: 'r',
    });
  });

  it('validates every channel of the contract', () => {
    expect(Object.keys(payloadValidators).sort()).toEqual([...ipcChannels].sort());
    expect(payloadValidators['dialog:open-file']({ filters: [{ name: 'CSV', extensions: ['csv'] }] })).toBe(
      true,
    );
    expect(payloadValidators['dialog:open-file']({ filters: [{ name: 'CSV', extensions: [1] }] })).toBe(
      false,
    );
    expect(payloadValidators['dialog:save-file']({ defaultName: 'leads.csv', content: 'a,b' })).toBe(true);
    expect(payloadValidators['shell:open-external']('x'.repeat(3000))).toBe(false);
    const signIn = { serverUrl: 'https://crm.example.com', provider: 'google', language: 'ru' };
    expect(payloadValidators['auth:provider-sign-in'](signIn)).toBe(true);
    expect(payloadValidators['auth:provider-sign-in']({ ...signIn, provider: '../x' })).toBe(false);
    expect(payloadValidators['auth:provider-sign-in']({ ...signIn, language: 'de' })).toBe(false);
    // A link carries the ticket the renderer got on the session, and is otherwise a sign-in's request.
    const link = { ...signIn, ticket: 'a'.repeat(43) };
    expect(payloadValidators['auth:provider-link'](link)).toBe(true);
    expect(payloadValidators['auth:provider-link'](signIn)).toBe(false);
    expect(payloadValidators['auth:provider-link']({ ...link, ticket: 'x&redirect_uri=evil' })).toBe(false);
    expect(payloadValidators['auth:provider-link']({ ...link, provider: 'Corp' })).toBe(false);
  });

  it('sends the system browser to a server the app may talk to only', () => {
    const ipc = fakeIpcMain();
    registerIpcHandlers(ipc, handlers(), trusted);
    const signIn = ipc.handlers.get('auth:provider-sign-in')!;
    expect(() =>
      signIn(app, { serverUrl: 'http://crm.example.com', provider: 'google', language: 'en' }),
    ).toThrow('[server-url-refused]');
    expect(signIn(app, { serverUrl: 'https://crm.example.com', provider: 'google', language: 'en' })).toEqual(
      {
        kind: 'timeout',
      },
    );
    const link = ipc.handlers.get('auth:provider-link')!;
    const ticket = 'a'.repeat(43);
    expect(() =>
      link(app, { serverUrl: 'http://crm.example.com', provider: 'google', language: 'en', ticket }),
    ).toThrow('[server-url-refused]');
    expect(
      link(app, { serverUrl: 'https://crm.example.com', provider: 'google', language: 'en', ticket }),
    ).toEqual({ kind: 'timeout' });
  });
});
