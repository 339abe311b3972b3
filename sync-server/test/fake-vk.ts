/**
 * A fake VK API server for tests: node:http on 127.0.0.1, a random port, built from VK's documented
 * methods and errors. Point the server at it (VK_API_ROOT = `fake.apiRoot`) and drive the customer
 * side from the test.
 *
 * - Methods (`POST|GET /method/<name>`, form or query parameters, `access_token` and `v` required):
 *   groups.getById, groups.getLongPollServer, messages.send, users.get (with the profile `fields`
 *   asked: about, status, site, bdate, city, country, occupation, domain). Answers `{ response }` or
 *   `{ error: { error_code, error_msg, request_params } }` as VK does: 5 for a wrong token, 8 without
 *   `v`, 3 for an unknown method, 100 for a missing parameter, 901 for a user who does not take
 *   messages from the community.
 * - messages.send drops a message whose `random_id` it has seen from the same community before and
 *   answers the id of the first (VK's idempotency), so `sent` holds what customers see and `calls`
 *   every attempt.
 * - Faults: `failNext('messages.send', 6)` answers VK's error; `acceptThenDrop()` records the next
 *   message (to `peerId` when given) and closes the connection without an answer (the sender never
 *   learns it went out).
 * - Callback API: `callback(url, event)` POSTs an event as VK does (with the secret key) and answers
 *   the server's status and text; `confirmation(url)` sends the confirmation event.
 * - Files: `file(name, bytes)` serves bytes at a URL of the fake (`GET /files/<name>`), as VK's
 *   photo and document URLs serve them; `photo(url)` and `doc(url, ...)` build the attachment objects
 *   of a message (a photo's `sizes[]`, a document's `url`, `title`, `ext` and `size`), which
 *   `messageEvent(from, text, attachments)` carries.
 * - Wall: `wall.post(text)`, `wall.comment(postId, text)` for wall.get, wall.getComments and
 *   newsfeed.search (fake-vk-wall.ts). As VK documents them, those answer a service key
 *   (`serviceToken`, the app's) and refuse the community token with 27; the community's methods
 *   refuse the service key with 28.
 * - Bots Long Poll API: `GET /lp/<group>?act=a_check&key&ts&wait` holds the request until an event
 *   or `wait` seconds; `outdate()` answers the next check `failed: 1`, `expireKey()` `failed: 2`,
 *   `loseHistory()` `failed: 3`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeWall, type FakeWall } from './fake-vk-wall';

/** A VK user: names, and the profile fields users.get answers when asked in `fields`. */
export type VkUser = {
  id: number;
  first_name: string;
  last_name: string;
  screen_name?: string;
  domain?: string;
  about?: string;
  status?: string;
  site?: string;
  bdate?: string;
  city?: { id: number; title: string };
  country?: { id: number; title: string };
  occupation?: { type: 'work' | 'school' | 'university'; id?: number; name: string };
};

/** Profile fields VK answers with "" when the user left them empty (the rest are left out). */
const textFields = new Set(['about', 'status', 'site']);
export type VkSent = {
  id: number;
  peerId: number;
  text: string;
  randomId: number;
  at: number;
  /** messages.send's `keyboard`, parsed (checked as VK does: inline, labels, payloads). */
  keyboard?: unknown;
};
export type VkCall = { method: string; params: Record<string, string>; error?: number };
export type VkEvent = { type: string; object: unknown; group_id: number; event_id: string; v: string };

