// The sender: delivers outbound message docs through the Bot API, in order per chat, within
// Telegram's limits. 429 waits `retry_after`; 5xx and network errors back off with jitter; any other
// 4xx fails the message with its reason at once. Nothing is dropped: every enqueued message ends
// `sent`, `failed` (recorded through the port) or `stopped` (still pending in the store).
import { setMaxListeners } from 'node:events';
import { silentLogger, type Logger } from '../ports';
import { classifySendError } from './classify';
import { realClock, type Clock } from './clock';
import { InputFile } from 'grammy';
import type { DeliveryPort, DeliveryResult, OutboundFile, OutboundMessage, SendApi } from './ports';
import { RateLimiter, telegramLimits, type RateLimits } from './rate-limiter';
import { splitText } from './split-text';

export type RetryPolicy = {
  /** First backoff after a 5xx or network error; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0..1: the share of each delay that is random (0.5: between half and all of it). */
  jitter: number;
  /** sendMessage calls per message before it is marked failed. */
  maxAttempts: number;
};

export type SenderOptions = {
  api: SendApi;
  delivery: DeliveryPort;
  limits?: Partial<RateLimits>;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  logger?: Logger;
  /** Abort a sendMessage that takes longer (then retried as a network error). */
  requestTimeoutMs?: number;
  random?: () => number;
};

export type Sender = {
  /**
   * Queues a message behind the chat's earlier ones; resolves when it is sent, failed or stopped.
   * A doc whose delivery is already `sent` or `failed` resolves at once without sending; set it back
   * to `pending` to send again. Enqueue each chat's messages in their order (createdAt).
   */
  enqueue(message: OutboundMessage): Promise<DeliveryResult>;
  /** Messages queued or in flight. */
  pending(): number;
  /** Resolves when every queue is empty. */
  idle(): Promise<void>;
  /** Stops: waits end now, nothing new is sent; queued messages resolve `stopped`. */
  stop(): Promise<void>;
};

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  jitter: 0.5,
  maxAttempts: 100,
};

const MAX_RECORDED_ATTEMPTS = 1000;

type Job = {
  message: OutboundMessage;
  parts: string[];
  done: Promise<DeliveryResult>;
  resolve: (result: DeliveryResult) => void;
};

