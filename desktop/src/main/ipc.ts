// Registers main's IPC handlers, one per channel of the shared contract. Every call is checked: the
// sender must be the app's own frame, the channel known and the payload valid for that channel.
import { ipcChannels, type IpcChannel, type IpcHandlers } from '@app/shared/ipc';

export type IpcMainLike = {
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => unknown): void;
  removeHandler(channel: string): void;
};
export type InvokeEventLike = { senderFrame?: { url: string } | null };

export type PayloadValidators = { [C in IpcChannel]: (payload: unknown) => boolean };

const str = (max: number) => (v: unknown) => typeof v === 'string' && v.length <= max;
const obj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const none = (v: unknown) => v === undefined || v === null;
const filters = (v: unknown) =>
  v === undefined ||
  (Array.isArray(v) &&
    v.length <= 20 &&
    v.every((f) => obj(f) && str(100)(f.name) && Array.isArray(f.extensions) && f.extensions.every(str(20))));

export const payloadValidators: PayloadValidators = {
  'app:info': none,
  'session:get': none,
  'session:set': obj,
  'session:clear': none,
  'notify:show': (v) =>
    obj(v) &&
    ['new-lead', 'handoff', 'delivery-failed'].includes(String(v.kind)) &&
    str(200)(v.title) &&
    str(1000)(v.body) &&
    (v.route === undefined || (str(300)(v.route) && String(v.route).startsWith('#/'))),
  'dialog:open-file': (v) =>
    obj(v) &&
    (v.title === undefined || str(200)(v.title)) &&
    filters(v.filters) &&
    (v.multiple === undefined || typeof v.multiple === 'boolean'),
  'dialog:save-file': (v) =>
    obj(v) && str(255)(v.defaultName) && str(50_000_000)(v.content) && filters(v.filters),
  'tray:set-unread': (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e7,
  'shell:open-external': str(2048),
};

export class IpcRejected extends Error {
  constructor(
    readonly reason: 'unknown-channel' | 'untrusted-sender' | 'bad-payload',
    channel: string,
  ) {
    super(`IPC ${channel} rejected: ${reason}`);
    this.name = 'IpcRejected';
  }
}

/**
 * Wires every handler; returns a function removing them. `isTrustedSender` decides whether a frame
 * URL is the app itself (see `isAppUrl`).
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: IpcHandlers,
  isTrustedSender: (url: string) => boolean,
  validators: PayloadValidators = payloadValidators,
): () => void {
  for (const channel of ipcChannels) {
    const handler = handlers[channel] as (payload: unknown) => unknown;
    const valid = validators[channel];
    ipcMain.handle(channel, (event, payload) => {
      const url = event.senderFrame?.url;
      if (!url || !isTrustedSender(url)) throw new IpcRejected('untrusted-sender', channel);
      if (!valid(payload)) throw new IpcRejected('bad-payload', channel);
      return handler(payload);
    });
  }
  return () => ipcChannels.forEach((c) => ipcMain.removeHandler(c));
}
