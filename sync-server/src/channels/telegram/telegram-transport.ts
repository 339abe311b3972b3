// Telegram's transport for the outbox (channels/outbox/): one try of a claimed message through the Bot
// API, on the bot's sending parts (@app/bot: the rate limiter of Telegram's limits, the error
// classification, the text split at 4096 characters). The doc's stored files go first, each its own
// message (photos as photos up to 10 MB, anything else as a document), then the text's parts; a rep's
// reply ends with the rep's display name. A 429 holds the chat for `retry_after` and comes back
// `retry-later` after that long; 5xx and network failures `retry-later` (the outbox backs off); any
// other 4xx (chat not found, bot blocked, bad request) `failed` with Telegram's reason. The parts of a
// message already sent are remembered while it is retried here, so a retry sends only what is left.
// The limiter's turn of a message's first part is taken before the outbox claims it (reserve), which
// answers when the turn comes: the outbox claims the messages whose turns fall in one claim window
// together (outbox/claim-window.ts), and each is sent at its own turn, waiting for nothing else.
// An agent's message that offers choices (issue 61) carries them as an inline keyboard under its
// last part (@app/bot's choiceKeyboard; a press comes back through the sink's savePick).
import {
  choiceKeyboard,
  classifySendError,
  InputFile,
  RateLimiter,
  realClock,
  splitText,
  telegramLimits,
  type OutboundFile,
  type RateLimits,
  type Clock,
  type SendApi,
} from '@app/bot';
import type { MessageDoc } from '@app/shared/schemas';
import type { Store } from '../../context';
import { teamData } from '../../store/data';
import type { RetryPolicy } from '../outbox/backoff';
import type { OutboxTransport, SendOutcome } from '../outbox/transport';
import { choicesOf, offerToken } from '../choices';
import { createRepNames, signedText } from '../rep-names';

const photoTypes = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** The doc's stored attachments, read when their turn comes (a rep's upload may still be on its way). */
function filesOf(store: Store, teamId: string, doc: MessageDoc): OutboundFile[] {
  return doc.attachments.flatMap((a) => {
    const fileDocId = a.fileDocId;
    if (!fileDocId) return [];
    const mimeType = a.mimeType ?? 'application/octet-stream';
    return [
      {
        fileName: a.fileName ?? 'file',
        mimeType,
        asPhoto: a.kind === 'photo' && photoTypes.has(mimeType) && (a.size ?? 0) <= 10 * 1024 * 1024,
        load: () => teamData(store, teamId).files.original(fileDocId),
      },
    ];
  });
}

/** The choices an agent's message offers, as an inline keyboard under its last part (none: no options). */
function choiceOptions(doc: MessageDoc) {
  const choices = choicesOf(doc);
  return choices.length
    ? {
        reply_markup: choiceKeyboard(
          offerToken(doc.id),
          choices.map((c) => c.label),
        ),
      }
    : {};
}

