// Long polling: offsets confirmed only after handling; poison updates skipped; a bad token ends it;
// an update that comes while others are handled is read at once.
import { describe, expect, it } from 'vitest';
import { createBot } from '../create-bot';
import { memoryLogger } from '../test-support/bot-harness';
import { startFakeTelegram } from '../testing/fake-telegram';
import { createMemorySink } from '../testing/memory-ports';
import { startPolling } from './polling';

describe('startPolling', () => {
  it('confirms the offset on stop, so a restarted bot gets nothing twice', async () => {
    const fake = await startFakeTelegram();
    const sink = createMemorySink();
    const deps = { teamId: 't', botId: 'b', apiRoot: fake.apiRoot, sink };
    const polling = startPolling(createBot(fake.token, deps), { timeoutSeconds: 1 });
    fake.user({ id: 1 }).says('one');
    await fake.waitFor(() => sink.created.length === 1);
    await polling.stop();
    expect(fake.pendingUpdates()).toEqual([]);
    fake.user({ id: 1 }).says('two');
    const again = startPolling(createBot(fake.token, deps), { timeoutSeconds: 1 });
    await fake.waitFor(() => sink.created.length === 2);
    await again.stop();
    expect(sink.duplicates).toBe(0);
    await fake.close();
  });

  it('skips an update that keeps failing after maxUpdateAttempts, and goes on', async () => {
    const fake = await startFakeTelegram();
    const sink = createMemorySink();
    const log = memoryLogger();
    sink.failNext(3);
    const bot = createBot(fake.token, { teamId: 't', botId: 'b', apiRoot: fake.apiRoot, sink, logger: log });
    const polling = startPolling(bot, {
      timeoutSeconds: 1,
      maxUpdateAttempts: 3,
      retryDelayMs: { base: 5, max: 10 },
      logger: log,
    });
    fake.user({ id: 2 }).says('poison');
    fake.user({ id: 2 }).says('fine');
    await fake.waitFor(() => sink.created.length === 1);
    expect(sink.created[0]!.doc.text).toBe('fine');
    expect(log.lines.some((l) => l.msg === 'update skipped after repeated failures')).toBe(true);
    await polling.stop();
    await fake.close();
  });

  it('handles chats side by side and each chat in order', async () => {
    const fake = await startFakeTelegram();
    const sink = createMemorySink();
    const order: string[] = [];
    let otherChatSaved = () => {};
    const otherChat = new Promise<void>((resolve) => (otherChatSaved = resolve));
    const save = sink.saveInbound;
    sink.saveInbound = async (m) => {
      // Chat 1's first message waits for chat 2's: one at a time, this would never finish.
      if (m.doc.text === '1a') await otherChat;
      const result = await save(m);
      order.push(m.doc.text);
      if (m.doc.text === '2a') otherChatSaved();
      return result;
    };
    fake.user({ id: 1 }).says('1a');
    fake.user({ id: 1 }).says('1b');
    fake.user({ id: 2 }).says('2a');
    const polling = startPolling(
      createBot(fake.token, { teamId: 't', botId: 'b', apiRoot: fake.apiRoot, sink }),
      {
        timeoutSeconds: 1,
      },
    );
    await fake.waitFor(() => sink.created.length === 3);
    expect(order).toEqual(['2a', '1a', '1b']);
    await polling.stop();
    expect(fake.pendingUpdates()).toEqual([]);
    await fake.close();
  });

  it('reads an update that comes while another is being stored, without waiting for it (issue 65)', async () => {
    const fake = await startFakeTelegram();
    const sink = createMemorySink();
    let firstTaken = () => {};
    const taken = new Promise<void>((resolve) => (firstTaken = resolve));
    let secondSaved = () => {};
    const second = new Promise<void>((resolve) => (secondSaved = resolve));
    const save = sink.saveInbound;
    sink.saveInbound = async (m) => {
      // The first is stored only once the second is: a poll that waits for the first never ends.
      if (m.doc.text === 'first') {
        firstTaken();
        await second;
      }
      const result = await save(m);
      if (m.doc.text === 'second') secondSaved();
      return result;
    };
    const polling = startPolling(
      createBot(fake.token, { teamId: 't', botId: 'b', apiRoot: fake.apiRoot, sink }),
      { timeoutSeconds: 1 },
    );
    fake.user({ id: 1 }).says('first');
    await taken;
    // While the first is in hand and nothing new comes, the bot does not poll again and again.
    const polls = () => fake.calls.filter((c) => c.method === 'getUpdates').length;
    const before = polls();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Waits of 50, 100 and 200 ms between them: at most four in 300 ms.
    expect(polls() - before).toBeLessThanOrEqual(4);
    fake.user({ id: 2 }).says('second');
    await fake.waitFor(() => sink.created.length === 2);
    expect(sink.created.map((m) => m.doc.text)).toEqual(['second', 'first']);
    await polling.stop();
    expect(fake.pendingUpdates()).toEqual([]);
    await fake.close();
  });

  it('ends with an error on a wrong token', async () => {
    const fake = await startFakeTelegram();
    const bot = createBot('1:bad', {
      teamId: 't',
      botId: 'b',
      apiRoot: fake.apiRoot,
      sink: createMemorySink(),
    });
    const polling = startPolling(bot);
    await expect(polling.done).rejects.toMatchObject({ error_code: 401 });
    await fake.close();
  });
});
