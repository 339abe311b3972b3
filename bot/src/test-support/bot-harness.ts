// Test harness: a real grammY bot polling the fake Bot API server, writing to an in-memory sink.
import { validateDoc } from '@app/shared/validation';
import { createBot, type BotDeps, type TelegramBot } from '../create-bot';
import { startPolling, type PollingHandle } from '../modes/polling';
import type { IncomingFile, Logger } from '../ports';
import { startFakeTelegram, type FakeTelegram, type FakeTelegramOptions } from '../testing/fake-telegram';
import { createMemorySink, type MemorySink } from '../testing/memory-ports';

export type LogLine = { level: string; obj: object; msg?: string };

/** A logger that keeps its lines (bindings merged in), to assert on them. */
export function memoryLogger(lines: LogLine[] = [], bindings: object = {}): Logger & { lines: LogLine[] } {
  const at = (level: string) => (obj: object, msg?: string) =>
    lines.push({ level, obj: { ...bindings, ...obj }, msg });
  return {
    lines,
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => memoryLogger(lines, { ...bindings, ...more }),
  };
}

export type BotHarness = {
  fake: FakeTelegram;
  sink: MemorySink;
  bot: TelegramBot;
  polling: PollingHandle;
  stored: Array<{ file: IncomingFile; bytes: Uint8Array }>;
  log: ReturnType<typeof memoryLogger>;
  /** Waits until the sink created `n` messages. */
  created(n: number): Promise<MemorySink['created']>;
  close(): Promise<void>;
};

export async function startBotHarness(
  options: { fake?: FakeTelegramOptions; deps?: Partial<BotDeps> } = {},
): Promise<BotHarness> {
  const fake = await startFakeTelegram(options.fake);
  const sink = createMemorySink();
  const stored: BotHarness['stored'] = [];
  const log = memoryLogger();
  const bot = createBot(fake.token, {
    teamId: 'team-1',
    botId: 'bot-1',
    apiRoot: fake.apiRoot,
    sink,
    logger: log,
    storeFile: async (file) => {
      stored.push({ file, bytes: await file.download() });
      return `file-${stored.length}`;
    },
    ...options.deps,
  });
  const polling = startPolling(bot, { timeoutSeconds: 2, retryDelayMs: { base: 20, max: 100 }, logger: log });
  await polling.started;
  return {
    fake,
    sink,
    bot,
    polling,
    stored,
    log,
    async created(n) {
      await fake.waitFor(() => sink.created.length >= n);
      return sink.created;
    },
    async close() {
      await polling.stop();
      await fake.close();
    },
  };
}

/** Asserts the doc is a valid `messages` doc; returns the validation message otherwise. */
export function validationError(doc: unknown): string | undefined {
  const result = validateDoc('messages', doc);
  return result.ok ? undefined : result.message;
}
