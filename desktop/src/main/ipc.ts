// Registers main's IPC handlers, one per channel of the shared contract. Every call is checked: the
// sender must be the app's own frame, the channel known, the payload valid for that channel and
// within its policies (a session's server URL). Refusals carry an `IpcErrorCode` in their message.
import {
  ipcChannels,
  ipcErrorMessage,
  type IpcChannel,
  type IpcErrorCode,
  type IpcHandlers,
  type IpcPayload,
} from '@app/shared/ipc';
import { serverUrlProblem } from './server-url';
import { isStoredSession } from './session-store';

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

const providerRequest = (v: unknown): v is Record<string, unknown> =>
  obj(v) &&
  str(2048)(v.serverUrl) &&
  typeof v.provider === 'string' &&
  /^[a-z][a-z0-9-]{0,30}$/.test(v.provider) &&
  (v.language === 'en' || v.language === 'ru');

export const payloadValidators: PayloadValidators = {
  'app:info': none,
  'session:get': none,
  'session:set': isStoredSession,
  'session:clear': none,
  'notify:show': (v) =>
    obj(v) &&
    ['new-lead', 'handoff', 'delivery-failed', 'reminder'].includes(String(v.kind)) &&
    str(200)(v.title) &&
    str(1000)(v.body) &&
    (v.route === undefined || (str(300)(v.route) && String(v.route).startsWith('#/'))) &&
    (v.tag === undefined || str(300)(v.tag)),
  'dialog:open-file': (v) =>
    obj(v) &&
    (v.title === undefined || str(200)(v.title)) &&
    filters(v.filters) &&
    (v.multiple === undefined || typeof v.multiple === 'boolean'),
  'dialog:save-file': (v) =>
    obj(v) && str(255)(v.defaultName) && str(50_000_000)(v.content) && filters(v.filters),
  'tray:set-unread': (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e7,
  'shell:open-external': str(2048),
  'auth:provider-sign-in': (v) => providerRequest(v),
  'auth:provider-link': (v) =>
    providerRequest(v) && typeof v.ticket === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(v.ticket),
};

export type PayloadRefusal = { code: IpcErrorCode; detail: string };

/** Rules beyond a payload's shape, each refusing with its own code and a sentence the rep can act on. */
export type PayloadPolicies = {
  [C in IpcChannel]?: (payload: IpcPayload<C>) => PayloadRefusal | null;
};

function serverUrlRefusal(url: string): PayloadRefusal | null {
  const problem = serverUrlProblem(url);
  return problem ? { code: 'server-url-refused', detail: problem } : null;
}

export const payloadPolicies: PayloadPolicies = {
  'session:set': (session) => serverUrlRefusal(session.serverUrl),
  // The system browser is sent only to a server the app may talk to.
  'auth:provider-sign-in': (request) => serverUrlRefusal(request.serverUrl),
  'auth:provider-link': (request) => serverUrlRefusal(request.serverUrl),
};

export class IpcRejected extends Error {
  constructor(
    readonly reason: IpcErrorCode,
    channel: string,
    detail?: string,
  ) {
    super(ipcErrorMessage(reason, `IPC ${channel} rejected${detail ? `: ${detail}` : ''}`));
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
  policies: PayloadPolicies = payloadPolicies,
): () => void {
  for (const channel of ipcChannels) {
    const handler = handlers[channel] as (payload: unknown) => unknown;
    const valid = validators[channel];
    const policy = policies[channel] as ((payload: unknown) => PayloadRefusal | null) | undefined;
    ipcMain.handle(channel, (event, payload) => {
      const url = event.senderFrame?.url;
      if (!url || !isTrustedSender(url)) throw new IpcRejected('untrusted-sender', channel);
      if (!valid(payload)) throw new IpcRejected('bad-payload', channel);
      const refusal = policy?.(payload);
      if (refusal) throw new IpcRejected(refusal.code, channel, refusal.detail);
      return handler(payload);
    });
  }
  return () => ipcChannels.forEach((c) => ipcMain.removeHandler(c));
}
