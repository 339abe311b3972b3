// What /metrics and the log say of a team bot nobody runs and of an outbox that stalled (issue 65),
// and the trace's stage histogram: through the real registry createMetrics builds.
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxes } from '../channels/outbox/host';
import { startTeamBot } from '../channels/telegram/team-bot';
import { couchClient } from '../store/couch';
import { createLeases, type LeaseDoc } from '../store/leases';
import { createMetrics } from './metrics';
import { clearTraces, setTraceClock, setTraceLog, traceStage } from './message-trace';
import { botHealth, outboxHealth, stalledChannels, WARN_AFTER_MS } from './pipeline-health';

/** A logger whose lines are kept. */
function recordingLog() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'debug' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
  return { log, lines };
}

const value = async (name: string, labels: string) => {
  const text = await createMetrics({ defaultMetrics: false }).registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
};

afterEach(() => {
  setTraceLog(undefined);
  setTraceClock(undefined);
  clearTraces();
});

describe('pipeline health', () => {
  it('shows how long a team bot has had nobody running it, and logs it once past the threshold', async () => {
    const { log, lines } = recordingLog();
    const here = botHealth('team-h1', 'bot-1', log);
    const t0 = Date.now();
    here.unserved(t0 - 45_000);
    here.unserved(t0);
    expect(await value('team_bot_unowned_seconds', 'team="team-h1",bot="bot-1"')).toBeGreaterThanOrEqual(45);
    expect(stalledChannels('team-h1')).toEqual(new Set(['telegram']));
    // Another process's live lease (seen by a second server here) is enough: the bot is run.
    const there = botHealth('team-h1', 'bot-1', log);
    there.served();
    expect(await value('team_bot_unowned_seconds', 'team="team-h1",bot="bot-1"')).toBe(0);
    there.close();
    here.served();
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, 'no process runs the team bot: its customers get no replies'],
      [30, 'no process runs the team bot: its customers get no replies: over'],
    ]);
    here.close();
    expect(await value('team_bot_unowned_seconds', 'team="team-h1",bot="bot-1"')).toBeUndefined();
  });

  it('counts a team bot whose lease cannot be taken (the lease store unreachable) as run by nobody', async () => {
    const { log, lines } = recordingLog();
    // Nothing listens on port 9: every lease check fails.
    const leases = createLeases({
      db: couchClient('http://127.0.0.1:9').use<LeaseDoc>('app_runtime'),
      instanceId: 'health-test',
      ttlMs: 20_000,
    });
    const bot = startTeamBot({
      store: undefined as never, // never reached: the bot starts only once its lease is held
      config: { teamId: 'team-h3', botId: 'bot-3', token: '3:x', apiRoot: 'http://127.0.0.1:9' },
      leases,
      log,
      outboxes: createOutboxes({ store: undefined as never }),
      checkMs: 20,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.owned).toBe(false);
    expect(await value('team_bot_unowned_seconds', 'team="team-h3",bot="bot-3"')).toBeGreaterThan(0.2);
    expect(lines.some((l) => l.msg === 'bot lease check failed')).toBe(true);
    await bot.close();
    expect(await value('team_bot_unowned_seconds', 'team="team-h3",bot="bot-3"')).toBeUndefined();
  });

  it('shows an outbox stalled only while messages wait in it and nothing moves', async () => {
    const { log, lines } = recordingLog();
    const outbox = outboxHealth('team-h2', 'telegram', log);
    const t0 = Date.now();
    outbox.waiting(0, t0 - 60_000);
    expect(await value('outbox_stalled_seconds', 'team="team-h2",channel="telegram"')).toBe(0);
    // Work came a minute ago, and nothing moved since.
    outbox.waiting(3, t0 - WARN_AFTER_MS - 1_000);
    outbox.waiting(3, t0);
    expect(await value('outbox_stalled_seconds', 'team="team-h2",channel="telegram"')).toBeGreaterThan(30);
    expect(lines.map((l) => l.msg)).toEqual(['the outbox has not moved while messages wait']);
    outbox.moved();
    expect(await value('outbox_stalled_seconds', 'team="team-h2",channel="telegram"')).toBeLessThan(1);
    expect(stalledChannels('team-h2').size).toBe(0);
    outbox.close();
  });

  it('observes each stage of a message from the stage before, and logs the whole trace when sent', async () => {
    const { log, lines } = recordingLog();
    setTraceLog(log);
    let now = 1_000;
    setTraceClock(() => now);
    const before = await value('message_stage_seconds_count', 'stage="claimed"');
    const steps: Array<[string, number]> = [
      ['received', 0],
      ['stored', 30],
      ['picked', 50],
      ['written', 200],
      ['claimed', 20],
      ['sent', 100],
    ];
    for (const [stage, ms] of steps) {
      now += ms;
      // The outbox names the reply; the trace is its inbound message's.
      traceStage(
        stage === 'claimed' || stage === 'sent' ? 'msg:telegram:5:1:reply' : 'msg:telegram:5:1',
        stage as never,
      );
    }
    expect(await value('message_stage_seconds_count', 'stage="claimed"')).toBe((before ?? 0) + 1);
    const trace = lines.find((l) => l.msg === 'message trace')!;
    expect(trace).toMatchObject({
      messageId: 'msg:telegram:5:1',
      ms: 400,
      stages: { received: 0, stored: 30, picked: 80, written: 280, claimed: 300, sent: 400 },
    });
    expect(lines.filter((l) => l.msg === 'message stage').map((l) => [l.stage, l.ms])).toEqual(
      steps.slice(1),
    );
  });
});
