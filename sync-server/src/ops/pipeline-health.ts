// What an operator needs to see of the reply path within a minute (issue 65): a team's bot that no
// process runs (nobody holds its lease, or the holder's intake stopped), and an outbox that has not
// moved while messages wait in it. The team bots and outboxes of this process report here; /metrics
// shows `team_bot_unowned_seconds{team,bot}` and `outbox_stalled_seconds{team,channel}` (0 while all
// is well) and the log says it once a spell passes `WARN_AFTER_MS`, and again when it ends. Several
// servers in one process (tests) report each of their bots: a bot counts as run while any of them
// runs it. Process-wide, as the trace is (message-trace.ts): createMetrics registers the gauges.
import { Gauge } from 'prom-client';
import type { Logger } from 'pino';

/** A spell longer than this is logged as a warning (the gauges show it from its start). */
export const WARN_AFTER_MS = 30_000;

type Reporter = { seconds(now: number): number };
const bots = new Map<string, { teamId: string; botId: string; reporters: Set<Reporter> }>();
const outboxes = new Map<string, { teamId: string; channel: string; reporters: Set<Reporter> }>();

const worst = (reporters: Set<Reporter>, now: number, pick: (a: number, b: number) => number) =>
  [...reporters].map((r) => r.seconds(now)).reduce((a, b) => pick(a, b));

export const botUnownedSeconds = new Gauge({
  name: 'team_bot_unowned_seconds',
  help: "Seconds a team's bot has had no process running it (none holds its lease, or the holder's intake stopped); 0 while one does",
  labelNames: ['team', 'bot'] as const,
  registers: [],
  collect() {
    this.reset();
    const now = Date.now();
    for (const b of bots.values())
      this.set({ team: b.teamId, bot: b.botId }, worst(b.reporters, now, Math.min));
  },
});

export const outboxStalledSeconds = new Gauge({
  name: 'outbox_stalled_seconds',
  help: 'Seconds an outbox has not moved (no claim, no send settled) while messages wait in it; 0 while it moves or has nothing to do',
  labelNames: ['team', 'channel'] as const,
  registers: [],
  collect() {
    this.reset();
    const now = Date.now();
    for (const o of outboxes.values())
      this.set({ team: o.teamId, channel: o.channel }, worst(o.reporters, now, Math.max));
  },
});

/** Logs a spell once it is `WARN_AFTER_MS` long, and its end. */
function spellLog(log: Logger, what: string, fields: Record<string, unknown>) {
  let warned = false;
  return (seconds: number) => {
    if (seconds * 1000 >= WARN_AFTER_MS && !warned) {
      warned = true;
      log.warn({ ...fields, seconds: Math.round(seconds) }, what);
    } else if (seconds === 0 && warned) {
      warned = false;
      log.info(fields, `${what}: over`);
    }
  };
}

export type BotHealth = {
  /** This process runs the bot now, or saw another process's live lease on it. */
  served(now?: number): void;
  /** Neither: nobody is known to run the bot. */
  unserved(now?: number): void;
  close(): void;
};

/** A team bot's reports (team-bot.ts, at each lease check). */
export function botHealth(teamId: string, botId: string, log: Logger): BotHealth {
  const key = `${teamId}\u0000${botId}`;
  let since: number | undefined = Date.now();
  const reporter: Reporter = { seconds: (now) => (since === undefined ? 0 : (now - since) / 1000) };
  const entry = bots.get(key) ?? { teamId, botId, reporters: new Set() };
  entry.reporters.add(reporter);
  bots.set(key, entry);
  const note = spellLog(log, 'no process runs the team bot: its customers get no replies', { teamId, botId });
  return {
    served() {
      since = undefined;
      note(0);
    },
    unserved(now = Date.now()) {
      since = Math.min(since ?? now, now);
      note(reporter.seconds(now));
    },
    close() {
      entry.reporters.delete(reporter);
      if (entry.reporters.size === 0) bots.delete(key);
    },
  };
}

export type OutboxHealth = {
  /** The outbox moved: a claim won or lost, a send settled. */
  moved(now?: number): void;
  /** How many messages wait here (queued or in flight); checked against the last move. */
  waiting(count: number, now?: number): void;
  close(): void;
};

/** An outbox's reports (outbox.ts). */
export function outboxHealth(teamId: string, channel: string, log: Logger): OutboxHealth {
  const key = `${teamId}\u0000${channel}`;
  let movedAt = Date.now();
  let busy = false;
  const reporter: Reporter = { seconds: (now) => (busy ? Math.max(0, now - movedAt) / 1000 : 0) };
  const entry = outboxes.get(key) ?? { teamId, channel, reporters: new Set() };
  entry.reporters.add(reporter);
  outboxes.set(key, entry);
  const note = spellLog(log, 'the outbox has not moved while messages wait', { teamId, channel });
  return {
    moved(now = Date.now()) {
      movedAt = now;
      note(0);
    },
    waiting(count, now = Date.now()) {
      // Work that comes to an idle outbox is timed from when it came.
      if (!busy && count > 0) movedAt = now;
      busy = count > 0;
      note(reporter.seconds(now));
    },
    close() {
      entry.reporters.delete(reporter);
      if (entry.reporters.size === 0) outboxes.delete(key);
    },
  };
}

/** The team's channels whose bot nobody runs or whose outbox stalled, for `WARN_AFTER_MS` or more. */
export function stalledChannels(teamId: string, now = Date.now()): Set<string> {
  const out = new Set<string>();
  for (const b of bots.values())
    if (b.teamId === teamId && worst(b.reporters, now, Math.min) * 1000 >= WARN_AFTER_MS) out.add('telegram');
  for (const o of outboxes.values())
    if (o.teamId === teamId && worst(o.reporters, now, Math.max) * 1000 >= WARN_AFTER_MS) out.add(o.channel);
  return out;
}
