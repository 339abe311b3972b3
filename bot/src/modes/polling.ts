// Long-polling mode. Our own getUpdates loop rather than `bot.start()`: the offset moves past an
// update only once it was handled, so a sink outage (the store is down) retries the update instead
// of losing it. Updates are handled side by side across chats and one at a time, in order, within a
// chat (as grammY's runner sequentializes by chat): a burst from many customers is written together
// (the store takes the writes in batches), and each chat's messages still arrive in the order they
// were sent. The poll does not wait for the updates it took to be handled (issue 65: a customer who
// wrote while another's message was being stored waited for that store): it asks again at once,
// with the offset of what is handled, so Telegram answers with the updates still in hand (taken
// already, left alone) and any new ones, which are taken at once; after an answer with nothing new
// it asks again when one of those in hand is handled (confirming it) or after a short wait (50 ms,
// doubling while nothing new comes, up to 1 s).
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

/** The first wait before asking again when an answer brought only updates already in hand. */
const REPOLL_MS = 50;

type ApiSignal = Parameters<Bot['api']['getUpdates']>[1];

/** The chat an update belongs to (updates without one form a sequence of their own). */
function chatKey(update: Update): string {
  const chat = (update.message ?? update.edited_message)?.chat;
  return chat ? String(chat.id) : '';
}

/** What retrying a step of the poll takes: the bot, the log, the stop signal and the backoff. */
type Retrying<C extends Context> = {
  bot: Bot<C>;
  log: Logger;
  signal: AbortSignal;
  /** Waits `ms`; false when polling stopped meanwhile. */
  pause(ms: number): Promise<boolean>;
  backoff(attempt: number): number;
};

/** Handles one update, tried again with backoff up to `maxAttempts`, then logged and skipped. */
async function handleUpdate<C extends Context>(
  r: Retrying<C>,
  update: Update,
  maxAttempts: number,
): Promise<void> {
  for (let attempt = 1; !r.signal.aborted; attempt++) {
    try {
      await r.bot.handleUpdate(update);
      return;
    } catch (error) {
      const cause = error instanceof BotError ? error.error : error;
      const fields = { update_id: update.update_id, attempt, err: cause };
      if (attempt >= maxAttempts) {
        r.log.error(fields, 'update skipped after repeated failures');
        return;
      }
      r.log.warn(fields, 'update failed; will retry');
      if (!(await r.pause(r.backoff(attempt)))) return;
    }
  }
}

/** getMe and deleteWebhook, tried until they pass; a bad token (401, 404) or a stop ends it. */
async function setUp<C extends Context>(r: Retrying<C>, dropPendingUpdates: boolean): Promise<void> {
  const apiSignal = r.signal as ApiSignal;
  for (let attempt = 1; ; attempt++) {
    try {
      await r.bot.init(apiSignal);
      await r.bot.api.deleteWebhook({ drop_pending_updates: dropPendingUpdates }, apiSignal);
      return;
    } catch (error) {
      if (r.signal.aborted) throw error;
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) throw error;
      r.log.warn({ err: error, attempt }, 'polling setup failed; will retry');
      if (!(await r.pause(r.backoff(attempt)))) throw error;
    }
  }
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

  const retrying: Retrying<C> = { bot, log, signal, pause, backoff };
  const handle = (update: Update) => handleUpdate(retrying, update, maxAttempts);

  /** Updates taken and not yet confirmed, oldest first: whether each was handled. */
  const taken = new Map<number, boolean>();
  /** Each chat's last update taken: the chat's next one waits for it. */
  const chains = new Map<string, Promise<void>>();
  /** Resolves when an update taken was handled (or let go) after it was read; then a new one. */
  let progress = Promise.resolve();
  let markProgress = () => {};
  const renewProgress = () => (progress = new Promise<void>((resolve) => (markProgress = resolve)));
  renewProgress();

  /** Handles the update after the chat's updates taken before it. */
  function take(update: Update): void {
    taken.set(update.update_id, false);
    const key = chatKey(update);
    const run = (chains.get(key) ?? Promise.resolve())
      .then(async () => {
        if (signal.aborted) return;
        await handle(update);
        // Not handled to the end when polling stopped meanwhile: Telegram gives it again next time.
        if (!signal.aborted) taken.set(update.update_id, true);
      })
      .finally(() => {
        if (chains.get(key) === run) chains.delete(key);
        const mark = markProgress;
        renewProgress();
        mark();
      });
    chains.set(key, run);
  }

  /** The next offset: past every update handled to the end, the confirmed ones forgotten. */
  function confirmable(): number {
    let next = offset;
    for (const [id, handled] of taken) {
      if (!handled) break;
      next = id + 1;
      taken.delete(id);
    }
    return next;
  }

  async function run(): Promise<void> {
    await setUp(retrying, options.dropPendingUpdates ?? false);
    log.info({ username: bot.botInfo.username }, 'long polling started');
    markStarted();
    let failures = 0;
    /** Answers in a row that brought nothing new while updates were in hand. */
    let quiet = 0;
    while (!signal.aborted) {
      offset = confirmable();
      const before = progress;
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
      const fresh = updates.filter((u) => u.update_id >= offset && !taken.has(u.update_id));
      for (const update of fresh) take(update);
      if (fresh.length > 0 || chains.size === 0) {
        quiet = 0;
        continue;
      }
      // Only updates in hand: Telegram would answer the same at once. Ask again when one of them
      // is handled, or after a wait that doubles while nothing new comes (REPOLL_MS up to 1 s).
      await Promise.race([before, pause(Math.min(1_000, REPOLL_MS * 2 ** quiet++))]);
    }
    // Stopping: what is being handled lets go (or ends); what was handled to the end is confirmed.
    await Promise.allSettled([...chains.values()]);
    offset = confirmable();
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
