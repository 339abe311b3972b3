// The Bot API methods of the fake server (fake-telegram.ts), answering as Telegram does.
import type { ServerResponse } from 'node:http';
import type { Chat, Message, UserFromGetMe } from 'grammy/types';
import type { FaultBook } from './fake-faults';
import type { SentMessage } from './fake-telegram';
import type { FakeUserInit } from './fake-updates';
import type { UpdateQueue } from './fake-update-queue';

export type StoredFile = { bytes: Uint8Array; path: string; size: number; uniqueId: string };

export type MethodHost = {
  botInfo: UserFromGetMe;
  now: () => number;
  files: Map<string, StoredFile>;
  sent: SentMessage[];
  faults: FaultBook;
  nextMessageId(chatId: number | string): number;
  lastSendAt: Map<string, number>;
  floodControl: { perChatIntervalMs: number; retryAfter?: number } | undefined;
  updates: UpdateQueue;
  /** Chats the bot knows (a customer wrote in them), with what getChat tells of the user. */
  chats: Map<number, { chat: Chat; profile?: FakeUserInit['profile'] }>;
  /** Keyboards set by editMessageReplyMarkup, by `chat:message` (JSON). */
  markups: Map<string, string>;
};

type Reply = {
  answer(status: number, body: unknown): void;
  error(status: number, description: string, parameters?: object): void;
};

const TEXT_LIMIT = 4096;

/** Numeric chat ids arrive as numbers or strings; `@name` stays a string. */
const chatKey = (raw: unknown): number | string => {
  const s = String(raw ?? '');
  return /^-?\d+$/.test(s) ? Number(s) : s;
};

function chatOf(id: number | string): Chat {
  if (typeof id === 'number' && id > 0) return { id, type: 'private', first_name: `User${id}` };
  return { id: typeof id === 'number' ? id : -1, type: 'supergroup', title: String(id) } as Chat;
}

const truthy = (v: unknown) => v === true || v === 'true';

export function handleMethod(
  host: MethodHost,
  method: string,
  params: Record<string, unknown>,
  res: ServerResponse,
  reply: Reply,
): void {
  const ok = (result: unknown) => reply.answer(200, { ok: true, result });
  switch (method) {
    case 'getMe':
      return ok(host.botInfo);
    case 'getUpdates':
      host.updates.allow(params.allowed_updates);
      return host.updates.getUpdates(params, res, (result) => {
        if (result === 'conflict-webhook') {
          return reply.error(
            409,
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
          );
        }
        if (result === 'conflict-poll') {
          return reply.error(409, 'Conflict: terminated by other getUpdates request');
        }
        ok(result);
      });
    case 'setWebhook': {
      const url = String(params.url ?? '');
      if (truthy(params.drop_pending_updates)) host.updates.drop();
      if (!url) {
        host.updates.setWebhook(undefined);
        return ok(true);
      }
      const secret = params.secret_token === undefined ? undefined : String(params.secret_token);
      if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
        return reply.error(400, 'Bad Request: secret token contains unallowed characters');
      }
      host.updates.allow(params.allowed_updates);
      host.updates.setWebhook({ url, ...(secret === undefined ? {} : { secretToken: secret }) });
      return ok(true);
    }
    case 'deleteWebhook':
      if (truthy(params.drop_pending_updates)) host.updates.drop();
      host.updates.setWebhook(undefined);
      return ok(true);
    case 'getWebhookInfo':
      return ok({
        url: host.updates.webhook()?.url ?? '',
        has_custom_certificate: false,
        pending_update_count: 0,
      });
    case 'getChat':
      return getChat(host, params, reply);
    case 'sendMessage':
      return sendMessage(host, params, reply);
    case 'sendDocument':
    case 'sendPhoto':
      return sendFile(host, method, params, reply);
    case 'editMessageText': {
      const chatId = chatKey(params.chat_id);
      const messageId = Number(params.message_id);
      const text = String(params.text ?? '');
      const original = host.sent.find(
        (s) => String(s.chatId) === String(chatId) && s.messageId === messageId,
      );
      if (!original) return reply.error(400, 'Bad Request: message to edit not found');
      if (original.text === text) {
        return reply.error(
          400,
          'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
        );
      }
      const at = host.now();
      host.sent.push({ method: 'editMessageText', chatId, messageId, text, params, at });
      return ok(messageOf(host, chatId, messageId, text, at));
    }
    case 'editMessageReplyMarkup':
      return editReplyMarkup(host, params, reply);
    case 'getFile': {
      const fileId = String(params.file_id ?? '');
      const file = host.files.get(fileId);
      if (!file) return reply.error(400, 'Bad Request: invalid file_id');
      return ok({
        file_id: fileId,
        file_unique_id: file.uniqueId,
        file_size: file.size,
        file_path: file.path,
      });
    }
    case 'sendChatAction':
    case 'deleteMessage':
    case 'setMyCommands':
    case 'deleteMyCommands':
    case 'setMyDescription':
    case 'answerCallbackQuery':
    case 'setChatMenuButton':
    case 'close':
    case 'logOut':
      return ok(true);
    default:
      return reply.error(404, 'Not Found: method not found');
  }
}

/** The keyboard under a sent message: the last one set (sendMessage, then editMessageReplyMarkup). */
const markupKey = (raw: unknown) => JSON.stringify(typeof raw === 'string' ? JSON.parse(raw) : (raw ?? null));

