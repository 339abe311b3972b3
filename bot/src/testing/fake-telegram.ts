/**
 * A fake Telegram Bot API server for tests: node:http on 127.0.0.1, a random port. Point the real
 * grammY client at it (`apiRoot: fake.apiRoot`) and drive the customer side from the test.
 *
 * ```ts
 * const fake = await startFakeTelegram();
 * const bot = createBot(fake.token, { apiRoot: fake.apiRoot, sink, teamId: 't1', botId: 'b1' });
 * const anna = fake.user({ id: 1001, first_name: 'Anna', language_code: 'ru' });
 * anna.says('Сколько стоит?');                 // queued for getUpdates (or POSTed to the webhook)
 * anna.command('start', 'spring-promo');       // deep link
 * fake.failNext({ status: 429, retryAfter: 1 }, { times: 2 });   // the next 2 sendMessage calls
 * fake.blockChat(1001);                        // 403 for that chat from now on
 * await fake.waitForSent(1, { chatId: 1001 }); // the bot's messages, with timestamps in `fake.sent`
 * await fake.close();
 * ```
 *
 * Methods: getMe, getUpdates (long poll with `timeout`/`offset`/`limit`; 409 while a webhook is
 * set or when a newer poll replaces it), setWebhook/deleteWebhook/getWebhookInfo (a set webhook gets
 * the updates POSTed, with the secret header, retried until it answers 2xx), sendMessage,
 * editMessageText, sendChatAction, getFile and the file download path, deleteMessage, getChat
 * (ChatFullInfo of a chat whose customer wrote, with the user's `profile`; else "chat not found"),
 * setMyCommands and a few no-ops. Every call is recorded in `calls`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update, UserFromGetMe } from 'grammy/types';
import { FaultBook, describeStatus, type Failure, type FaultMatch } from './fake-faults';
import { FakeCustomer, type FakeFile, type FakeUserInit } from './fake-updates';
import { handleMethod, type MethodHost } from './fake-methods';
import { UpdateQueue, type WebhookDelivery } from './fake-update-queue';

export type { WebhookDelivery } from './fake-update-queue';

export type FakeTelegramOptions = {
  token?: string;
  bot?: Partial<UserFromGetMe>;
  /** Answer every call this late (ms). */
  latencyMs?: number;
  /** 429 a sendMessage that comes sooner than this after the last one to the same chat. */
  floodControl?: { perChatIntervalMs: number; retryAfter?: number };
  /** Delay between webhook delivery retries (ms). */
  webhookRetryMs?: number;
  now?: () => number;
};

export type RecordedCall = { method: string; params: Record<string, unknown>; at: number; status: number };

/** A message the bot sent (sendMessage, sendDocument, sendPhoto) or edited (editMessageText). */
export type SentMessage = {
  method: 'sendMessage' | 'editMessageText' | 'sendDocument' | 'sendPhoto';
  chatId: number | string;
  messageId: number;
  text: string;
  params: Record<string, unknown>;
  at: number;
  /** What sendDocument / sendPhoto uploaded (`text` holds the caption). */
  file?: { name: string; mimeType: string; bytes: Uint8Array };
};

export type FakeTelegram = {
  /** The `apiRoot` for grammY (`client: { apiRoot }`) and TELEGRAM_API_ROOT. */
  readonly apiRoot: string;
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  /** Every Bot API call, in order. */
  readonly calls: RecordedCall[];
  /** Every message the bot sent or edited, in order, with the time the fake accepted it. */
  readonly sent: SentMessage[];
  readonly webhookDeliveries: WebhookDelivery[];
  /** The webhook set by the bot, if any. */
  webhook(): { url: string; secretToken?: string } | undefined;
  /** A customer; a private chat unless `group` is given. */
  user(init: FakeUserInit): FakeCustomer;
  /** Queues a raw update (an `update_id` is assigned). */
  pushUpdate(update: Omit<Update, 'update_id'>): Update;
  /** Queues the same update again under a new update_id (what a redelivery looks like after a restart). */
  redeliver(update: Update): Update;
  /** Updates not yet confirmed by getUpdates' offset (or not yet accepted by the webhook). */
  pendingUpdates(): Update[];
  /** A file the bot can getFile and download. */
  addFile(bytes: Uint8Array, meta?: { fileName?: string; mimeType?: string }): FakeFile;
  /** The next `times` calls matching (`method` defaults to sendMessage) fail so. */
  failNext(failure: Failure, options?: FaultMatch & { times?: number }): void;
  /** Calls matching fail so until the returned function is called. */
  failAlways(failure: Failure, match?: FaultMatch): () => void;
  /** sendMessage to the chat answers 403 "bot was blocked by the user" from now on. */
  blockChat(chatId: number | string): () => void;
  clearFailures(): void;
  setLatency(ms: number): void;
  sentTo(chatId: number | string): SentMessage[];
  /** The inline keyboard under a sent message now (as sent, or as last edited); undefined: none. */
  markupOf(chatId: number | string, messageId: number): unknown;
  /** Resolves once `predicate` holds (checked on every call, update and every 25 ms: it may look at
   * your own state too); rejects after `timeoutMs` (default 5000). */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves with the sent messages once at least `count` went out (to `chatId`, if given). */
  waitForSent(
    count: number,
    options?: { chatId?: number | string; timeoutMs?: number },
  ): Promise<SentMessage[]>;
  close(): Promise<void>;
};