export type FakeVk = {
  readonly apiRoot: string;
  readonly token: string;
  /** The VK app's service key: the wall and news search answer it (and not the community token). */
  readonly serviceToken: string;
  readonly groupId: number;
  readonly sent: VkSent[];
  readonly calls: VkCall[];
  /** The community's wall: posts and comments for wall.get, wall.getComments and newsfeed.search. */
  readonly wall: FakeWall;
  user(user: VkUser): void;
  /** The user does not take messages from the community: messages.send answers 901. */
  blockUser(id: number): void;
  /** VK's error `code` for the next call(s) of `method` (those `match` picks, when given). */
  failNext(
    method: string,
    code: number,
    opts?: { times?: number; match?: (params: Record<string, string>) => boolean },
  ): void;
  acceptThenDrop(times?: number, opts?: { peerId?: number }): void;
  /** A `message_new` event from the user, with VK's message object (`payload`: a button's). */
  messageEvent(fromId: number, text: string, attachments?: unknown[], payload?: string): VkEvent;
  /** Serves `bytes` at the answered URL (a file's download URL); `chunked`: with no content-length. */
  file(name: string, bytes: Buffer, contentType?: string, opts?: { chunked?: boolean }): string;
  /** A photo attachment whose sizes are served at `urls` (smallest first, as VK lists them). */
  photo(urls: string[]): unknown;
  /** A document attachment; `size` is what VK says of it (the served bytes' length by default). */
  doc(url: string, title: string, ext: string, size: number): unknown;
  /** What VK had sent before (as if the sender crashed after this call). */
  recordSent(peerId: number, text: string, randomId: number): VkSent;
  callback(
    url: string,
    event: VkEvent | Record<string, unknown>,
    secret?: string,
  ): Promise<{ status: number; text: string }>;
  confirmation(url: string, secret?: string): Promise<{ status: number; text: string }>;
  /** Queues an event for the long-poll server. */
  pushLongPoll(event: VkEvent): void;
  expireKey(): void;
  loseHistory(): void;
  /** The next check answers `failed: 1` (history outdated) with the position to go on from. */
  outdate(): void;
  readonly longPollChecks: Array<{ ts: string; answer: string }>;
  waitForSent(n: number, opts?: { peerId?: number; timeoutMs?: number }): Promise<VkSent[]>;
  close(): Promise<void>;
};

const API_VERSION = '5.199';
const errorText: Record<number, string> = {
  3: 'Unknown method passed',
  5: 'User authorization failed: invalid access_token (4).',
  6: 'Too many requests per second',
  8: 'Invalid request: v (version) is required',
  9: 'Flood control',
  27: 'Group authorization failed: method is unavailable with group auth.',
  28: 'Application authorization failed: method is unavailable with service token.',
  10: 'Internal server error',
  100: 'One of the parameters specified was missing or invalid',
  901: "Can't send messages for users without permission",
  902: "Can't send messages to this user due to their privacy settings",
};

class VkError extends Error {
  constructor(
    readonly code: number,
    detail?: string,
  ) {
    super(detail ? `${errorText[code] ?? 'Error'}: ${detail}` : (errorText[code] ?? 'Error'));
  }
}

