// `tsx bench/first-replies.ts [--quick | --smoke] [--couchdb=<url>]`: how soon customers get their
// first reply (issue 65). The server as `npm start` runs it on Apache CouchDB (a single-node kit
// started here unless --couchdb=<url> names one), the demo team's bot against the fake Bot API, the
// offline provider (no LLM). First single customers, one at a time: each reply's time after the
// bot read the update (the getUpdates answer that carried it) and after the customer wrote. Then 20
// customers (smoke: 5) write at once, in Russian, 3 turns each (smoke: 2), each turn once the last
// was answered: first replies p50/p95 from the customer's message, every turn's, and what CouchDB
// served (requests, its CPU) per customer message in that window. The server's
// message_stage_seconds histogram (ops/message-trace.ts) over the burst says where the time went:
// the mean of each stage; the first replies' own, from the server's trace of each message, with
// 'unread' (until the bot's getUpdates answer carried the message) before them. Goals: first
// replies p95 < 1.5 s, p50 < 0.8 s, a single reply < 0.5 s after the update is read, CouchDB no
// worse than 2.4 requests and 33 ms CPU per message.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTelegram, type FakeTelegram } from '@app/bot/testing';
import { benchMode, newReport, printReport, resultsFile, summarize } from '@app/shared/bench';
import { openBackend } from './backend';
import { exitOnSignals } from './clients';
import { requestLogMeter } from './couch-log-paths';
import { couchCostMeter } from './couch-stats';
import { breakdown, breakdownTable } from './request-breakdown';
import { startServerProcess } from './server-process';
import { addCounts } from './store-requests';

const mode = benchMode();
const CUSTOMERS = mode === 'smoke' ? 5 : 20;
const TURNS = mode === 'smoke' ? 2 : 3;
const SINGLES = mode === 'smoke' ? 2 : 5;
/** Questions the demo knowledge answers with the offline provider (burst.ts): none hands the chat to a human. */
const questions = [
  'Во сколько работает техподдержка?',
  'Сколько стоит тариф «Команда»?',
  'Как связаться с поддержкой?',
];
const log = (msg: string) => console.error(`first-replies: ${msg}`);

/** The time the reply to a customer's message (`after` its sending) reached the fake Bot API. */
async function replyAt(fake: FakeTelegram, chatId: number, nth: number): Promise<number> {
  try {
    const sent = await fake.waitForSent(nth, { chatId, timeoutMs: 60_000 });
    return sent[nth - 1]!.at;
  } catch (e) {
    const texts = fake.sent
      .filter((s) => String(s.chatId) === String(chatId))
      .map((s) => s.text.slice(0, 80));
    throw new Error(`chat ${chatId}: no reply ${nth} within 60 s; sent: ${JSON.stringify(texts)}`, {
      cause: e,
    });
  }
}

/** When the bot's getUpdates call that carried the update of `at` (the customer's send) was answered. */
function readAt(fake: FakeTelegram, at: number): number | undefined {
  return fake.calls.find((c) => c.method === 'getUpdates' && c.status === 200 && c.at >= at)?.at;
}

/** `message_stage_seconds` sums and counts by stage, from /metrics. */
async function stages(url: string): Promise<Map<string, { sum: number; count: number }>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out = new Map<string, { sum: number; count: number }>();
  for (const m of text.matchAll(/^message_stage_seconds_(sum|count)\{stage="([a-z]+)"\} (\S+)$/gm)) {
    const entry = out.get(m[2]!) ?? { sum: 0, count: 0 };
    entry[m[1] as 'sum' | 'count'] = Number(m[3]);
    out.set(m[2]!, entry);
  }
  return out;
}

/**
 * The mean of each stage of the first replies (their traces: ms from the stage before), and `unread`:
 * from the customer's message to the getUpdates answer that carried it (the bot's poll was busy).
 */