export const FAKE_TOKEN = '123456789:FAKE-telegram-token_for_tests';

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = options.token ?? FAKE_TOKEN;
  const now = options.now ?? Date.now;
  const botInfo: UserFromGetMe = {
    id: Number(token.split(':')[0]) || 123456789,
    is_bot: true,
    first_name: 'Fake Sales Bot',
    username: 'fake_sales_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    ...options.bot,
  } as UserFromGetMe;
  let latencyMs = options.latencyMs ?? 0;
  const faults = new FaultBook();
  const calls: RecordedCall[] = [];
  const sent: SentMessage[] = [];
  const files = new Map<string, { bytes: Uint8Array; path: string; size: number; uniqueId: string }>();
  const messageIds = new Map<number | string, number>();
  const lastSendAt = new Map<string, number>();
  const listeners = new Set<() => void>();
  const hanging = new Set<ServerResponse>();
  let fileCounter = 0;

  const changed = () => {
    for (const l of [...listeners]) l();
  };
  const updates = new UpdateQueue(now, changed, options.webhookRetryMs ?? 100);

  const nextMessageId = (chatId: number | string) => {
    const id = (messageIds.get(chatId) ?? 0) + 1;
    messageIds.set(chatId, id);
    return id;
  };

  const addFile = (bytes: Uint8Array, meta: { fileName?: string; mimeType?: string } = {}): FakeFile => {
    const n = ++fileCounter;
    const fileId = `fake-file-${n}-${'x'.repeat(8)}`;
    const ext = meta.fileName?.split('.').pop() ?? (meta.mimeType === 'image/jpeg' ? 'jpg' : 'bin');
    const entry = { bytes, path: `files/file_${n}.${ext}`, size: bytes.byteLength, uniqueId: `uniq-${n}` };
    files.set(fileId, entry);
    return { file_id: fileId, file_unique_id: entry.uniqueId, file_size: entry.size };
  };
  const pushUpdate = (update: Omit<Update, 'update_id'>) => updates.push(update);

  const chats: MethodHost['chats'] = new Map();
  const host: MethodHost = {
    botInfo,
    chats,
    now,
    files,
    sent,
    nextMessageId,
    faults,
    lastSendAt,
    floodControl: options.floodControl,
    updates,
    markups: new Map(),
  };

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"ok":false,"error_code":400,"description":"Bad Request: can\'t parse request"}');
      }
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch) {
      const entry = [...files.values()].find((f) => f.path === decodeURIComponent(fileMatch[2] ?? ''));
      if (fileMatch[1] !== token || !entry) return void res.writeHead(404).end('Not Found');
      return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(entry.bytes);
    }
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const method = m?.[2] ?? '';
    const params = { ...Object.fromEntries(url.searchParams), ...(await readBody(req)) };
    const answer = (status: number, body: unknown) => {
      calls.push({ method, params, at: now(), status });
      changed();
      if (!res.writableEnded && !res.destroyed) {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      }
    };
    const error = (status: number, description: string, parameters?: object) =>
      answer(status, { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) });
    if (!m) return error(404, 'Not Found');
    if (m[1] !== token) return error(401, 'Unauthorized');
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));

    const failure = faults.take(method, params.chat_id as number | string | undefined);
    if (failure) {
      if ('delayMs' in failure) await new Promise((r) => setTimeout(r, failure.delayMs));
      else if ('hang' in failure) {
        calls.push({ method, params, at: now(), status: 0 });
        hanging.add(res);
        res.once('close', () => hanging.delete(res));
        return changed();
      } else if ('reset' in failure) {
        calls.push({ method, params, at: now(), status: 0 });
        changed();
        return void req.socket.destroy();
      } else if (failure.html) {
        calls.push({ method, params, at: now(), status: failure.status });
        changed();
        return void res
          .writeHead(failure.status, { 'content-type': 'text/html' })
          .end('<html>Bad Gateway</html>');
      } else {
        const description = failure.description ?? describeStatus(failure.status, failure.retryAfter);
        const retry = failure.status === 429 ? { retry_after: failure.retryAfter ?? 1 } : undefined;
        return error(failure.status, description, retry);
      }
    }
    handleMethod(host, method, params, res, { answer, error });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const waitFor = (predicate: () => boolean, timeoutMs = 5000) =>
    new Promise<void>((resolve, reject) => {
      if (predicate()) return resolve();
      const check = () => {
        if (!predicate()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake telegram: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      const interval = setInterval(check, 25);
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(interval);
        listeners.delete(check);
      };
      listeners.add(check);
    });

  const sentTo = (chatId: number | string) =>
    sent.filter((s) => s.method === 'sendMessage' && String(s.chatId) === String(chatId));

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botInfo,
    calls,
    sent,
    webhookDeliveries: updates.deliveries,
    webhook: () => updates.webhook(),
    user: (init) => {
      const customer = new FakeCustomer(
        {
          nextMessageId,
          addFile,
          nowSeconds: () => Math.floor(now() / 1000),
          // Telegram knows a chat with the bot (getChat) once the customer wrote in it.
          push: (update) => {
            chats.set(customer.chat.id, {
              chat: customer.chat,
              ...(init.group ? {} : { profile: init.profile }),
            });
            return pushUpdate(update);
          },
        },
        init,
      );
      return customer;
    },
    pushUpdate,
    redeliver: (update) => {
      const { update_id: _id, ...rest } = update;
      return pushUpdate(rest);
    },
    pendingUpdates: () => updates.pending(),
    addFile,
    failNext: (failure, { times = 1, method = 'sendMessage', chatId } = {}) => {
      faults.add(failure, { method, ...(chatId === undefined ? {} : { chatId }) }, times);
    },
    failAlways: (failure, match = { method: 'sendMessage' }) => faults.add(failure, match, Infinity),
    blockChat: (chatId) => faults.add({ status: 403 }, { method: 'sendMessage', chatId }, Infinity),
    clearFailures: () => faults.clear(),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    sentTo,
    markupOf: (chatId, messageId) => {
      const edited = host.markups.get(`${String(chatId)}:${messageId}`);
      if (edited !== undefined) return JSON.parse(edited) as unknown;
      const original = sent.find(
        (s) => s.method === 'sendMessage' && String(s.chatId) === String(chatId) && s.messageId === messageId,
      );
      return original?.params.reply_markup;
    },
    waitFor,
    async waitForSent(count, { chatId, timeoutMs } = {}) {
      const list = () =>
        chatId === undefined ? sent.filter((s) => s.method === 'sendMessage') : sentTo(chatId);
      await waitFor(() => list().length >= count, timeoutMs);
      return list();
    },
    async close() {
      updates.close();
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A file a bot uploaded (multipart/form-data, as grammY sends an InputFile). */
export type UploadedFile = { filename: string; mimeType: string; bytes: Buffer };

/**
 * Fields as strings and uploaded files as `UploadedFile`, by field name. Lenient as Telegram is:
 * grammY writes a file name unquoted and in raw UTF-8 (`filename=договор.pdf`), which strict
 * parsers drop with the part.
 */
function parseMultipart(body: Buffer, contentType: string): Record<string, unknown> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const out: Record<string, unknown> = {};
  if (!boundary) return out;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2); // after CRLF, before CRLF
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const headers = part.subarray(0, split).toString('utf8');
      const content = part.subarray(split + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(headers);
      const type = /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
      if (name !== undefined)
        out[name] = filename
          ? { filename: filename[1] ?? filename[2] ?? '', mimeType: type.trim(), bytes: Buffer.from(content) }
          : content.toString('utf8');
    }
    at = next;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.includes('multipart/form-data')) return parseMultipart(Buffer.concat(chunks), contentType);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  return {};
}
