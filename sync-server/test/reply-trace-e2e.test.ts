// A customer's message through a real sync server (the demo team's bot against the fake Bot API) is
// traced stage by stage into /metrics, and the operator's gauges say the bot is run and its outbox
// moves (issue 65).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTelegram } from '@app/bot/testing';
import type { RunningServer } from '../src/server';
import { startDemoTelegram, type DemoTelegram } from './telegram-kit';

let dir: DemoTelegram['dir'];
let fake: FakeTelegram;
let server: RunningServer;
let teamId: string;

beforeAll(async () => {
  ({ dir, fake, server, teamId } = await startDemoTelegram('reply-trace-'));
}, 60_000);

afterAll(async () => {
  await server?.close();
  await fake?.close();
  dir?.remove();
});

const metricValue = (text: string, name: string, labels: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
};

describe('the reply path in /metrics', () => {
  it('counts every stage of a customer message, and shows the bot run and its outbox moving', async () => {
    fake.user({ id: 6161, first_name: 'Trace' }).says('How do I reach support?');
    await fake.waitForSent(1, { chatId: 6161, timeoutMs: 30_000 });
    // The sent mark and the last gauges land right after the send.
    await new Promise((r) => setTimeout(r, 300));
    const text = await (await fetch(`${server.url}/metrics`)).text();
    for (const stage of ['stored', 'picked', 'written', 'claimed', 'sent', 'total'])
      expect(
        metricValue(text, 'message_stage_seconds_count', `stage="${stage}"`),
        stage,
      ).toBeGreaterThanOrEqual(1);
    const botId = /team_bot_unowned_seconds\{team="[^"]+",bot="([^"]+)"\}/.exec(text)?.[1];
    expect(metricValue(text, 'team_bot_unowned_seconds', `team="${teamId}",bot="${botId}"`)).toBe(0);
    expect(metricValue(text, 'outbox_stalled_seconds', `team="${teamId}",channel="telegram"`)).toBe(0);
  });
});