export function telegramTransport(opts: {
  store: Store;
  teamId: string;
  botId: string;
  api: SendApi;
  /** Abort a Bot API call that takes longer (then retried as a network error; default 30 s). */
  requestTimeoutMs?: number;
  limits?: Partial<RateLimits>;
  retry?: Partial<RetryPolicy>;
  /** The limiter's time (tests: a manual clock). */
  clock?: Clock;
}): OutboxTransport {
  const { store, teamId, api } = opts;
  const clock = opts.clock ?? realClock;
  const limiter = new RateLimiter({ ...telegramLimits, ...opts.limits }, clock);
  const requestTimeoutMs = opts.requestTimeoutMs ?? 30_000;
  const names = createRepNames(store);
  /** Telegram's ids of the parts sent so far, of messages being retried. */
  const progress = new Map<string, number[]>();
  /** Turns of the rate limiter taken before a claim (reserve), per chat, oldest first: the clock's times. */
  const reserved = new Map<string, number[]>();
  const keepTurn = (chatId: string, at: number) => {
    const turns = reserved.get(chatId);
    if (turns) turns.push(at);
    else reserved.set(chatId, [at]);
  };
  /** The chat's oldest reserved turn, taken off (undefined: none). */
  const taken = (chatId: string): number | undefined => {
    const turns = reserved.get(chatId);
    const at = turns?.shift();
    if (turns && turns.length === 0) reserved.delete(chatId);
    return at;
  };

  /** The limiter's turn for the chat: one reserved before the claim (waited for now), or a new one. */
  async function turn(chatId: string, signal: AbortSignal): Promise<void> {
    const at = taken(chatId);
    if (at === undefined) return limiter.acquire(chatId, signal);
    const wait = at - clock.now();
    if (wait > 0) await clock.sleep(wait, signal);
  }

  /** Sends part `part` of `total` (files first, then the text's parts): Telegram's message id. */
  async function sendPart(
    chatId: string,
    doc: MessageDoc,
    files: OutboundFile[],
    parts: string[],
    part: number,
  ) {
    const timeout = AbortSignal.timeout(requestTimeoutMs) as Parameters<SendApi['sendMessage']>[3];
    const file = files[part];
    if (file) {
      const input = new InputFile(await file.load(), file.fileName);
      const sent = file.asPhoto
        ? await api.sendPhoto(chatId, input, {}, timeout)
        : await api.sendDocument(chatId, input, {}, timeout);
      return sent.message_id;
    }
    const last = part === files.length + parts.length - 1;
    const options = last ? choiceOptions(doc) : {};
    const sent = await api.sendMessage(chatId, parts[part - files.length] ?? '', options, timeout);
    return sent.message_id;
  }

  return {
    channel: 'telegram',
    ...(opts.retry ? { retry: opts.retry } : {}),
    accepts: (conversation) =>
      conversation.channel === 'telegram' && (!conversation.botId || conversation.botId === opts.botId),
    async reserve(conversation, signal) {
      const chatId = conversation.externalChatId;
      const at = await limiter.acquireSlot(chatId, signal);
      keepTurn(chatId, at);
      return at;
    },
    release: (conversation) => void taken(conversation.externalChatId),
    async send({ doc, conversation }, signal): Promise<SendOutcome> {
      const chatId = conversation.externalChatId;
      // A rep's reply ends with the rep's display name (never the login the device wrote on it).
      const name = await names.of(doc.author).catch(() => undefined);
      const text = signedText(doc.text, name);
      const files = filesOf(store, teamId, doc);
      const parts = text.trim() ? splitText(text) : [];
      const total = files.length + parts.length;
      if (total === 0) {
        taken(chatId);
        return { kind: 'failed', reason: 'empty message text' };
      }
      const sentIds = progress.get(doc.id) ?? [];
      progress.delete(doc.id);
      while (sentIds.length < total) {
        const part = sentIds.length;
        try {
          await turn(chatId, signal);
        } catch {
          return keep(doc.id, sentIds, { kind: 'retry-later', reason: 'the sender stopped' });
        }
        try {
          sentIds.push(await sendPart(chatId, doc, files, parts, part));
        } catch (error) {
          const failure = classifySendError(error);
          const reason = failure.reason + (total > 1 ? ` (part ${part + 1} of ${total})` : '');
          if (failure.kind === 'permanent')
            return { kind: 'failed', reason, ...(failure.code === undefined ? {} : { code: failure.code }) };
          if (failure.kind === 'transient') return keep(doc.id, sentIds, { kind: 'retry-later', reason });
          // A 429 holds the whole chat (the limiter), and this message until then.
          limiter.pauseChat(chatId, failure.retryAfterMs);
          return keep(doc.id, sentIds, { kind: 'retry-later', reason, afterMs: failure.retryAfterMs });
        }
      }
      return { kind: 'sent', externalId: String(sentIds[0]), externalIds: sentIds };
    },
  };

  function keep(id: string, sentIds: number[], outcome: SendOutcome): SendOutcome {
    if (sentIds.length) {
      if (progress.size > 10_000) progress.clear();
      progress.set(id, sentIds);
    }
    return outcome;
  }
}
