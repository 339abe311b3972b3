// Long-polling mode. Our own getUpdates loop rather than `bot.start()`: the offset moves past an
// update only once it was handled, so a sink outage (the store is down) retries the update instead
// of losing it. The updates of one getUpdates answer are handled side by side across chats and one
// at a time, in order, within a chat (as grammY's runner sequentializes by chat): a burst from many
// customers is written together (the store takes the writes in batches), and each chat's messages
// still arrive in the order they were sent.
import { BotError, GrammyError, type Bot, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import { silentLogger, type Logger } from '../ports';
import { realClock, type Clock } from '../sender/clock';
import { ALLOWED_UPDATES } from './allowed-updates';

export type PollingOptions = {
  /** Long-poll timeout of getUpdates, in seconds (Telegram caps it at 50). */
  timeoutSeconds?: number;
  dropPendingUpdates?: boolean;
  /** Tries per update before it is logged and skipped (a poison update must not block the bot). */
  maxUpdateAttempts?: number;
  /** Backoff between tries of one update and after failed getUpdates calls. */
  retryDelayMs?: { base: number; max: number };
  logger?: Logger;
  clock?: Clock;
};

export type PollingHandle = {
  /** Stops polling and confirms the offset of the handled updates. */
  stop(): Promise<void>;
  /** Settles when polling ends: resolves on stop, rejects when it cannot go on (401: bad token). */
  done: Promise<void>;
  /** Resolves when the first getUpdates is about to run (getMe and deleteWebhook done). */
  started: Promise<void>;
};

type ApiSignal = Parameters<Bot['api']['getUpdates']>[1];

/** The chat an update belongs to (updates without one form a sequence of their own). */
function chatKey(update: Update): string {
  const chat = (update.message ?? update.edited_message)?.chat;
  return chat ? String(chat.id) : '';
}

export function startPolling<C extends Context>(bot: Bot<C>, options: PollingOptions = {}): PollingHandle {
  const log = options.logger ?? silentLogger;
  const clock = options.clock ?? realClock;
  const timeout = options.timeoutSeconds ?? 30;
  const maxAttempts = options.maxUpdateAttempts ?? 20;
  const delays = options.retryDelayMs ?? { base: 200, max: 30_000 };
  const controller = new AbortController();
  const signal = controller.signal;
  const apiSignal = signal as ApiSignal;
  const backoff = (n: number) => Math.min(delays.max, delays.base * 2 ** Math.max(0, n - 1));
  const pause = (ms: number) =>
    clock.sleep(ms, signal).then(
      () => true,
      () => false,
    );
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  let offset = 0;

  async function handle(update: Update): Promise<void> {
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        await bot.handleUpdate(update);
        return;
      } catch (error) {
        const cause = error instanceof BotError ? error.error : error;
        const fields = { update_id: update.update_id, attempt, err: cause };
        if (attempt >= maxAttempts) {
          log.error(fields, 'update skipped after repeated failures');
          return;
        }
        log.warn(fields, 'update failed; will retry');
        if (!(await pause(backoff(attempt)))) return;
      }
    }
  }

  /**
   * Handles one answer's updates, chats side by side; answers the next offset: past every update
   * handled to the end. One not handled (polling stopped) comes again next time, with those after it
   * (handling is idempotent: a message taken in twice is a duplicate).
   */
  async function handleBatch(updates: Update[], offset: number): Promise<number> {
    const chats = new Map<string, Update[]>();
    for (const update of updates) {
      const key = chatKey(update);
      chats.set(key, [...(chats.get(key) ?? []), update]);
    }
    const handled = new Set<number>();
    await Promise.all(
      [...chats.values()].map(async (chain) => {
        for (const update of chain) {
          if (signal.aborted) return;
          await handle(update);
          if (signal.aborted) return; // not handled to the end: Telegram gives it again next time
          handled.add(update.update_id);
        }
      }),
    );
    let next = offset;
    for (const update of updates) {
      if (!handled.has(update.update_id)) break;
      next = update.update_id + 1;
    }
    return next;
  }

  async function setup(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await bot.init(apiSignal);
        await bot.api.deleteWebhook({ drop_pending_updates: options.dropPendingUpdates ?? false }, apiSignal);
        return;
      } catch (error) {
        if (signal.aborted) throw error;
        if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404))
          throw error;
        log.warn({ err: error, attempt }, 'polling setup failed; will retry');
        if (!(await pause(backoff(attempt)))) throw error;
      }
    }
  }

  async function run(): Promise<void> {
    await setup();
    log.info({ username: bot.botInfo.username }, 'long polling started');
    markStarted();
    let failures = 0;
    while (!signal.aborted) {
      let updates: Update[];
      try {
        updates = await bot.api.getUpdates(
          { offset, limit: 100, timeout, allowed_updates: [...ALLOWED_UPDATES] },
          apiSignal,
        );
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404))
          throw error;
        failures++;
        log.warn({ err: error, failures }, 'getUpdates failed; will retry');
        await pause(backoff(failures));
        continue;
      }
      offset = await handleBatch(updates, offset);
    }
    if (offset > 0) {
      // Confirm the handled updates, so the next poller does not get them again.
      await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }).catch(() => {});
    }
  }

  const done = run();
  done.then(
    () => log.info({}, 'long polling stopped'),
    (error: unknown) => log.error({ err: error }, 'long polling stopped with an error'),
  );
  return {
    started,
    done,
    stop: async () => {
      controller.abort(new Error('polling stopped'));
      await done.catch(() => {});
    },
  };
}