export function createSender(options: SenderOptions): Sender {
  const clock = options.clock ?? realClock;
  const log = options.logger ?? silentLogger;
  const random = options.random ?? Math.random;
  const retry = { ...defaultRetryPolicy, ...options.retry };
  const limiter = new RateLimiter({ ...telegramLimits, ...options.limits }, clock);
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const { api, delivery } = options;
  const queues = new Map<string, Job[]>();
  const byId = new Map<string, Job>();
  const stopController = new AbortController();
  // Every chat waiting for its turn listens for the stop, and stops listening when its turn comes: a
  // burst of customers puts hundreds of listeners on it at once, which is no leak.
  setMaxListeners(0, stopController.signal);
  let idleWaiters: Array<() => void> = [];

  const iso = () => new Date(clock.now()).toISOString();
  const capped = (n: number) => Math.min(n, MAX_RECORDED_ATTEMPTS);

  /** Port calls are retried briefly: losing a `sent` record would mean sending twice later. */
  async function record(what: string, id: string, call: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (attempt >= 5 || stopController.signal.aborted) {
          log.error({ err: error, messageId: id, what }, 'recording the delivery failed');
          return;
        }
        await clock.sleep(100 * 2 ** attempt).catch(() => {});
      }
    }
  }

  function backoff(failures: number): number {
    const full = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, failures - 1));
    return Math.round(full * (1 - retry.jitter + retry.jitter * random()));
  }

  async function sendFile(
    chatId: number | string,
    file: OutboundFile,
    common: Parameters<SendApi['sendDocument']>[2],
    signal: Parameters<SendApi['sendMessage']>[3],
  ) {
    const input = new InputFile(await file.load(), file.fileName);
    return file.asPhoto
      ? api.sendPhoto(chatId, input, common, signal)
      : api.sendDocument(chatId, input, common, signal);
  }

  async function deliver(job: Job): Promise<DeliveryResult> {
    const { doc, chatId } = job.message;
    const id = doc.id;
    const sentIds: number[] = [];
    let attempts = doc.delivery.attempts ?? 0;
    let failures = 0;
    const signal = stopController.signal;
    const fail = async (lastError: string, code?: number): Promise<DeliveryResult> => {
      log.warn({ messageId: id, chatId, attempts, lastError }, 'message failed');
      await record('failed', id, () =>
        delivery.markFailed(id, {
          attempts: capped(attempts),
          lastError,
          at: iso(),
          externalMessageIds: sentIds,
          ...(code === undefined ? {} : { code }),
        }),
      );
      return { id, status: 'failed', attempts, reason: lastError, externalMessageIds: sentIds };
    };
    const files = job.message.files ?? [];
    if (!doc.text.trim() && files.length === 0) return fail('empty message text');
    // Files first, each its own message, then the text's parts.
    const total = files.length + job.parts.length;

    for (let part = 0; part < total;) {
      if (signal.aborted) return { id, status: 'stopped', attempts };
      try {
        await limiter.acquire(chatId, signal);
      } catch {
        return { id, status: 'stopped', attempts };
      }
      attempts++;
      await record('sending', id, () => delivery.markSending(id, { attempts: capped(attempts), at: iso() }));
      try {
        const last = part === total - 1;
        const m = job.message;
        const timeout = AbortSignal.timeout(requestTimeoutMs) as Parameters<SendApi['sendMessage']>[3];
        const common = {
          ...(last && m.replyMarkup ? { reply_markup: m.replyMarkup } : {}),
          ...(part === 0 && m.replyToExternalId
            ? { reply_parameters: { message_id: m.replyToExternalId, allow_sending_without_reply: true } }
            : {}),
          ...(m.disableNotification ? { disable_notification: true } : {}),
        };
        const file = files[part];
        const sent = file
          ? await sendFile(chatId, file, common, timeout)
          : await api.sendMessage(
              chatId,
              job.parts[part - files.length] ?? '',
              { ...(m.parseMode ? { parse_mode: m.parseMode } : {}), ...common },
              timeout,
            );
        sentIds.push(sent.message_id);
        part++;
        failures = 0;
      } catch (error) {
        const failure = classifySendError(error);
        const progress = total > 1 ? ` (part ${part + 1} of ${total})` : '';
        if (failure.kind === 'permanent') return fail(failure.reason + progress, failure.code);
        if (attempts >= retry.maxAttempts) {
          return fail(`gave up after ${attempts} attempts: ${failure.reason}${progress}`);
        }
        failures++;
        const delay = failure.kind === 'rate-limited' ? failure.retryAfterMs : backoff(failures);
        log.warn(
          { messageId: id, chatId, attempts, delay, reason: failure.reason },
          'send failed, will retry',
        );
        await record('retrying', id, () =>
          delivery.markRetrying(id, {
            attempts: capped(attempts),
            lastError: failure.reason + progress,
            nextAttemptAt: new Date(clock.now() + delay).toISOString(),
          }),
        );
        // A 429 holds the whole chat (the limiter), anything else backs off this message.
        if (failure.kind === 'rate-limited') limiter.pauseChat(chatId, delay);
        else await clock.sleep(delay, signal).catch(() => {});
      }
    }
    await record('sent', id, () =>
      delivery.markSent(id, {
        attempts: capped(attempts),
        sentAt: iso(),
        externalMessageId: String(sentIds[0]),
        externalMessageIds: sentIds,
      }),
    );
    log.info({ messageId: id, chatId, attempts, parts: sentIds.length }, 'message sent');
    return { id, status: 'sent', attempts, externalMessageIds: sentIds };
  }

  async function drainChat(key: string): Promise<void> {
    const queue = queues.get(key);
    while (queue && queue.length > 0) {
      const job = queue[0]!;
      let result: DeliveryResult;
      try {
        result = await deliver(job);
      } catch (error) {
        // A bug, not a Telegram answer: keep the message pending rather than lose it silently.
        log.error({ err: error, messageId: job.message.doc.id }, 'sender crashed on a message');
        result = { id: job.message.doc.id, status: 'stopped', attempts: 0 };
      }
      queue.shift();
      byId.delete(job.message.doc.id);
      job.resolve(result);
    }
    queues.delete(key);
    if (queues.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  const idle = () => (queues.size === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r)));

  return {
    enqueue(message) {
      const id = message.doc.id;
      const existing = byId.get(id);
      if (existing) return existing.done;
      // Already settled (a replayed changes feed, a restart): never send a doc twice.
      const { status, attempts = 0, externalMessageId } = message.doc.delivery;
      if (status === 'sent') {
        const ids = externalMessageId ? [Number(externalMessageId)] : [];
        return Promise.resolve({ id, status: 'sent', attempts, externalMessageIds: ids });
      }
      if (status === 'failed') {
        const reason = message.doc.delivery.lastError ?? 'failed before';
        return Promise.resolve({ id, status: 'failed', attempts, reason, externalMessageIds: [] });
      }
      if (stopController.signal.aborted) {
        return Promise.resolve({ id, status: 'stopped', attempts: message.doc.delivery.attempts ?? 0 });
      }
      let resolve!: (r: DeliveryResult) => void;
      const done = new Promise<DeliveryResult>((r) => (resolve = r));
      const job: Job = {
        message,
        parts: message.doc.text.trim() ? splitText(message.doc.text) : [],
        done,
        resolve,
      };
      byId.set(id, job);
      const key = String(message.chatId);
      const queue = queues.get(key);
      if (queue) queue.push(job);
      else {
        queues.set(key, [job]);
        void drainChat(key);
      }
      return done;
    },
    pending: () => byId.size,
    idle,
    async stop() {
      stopController.abort(new Error('sender stopped'));
      await idle();
    },
  };
}