/** A keyboard as VK checks it: JSON, rows of buttons, a label of at most 40 and a payload of 255. */
function checkedKeyboard(raw: string): unknown {
  let k: { inline?: boolean; buttons?: unknown };
  try {
    k = JSON.parse(raw) as typeof k;
  } catch {
    throw new VkError(100, 'keyboard is not a valid JSON');
  }
  const rows = k.buttons;
  if (!Array.isArray(rows) || rows.length > (k.inline ? 6 : 10))
    throw new VkError(100, 'keyboard.buttons is invalid');
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row)) throw new VkError(100, 'keyboard.buttons row is invalid');
    for (const b of row as Array<{ action?: { type?: string; label?: string; payload?: string } }>) {
      const a = b.action;
      if (!a || a.type !== 'text' || !a.label || a.label.length > 40)
        throw new VkError(100, 'keyboard button label is invalid');
      if (a.payload !== undefined && (typeof a.payload !== 'string' || a.payload.length > 255))
        throw new VkError(100, 'keyboard button payload is invalid');
    }
  }
  return k;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeVk(
  opts: { groupId?: number; groupName?: string; token?: string } = {},
): Promise<FakeVk> {
  const groupId = opts.groupId ?? 218_000_111;
  const token = opts.token ?? `vk1.a.${randomBytes(30).toString('hex')}`;
  const serviceToken = randomBytes(32).toString('hex');
  const users = new Map<number, VkUser>();
  const blocked = new Set<number>();
  // The community's wall: its owner id is the community's, negative (VK's convention).
  const wall = createFakeWall(-groupId);
  const sent: VkSent[] = [];
  const byRandomId = new Map<number, VkSent>();
  const calls: VkCall[] = [];
  const faults: Array<{ method: string; code: number; match?: (p: Record<string, string>) => boolean }> = [];
  /** Sends to answer by dropping the connection: how many, and to which peer (any when unset). */
  const drops: { peerId?: number }[] = [];
  let messageId = 1000;
  let conversationMessageId = 0;
  // Long poll: events numbered from `base`; `key` valid until expired.
  let key = randomBytes(20).toString('hex');
  let history: VkEvent[] = [];
  let base = 1;
  let expire = false;
  let lose = false;
  let outdated = false;
  const waiting = new Set<() => void>();
  const longPollChecks: Array<{ ts: string; answer: string }> = [];
  const sentWaiters = new Set<() => void>();

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  function record(peerId: number, text: string, randomId: number, keyboard?: unknown): VkSent {
    const m = { id: ++messageId, peerId, text, randomId, at: Date.now(), ...(keyboard ? { keyboard } : {}) };
    sent.push(m);
    byRandomId.set(randomId, m);
    for (const w of sentWaiters) w();
    return m;
  }

  function method(name: string, p: Record<string, string>): unknown {
    const need = (k: string) => {
      if (p[k] === undefined || p[k] === '') throw new VkError(100, `${k} is a required parameter`);
      return p[k];
    };
    switch (name) {
      case 'groups.getById': {
        const group = {
          id: groupId,
          name: opts.groupName ?? 'Demo shop',
          screen_name: `club${groupId}`,
          type: 'group',
        };
        if (p.group_id && Number(p.group_id) !== groupId) throw new VkError(100, 'group_id is invalid');
        return Number(p.v?.split('.')[1] ?? 0) >= 139 ? { groups: [group], profiles: [] } : [group];
      }
      case 'groups.getLongPollServer': {
        if (Number(need('group_id')) !== groupId) throw new VkError(100, 'group_id is invalid');
        return { key, server: `${root}/lp/${groupId}`, ts: String(base + history.length) };
      }
      case 'users.get': {
        const ids = need('user_ids').split(',').map(Number);
        return ids.flatMap((id) => {
          const u = users.get(id);
          if (!u) return [];
          // As VK: id, names and the closed-profile flags always; of the rest, only the fields asked.
          const asked = (p.fields ?? '').split(',').map((f) => f.trim());
          const out: Record<string, unknown> = {
            id: u.id,
            first_name: u.first_name,
            last_name: u.last_name,
            can_access_closed: true,
            is_closed: false,
          };
          for (const f of asked) {
            const value = (u as Record<string, unknown>)[f];
            if (f === 'domain') out.domain = u.domain ?? u.screen_name ?? `id${u.id}`;
            else if (value !== undefined) out[f] = value;
            else if (textFields.has(f)) out[f] = '';
          }
          return [out];
        });
      }
      case 'messages.send': {
        const peerId = Number(need('peer_id'));
        const randomId = Number(need('random_id'));
        if (!Number.isInteger(randomId) || randomId < -2_147_483_648 || randomId > 2_147_483_647)
          throw new VkError(100, 'random_id is not an int32');
        const text = p.message ?? '';
        if (!text) throw new VkError(100, 'message is empty');
        if (text.length > 4096) throw new VkError(914, 'Message is too long');
        if (blocked.has(peerId)) throw new VkError(901);
        // VK's idempotency: a random_id seen before sends nothing and answers the first message's id.
        const seen = byRandomId.get(randomId);
        if (seen) return seen.id;
        return record(peerId, text, randomId, p.keyboard ? checkedKeyboard(p.keyboard) : undefined).id;
      }
      default: {
        const answer = wall.handle(name, p, need, (code, detail) => {
          throw new VkError(code, detail);
        });
        if (answer === undefined) throw new VkError(3);
        return answer;
      }
    }
  }

  async function handleMethod(req: IncomingMessage, res: ServerResponse, name: string, url: URL) {
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (req.method === 'POST')
      Object.assign(params, Object.fromEntries(new URLSearchParams(await readBody(req))));
    const call: VkCall = { method: name, params: { ...params, access_token: '***' } };
    calls.push(call);
    const requestParams = Object.entries(params)
      .filter(([k]) => k !== 'access_token')
      .map(([k, value]) => ({ key: k, value }));
    try {
      if (!params.v) throw new VkError(8);
      if (params.access_token !== token && params.access_token !== serviceToken) throw new VkError(5);
      const wallMethod = ['wall.get', 'wall.getComments', 'newsfeed.search'].includes(name);
      if (wallMethod && params.access_token === token) throw new VkError(27);
      if (!wallMethod && params.access_token === serviceToken) throw new VkError(28);
      const fault = faults.findIndex((f) => f.method === name && (!f.match || f.match(params)));
      if (fault >= 0) {
        const [f] = faults.splice(fault, 1);
        throw new VkError(f!.code);
      }
      const drop =
        name === 'messages.send'
          ? drops.findIndex((d) => d.peerId === undefined || String(d.peerId) === params.peer_id)
          : -1;
      if (drop >= 0) {
        drops.splice(drop, 1);
        method(name, params);
        req.socket.destroy();
        return;
      }
      send(res, 200, { response: method(name, params) });
    } catch (err) {
      if (!(err instanceof VkError)) throw err;
      call.error = err.code;
      send(res, 200, {
        error: { error_code: err.code, error_msg: err.message, request_params: requestParams },
      });
    }
  }

  function longPoll(res: ServerResponse, url: URL) {
    const ts = url.searchParams.get('ts') ?? '';
    const answer = (body: Record<string, unknown>) => {
      longPollChecks.push({ ts, answer: JSON.stringify(body).slice(0, 200) });
      send(res, 200, body);
    };
    if (url.searchParams.get('act') !== 'a_check') return answer({ failed: 3 });
    if (expire) {
      expire = false;
      key = randomBytes(20).toString('hex');
      return answer({ failed: 2 });
    }
    if (lose) {
      lose = false;
      base += history.length;
      history = [];
      key = randomBytes(20).toString('hex');
      return answer({ failed: 3 });
    }
    if (url.searchParams.get('key') !== key) return answer({ failed: 2 });
    if (outdated) {
      outdated = false;
      return answer({ failed: 1, ts: String(base + history.length) });
    }
    const at = Number(ts);
    if (!Number.isInteger(at) || at < base) return answer({ failed: 1, ts: base });
    const ready = () => history.slice(at - base);
    if (ready().length > 0 || at > base + history.length)
      return answer({ ts: String(base + history.length), updates: ready() });
    const wait = Math.min(90, Math.max(0, Number(url.searchParams.get('wait') ?? 25)));
    const done = () => {
      clearTimeout(timer);
      waiting.delete(done);
      if (!res.writableEnded) answer({ ts: String(base + history.length), updates: ready() });
    };
    const timer = setTimeout(done, wait * 1000);
    waiting.add(done);
    res.on('close', () => {
      clearTimeout(timer);
      waiting.delete(done);
    });
  }

  const served = new Map<string, { bytes: Buffer; type: string; chunked?: boolean }>();
  let fileIds = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/method\/([A-Za-z.]+)$/.exec(url.pathname);
    if (m) {
      handleMethod(req, res, m[1]!, url).catch(() => send(res, 500, { error: 'fake failed' }));
      return;
    }
    if (url.pathname === `/lp/${groupId}`) return longPoll(res, url);
    const file = served.get(url.pathname);
    if (file) {
      if (!file.chunked) {
        res.writeHead(200, { 'content-type': file.type, 'content-length': file.bytes.length });
        res.end(file.bytes);
        return;
      }
      res.writeHead(200, { 'content-type': file.type });
      for (let i = 0; i < file.bytes.length; i += 16 * 1024) res.write(file.bytes.subarray(i, i + 16 * 1024));
      res.end();
      return;
    }
    send(res, 404, { error: 'not found' });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function post(url: string, body: unknown) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  }

  return {
    apiRoot: root,
    token,
    serviceToken,
    groupId,
    sent,
    calls,
    longPollChecks,
    wall: wall.wall,
    user: (u) => void users.set(u.id, u),
    blockUser: (id) => void blocked.add(id),
    failNext(name, code, o = {}) {
      for (let i = 0; i < (o.times ?? 1); i++)
        faults.push({ method: name, code, ...(o.match ? { match: o.match } : {}) });
    },
    acceptThenDrop(times = 1, opts = {}) {
      for (let i = 0; i < times; i++) drops.push({ peerId: opts.peerId });
    },
    file(name, bytes, type = 'application/octet-stream', opts = {}) {
      served.set(`/files/${encodeURIComponent(name)}`, { bytes, type, chunked: opts.chunked === true });
      return `${root}/files/${encodeURIComponent(name)}`;
    },
    photo: (urls) => ({
      type: 'photo',
      photo: {
        id: ++fileIds,
        owner_id: 1001,
        album_id: -3,
        date: Math.floor(Date.now() / 1000),
        sizes: urls.map((url, i) => ({
          type: 'smxyz'[i] ?? 'w',
          url,
          width: 75 * 2 ** i,
          height: 50 * 2 ** i,
        })),
        text: '',
      },
    }),
    doc: (url, title, ext, size) => ({
      type: 'doc',
      doc: {
        id: ++fileIds,
        owner_id: 1001,
        title,
        size,
        ext,
        date: Math.floor(Date.now() / 1000),
        type: 1,
        url,
      },
    }),
    messageEvent(fromId, text, attachments = [], payload) {
      const message = {
        ...(payload === undefined ? {} : { payload }),
        id: ++messageId,
        date: Math.floor(Date.now() / 1000),
        peer_id: fromId,
        from_id: fromId,
        text,
        conversation_message_id: ++conversationMessageId,
        out: 0,
        attachments,
        fwd_messages: [],
        important: false,
        is_hidden: false,
      };
      return {
        type: 'message_new',
        object: {
          message,
          client_info: {
            button_actions: ['text'],
            keyboard: true,
            inline_keyboard: true,
            carousel: true,
            lang_id: 0,
          },
        },
        group_id: groupId,
        event_id: randomBytes(20).toString('hex'),
        v: API_VERSION,
      };
    },
    recordSent: (peerId, text, randomId) => record(peerId, text, randomId),
    callback: (url, event, secret) => post(url, { ...event, ...(secret !== undefined ? { secret } : {}) }),
    confirmation: (url, secret) =>
      post(url, { type: 'confirmation', group_id: groupId, ...(secret !== undefined ? { secret } : {}) }),
    pushLongPoll(event) {
      history.push(event);
      for (const w of [...waiting]) w();
    },
    // Both answer the checks held now (no events), so the next check meets the failure at once.
    expireKey() {
      expire = true;
      for (const w of [...waiting]) w();
    },
    loseHistory() {
      lose = true;
      for (const w of [...waiting]) w();
    },
    outdate() {
      outdated = true;
      for (const w of [...waiting]) w();
    },
    async waitForSent(n, o = {}) {
      const mine = () => sent.filter((s) => o.peerId === undefined || s.peerId === o.peerId);
      const deadline = Date.now() + (o.timeoutMs ?? 30_000);
      while (mine().length < n) {
        if (Date.now() > deadline) throw new Error(`fake VK: ${mine().length} of ${n} messages sent in time`);
        await new Promise<void>((ok) => {
          const t = setTimeout(ok, 200);
          sentWaiters.add(() => (clearTimeout(t), ok()));
        });
        sentWaiters.clear();
      }
      return mine();
    },
    async close() {
      for (const w of [...waiting]) w();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await closed;
    },
  };
}