function firstStages(
  firsts: { key: string; unreadMs: number }[],
  traces: Map<string, Record<string, number>>,
): string {
  const sums = new Map<string, { sum: number; n: number }>();
  const add = (stage: string, ms: number) => {
    const e = sums.get(stage) ?? { sum: 0, n: 0 };
    e.sum += ms;
    e.n++;
    sums.set(stage, e);
  };
  for (const { key, unreadMs } of firsts) {
    const trace = traces.get(key);
    if (!trace) continue;
    const stages = Object.entries(trace).sort((a, b) => a[1] - b[1]);
    add('unread', unreadMs);
    for (let i = 1; i < stages.length; i++) add(stages[i]![0], stages[i]![1] - stages[i - 1]![1]);
  }
  return [...sums].map(([stage, { sum, n }]) => `${stage} ${Math.round(sum / n)} ms (${n})`).join(', ');
}

async function main() {
  exitOnSignals();
  const argv = process.argv.some((a) => a.startsWith('--couchdb'))
    ? process.argv
    : [...process.argv, '--couchdb'];
  const backend = await openBackend(argv);
  const report = newReport(
    `first replies: ${CUSTOMERS} customers at once, ${TURNS} turns each${backend.title}${mode === 'full' ? '' : ` (${mode})`}`,
  );
  const fake = await startFakeTelegram();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-first-replies-'));
  // The server's trace of each message (ops/message-trace.ts: 'message trace', the stages' offsets),
  // by chat (the last one seen) and by `<chat>:<message id>`.
  const traces = new Map<string, Record<string, number>>();
  let partial = '';
  const onOutput = (text: string) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines)
      if (line.includes('"message trace"')) {
        const l = JSON.parse(line) as { messageId: string; stages: Record<string, number> };
        const [, , chat, message] = l.messageId.split(':');
        traces.set(chat!, l.stages);
        traces.set(`${chat}:${message}`, l.stages);
      }
  };
  const server = await startServerProcess(
    dataDir,
    {
      SEED_DEMO: 'true',
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      LLM_BASE_URL: undefined,
      LLM_API_KEY: undefined,
      LLM_MODEL: undefined,
      LLM_ROUTER_MODEL: undefined,
      LLM_FALLBACKS: undefined,
    },
    onOutput,
  );
  try {
    // Warm: the first run pays for loading the agents.
    fake.user({ id: 1, first_name: 'Разогрев' }).says(questions[0]!);
    await replyAt(fake, 1, 1);

    const afterRead: number[] = [];
    const afterSend: number[] = [];
    for (let i = 0; i < SINGLES; i++) {
      const chat = 10 + i;
      await new Promise((r) => setTimeout(r, 500));
      const t = Date.now();
      fake.user({ id: chat, first_name: `Один ${i}` }).says(questions[i % questions.length]!);
      const at = await replyAt(fake, chat, 1);
      afterSend.push(at - t);
      afterRead.push(at - (readAt(fake, t) ?? t));
    }
    await new Promise((r) => setTimeout(r, 500)); // the last trace's log line may trail its reply
    const singleTraces = Array.from({ length: SINGLES }, (_, i) =>
      JSON.stringify(traces.get(String(10 + i)) ?? {}),
    );
    log(`singles after the update was read: ${afterRead.join(', ')} ms; traces: ${singleTraces.join(' ')}`);

    const meter = couchCostMeter(backend.url!, backend.storePids());
    const before = await stages(server.url);
    const logs = backend.storeLogs().map((file) => requestLogMeter(file));
    const window = await meter.start();
    const logWindows = logs.map((l) => l.start());
    const burstFrom = Date.now();
    const chats = Array.from({ length: CUSTOMERS }, (_, i) => 1_000 + i);
    const first: number[] = [];
    const every: number[] = [];
    /** Each first message: its chat and message id, and how long it waited for the bot to read it. */
    const firsts: { key: string; unreadMs: number }[] = [];
    await Promise.all(
      chats.map(async (chat, i) => {
        const customer = fake.user({ id: chat, first_name: `Клиент ${i}` });
        for (let turn = 1; turn <= TURNS; turn++) {
          const t = Date.now();
          const callsBefore = fake.calls.length;
          const update = customer.says(questions[(i + turn) % questions.length]!);
          const ms = (await replyAt(fake, chat, turn)) - t;
          every.push(ms);
          if (turn === 1) {
            first.push(ms);
            const key = `${chat}:${update.message!.message_id}`;
            // The getUpdates answer that carried it: the first after it was queued (one poll at a time).
            const read = fake.calls
              .slice(callsBefore)
              .find((c) => c.method === 'getUpdates' && c.status === 200);
            firsts.push({ key, unreadMs: (read?.at ?? t) - t });
          }
        }
      }),
    );
    const cost = await window.stop();
    const burstCounts = addCounts(logWindows.map((w) => w.stop()));
    const burstMs = Date.now() - burstFrom;
    const after = await stages(server.url);
    // The same wall time with no customer writing: the background's requests (issue 65).
    const idleLogs = logs.map((l) => l.start());
    const idleWindow = await meter.start();
    await new Promise((r) => setTimeout(r, burstMs));
    const idle = await idleWindow.stop();
    const split = breakdown(burstCounts, addCounts(idleLogs.map((w) => w.stop())), CUSTOMERS * TURNS);
    const messages = CUSTOMERS * TURNS;
    const f = summarize(first);
    const all = summarize(every);
    const single = summarize(afterRead);
    const stageNote = [...after]
      .map(([stage, a]) => {
        const b = before.get(stage) ?? { sum: 0, count: 0 };
        const n = a.count - b.count;
        return n > 0 ? `${stage} ${Math.round(((a.sum - b.sum) / n) * 1000)} ms (${n})` : undefined;
      })
      .filter(Boolean)
      .join(', ');
    log(`stages over the burst (mean from the stage before): ${stageNote}`);
    // The trace's log line may trail the reply a moment (the server's stdout).
    await new Promise((r) => setTimeout(r, 500));
    const firstNote = firstStages(firsts, traces);
    log(`first replies' stages (mean from the stage before): ${firstNote}`);
    report.figures.push(
      {
        name: 'first replies p50',
        value: f.p50,
        unit: 'ms',
        goal: '< 800',
        note: `${CUSTOMERS} customers at once; where a first reply's time went (mean, from the stage before; 'unread': until the bot's getUpdates answer carried it): ${firstNote}`,
      },
      {
        name: 'first replies p95',
        value: f.p95,
        unit: 'ms',
        goal: '< 1500',
        note: `stages (mean, from the stage before, over the burst): ${stageNote}`,
      },
      {
        name: 'every turn p95',
        value: all.p95,
        unit: 'ms',
        note: `${messages} messages, p50 ${Math.round(all.p50)} ms`,
      },
      {
        name: 'single customer: reply after the update was read',
        value: single.p50,
        unit: 'ms',
        goal: '< 500',
        note: `median of ${SINGLES}, one at a time; after the customer wrote: ${afterSend.join(', ')} ms; the server's trace of each (ms from received): ${singleTraces.join(' ')}`,
      },
      {
        name: 'CouchDB requests per message',
        value: cost.requests / messages,
        unit: 'requests',
        goal: '<= 2.4',
        note: `the burst's ${messages} messages (${Math.round(burstMs)} ms), all the server sent (claims included); its request log: ${split.perMessage.toFixed(2)} per message, by kind in the table below`,
      },
      {
        name: 'CouchDB requests over the same time, idle, per message of the burst',
        value: idle.requests / messages,
        unit: 'requests',
        note: `no customer writing (${idle.requests} requests; request log: ${split.idlePerMessage.toFixed(2)} per message): the background included in the figure above`,
      },
      {
        name: 'CouchDB CPU per message',
        value: cost.cpuMs / messages,
        unit: 'ms',
        goal: '<= 33',
        note: backend.storePids().length
          ? "the node's CPU over the burst"
          : 'CouchDB pid unknown: not measured',
      },
    );
    report.tables = [breakdownTable(split, messages, "CouchDB's requests over the burst, by kind")];
    log(`requests by kind:\n${report.tables[0]}`);
  } finally {
    await server.stop();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
    await backend.close();
  }
  printReport(
    report,
    resultsFile(new URL('./results/', import.meta.url).pathname, `first-replies${backend.suffix}`, mode),
  );
}

await main();
process.exit(0);