function editReplyMarkup(host: MethodHost, params: Record<string, unknown>, reply: Reply): void {
  const chatId = chatKey(params.chat_id);
  const messageId = Number(params.message_id);
  const same = (s: { chatId: number | string; messageId: number }) =>
    String(s.chatId) === String(chatId) && s.messageId === messageId;
  const original = host.sent.find((s) => same(s) && s.method === 'sendMessage');
  if (!original) return reply.error(400, 'Bad Request: message to edit not found');
  const edits = host.markups.get(`${String(chatId)}:${messageId}`);
  const current = edits ?? markupKey(original.params.reply_markup);
  const next = markupKey(params.reply_markup);
  if (current === next) {
    return reply.error(
      400,
      'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
  }
  host.markups.set(`${String(chatId)}:${messageId}`, next);
  const at = host.now();
  return reply.answer(200, {
    ok: true,
    result: {
      ...messageOf(host, chatId, messageId, original.text, at),
      reply_markup: JSON.parse(next) as unknown,
    },
  });
}

function messageOf(
  host: MethodHost,
  chatId: number | string,
  messageId: number,
  text: string,
  at: number,
): Message {
  return {
    message_id: messageId,
    date: Math.floor(at / 1000),
    chat: chatOf(chatId),
    from: host.botInfo,
    text,
  } as Message;
}

function sendMessage(host: MethodHost, params: Record<string, unknown>, reply: Reply): void {
  if (params.chat_id === undefined || params.chat_id === '') {
    return reply.error(400, 'Bad Request: chat_id is empty');
  }
  const chatId = chatKey(params.chat_id);
  const text = String(params.text ?? '');
  if (!text.trim()) return reply.error(400, 'Bad Request: message text is empty');
  if (text.length > TEXT_LIMIT) return reply.error(400, 'Bad Request: message is too long');
  const at = host.now();
  const flood = host.floodControl;
  if (flood) {
    const last = host.lastSendAt.get(String(chatId));
    if (last !== undefined && at - last < flood.perChatIntervalMs) {
      const retryAfter = flood.retryAfter ?? 1;
      return reply.error(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
    host.lastSendAt.set(String(chatId), at);
  }
  const messageId = host.nextMessageId(chatId);
  host.sent.push({ method: 'sendMessage', chatId, messageId, text, params, at });
  return reply.answer(200, { ok: true, result: messageOf(host, chatId, messageId, text, at) });
}

/** The limits of uploads through the Bot API (multipart): photos 10 MB, other files 50 MB. */
const uploadLimits = { sendPhoto: 10 * 1024 * 1024, sendDocument: 50 * 1024 * 1024 } as const;

function sendFile(
  host: MethodHost,
  method: 'sendDocument' | 'sendPhoto',
  params: Record<string, unknown>,
  reply: Reply,
): void {
  if (params.chat_id === undefined || params.chat_id === '') {
    return reply.error(400, 'Bad Request: chat_id is empty');
  }
  const field = method === 'sendPhoto' ? 'photo' : 'document';
  // grammY sends an InputFile as `attach://<name>` with the file in a part of that name.
  let file = params[field];
  if (typeof file === 'string' && file.startsWith('attach://')) file = params[file.slice('attach://'.length)];
  if (!file || typeof file !== 'object' || !('bytes' in file)) {
    return reply.error(400, `Bad Request: there is no ${field} in the request`);
  }
  const upload = file as { filename: string; mimeType: string; bytes: Buffer };
  if (upload.bytes.length === 0) return reply.error(400, 'Bad Request: file must be non-empty');
  if (upload.bytes.length > uploadLimits[method]) return reply.error(413, 'Request Entity Too Large');
  const caption = params.caption === undefined ? '' : String(params.caption);
  if (caption.length > 1024) return reply.error(400, 'Bad Request: message caption is too long');
  const chatId = chatKey(params.chat_id);
  const at = host.now();
  const messageId = host.nextMessageId(chatId);
  host.sent.push({
    method,
    chatId,
    messageId,
    text: caption,
    params,
    at,
    file: { name: upload.filename, mimeType: upload.mimeType, bytes: new Uint8Array(upload.bytes) },
  });
  return reply.answer(200, {
    ok: true,
    result: { ...messageOf(host, chatId, messageId, caption, at), text: undefined, caption },
  });
}

/**
 * getChat answers ChatFullInfo (Bot API 7.3+): the chat's fields, the required accent_color_id and
 * max_reaction_count (and accepted_gift_types, 9.0), and for a private chat the user's bio, birthdate
 * and personal channel when they have them. A chat the bot never saw: 400 "chat not found".
 */
function getChat(host: MethodHost, params: Record<string, unknown>, reply: Reply): void {
  if (params.chat_id === undefined || params.chat_id === '') {
    return reply.error(400, 'Bad Request: chat_id is empty');
  }
  const id = chatKey(params.chat_id);
  const known = typeof id === 'number' ? host.chats.get(id) : undefined;
  if (!known) return reply.error(400, 'Bad Request: chat not found');
  const { chat, profile } = known;
  const full: Record<string, unknown> = {
    ...chat,
    accent_color_id: Math.abs(chat.id) % 7,
    max_reaction_count: 11,
    accepted_gift_types: {
      unlimited_gifts: true,
      limited_gifts: true,
      unique_gifts: true,
      premium_subscription: true,
    },
  };
  if (chat.type === 'private' && profile) {
    if (profile.bio) full.bio = profile.bio;
    if (profile.birthdate) full.birthdate = profile.birthdate;
    if (profile.personal_chat) full.personal_chat = profile.personal_chat;
  }
  return reply.answer(200, { ok: true, result: full });
}
