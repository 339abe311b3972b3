// `tsx bench/burst.ts [--quick | --smoke]`: the agent runtime under a burst of customer messages arriving at
// once, through the real path: the fake Telegram Bot API (`@app/bot/testing`) -> the server's grammY
// bot (getUpdates) -> message docs -> agent runner -> reply docs -> sender -> sendMessage at the fake.
// The server runs as `npm start` does (its own process, embedded store, demo team and knowledge) so
// its memory is its own. Twice: with the offline provider and with an instant fake LLM (the real
// openai SDK against a loopback server that answers at once).
//
// The burst: 200 chats × 5 messages = 1,000, capped at 180 s (`--quick`: 40 × 5 = 200, capped at
// 45 s, offline provider only; `--smoke`: 4 × 5; `--chats=N` for other sizes), all queued at once, each chat's five in
// a row. A chat's replies come in its messages' order (one conversation is handled in order, and the
// sender keeps per-chat order), so a chat's k-th sendMessage answers its k-th message: latency is
// customer send -> that sendMessage at the fake; more sendMessages than messages in a chat are
// duplicates, fewer when the cap ends are unanswered. Three bursts run one after another on the same
// server, each of chats of its own (a smoke run: one); the throughput goals are judged on their median.
// Nothing is faked about the throughput: what is not answered within the cap is reported so.
// The sender keeps Telegram's limits (~29 messages/s per bot, 1/s per chat), so 1,000 replies need at
// least 34 s whatever the agents do. Baseline in the same run: single messages, one at a time, first.
// `--couchdb[=<url>]`: the server on Apache CouchDB instead (backend.ts), results in
// `burst-couchdb[-mode].json`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTelegram, type FakeCustomer, type FakeTelegram } from '@app/bot/testing';
import {
  benchMode,
  newReport,
  printReport,
  repeated,
  resultsFile,
  summarize,
  type Figure,
} from '@app/shared/bench';
import {
  demoTeamId,
  exitOnSignals,
  json,
  peakRssOf,
  sampleProcess,
  startInstantLlm,
  storeAccess,
} from './clients';
import { teamDbName } from '../src/store/db-names';
import { openBackend } from './backend';
import { startServerProcess } from './server-process';

const mode = benchMode();
const quick = mode !== 'full';
const CHATS = Number(
  /--chats=(\d+)/.exec(process.argv.join(' '))?.[1] ?? { smoke: 4, quick: 40, full: 200 }[mode],
);
const PER_CHAT = 5;
const TOTAL = CHATS * PER_CHAT;
const CAP_MS = { smoke: 30_000, quick: 45_000, full: 180_000 }[mode];
const SINGLES = { smoke: 1, quick: 3, full: 5 }[mode];
/** Bursts one after another on the same server: the goals are judged on their median. */
const REPS = mode === 'smoke' ? 1 : 3;
/** The sender's bot-wide slot (bot/src/sender/rate-limiter.ts, Telegram's ~30 messages/s). */
const TELEGRAM_MS_PER_MESSAGE = 34;
/** Questions the demo knowledge answers (checked with the offline provider): none hands the chat to a
 * human, which would silence the bot for the chat's later messages, by design. */
const questions = [
  'Во сколько работает техподдержка?',
  'Сколько стоит тариф «Команда»?',
  'Does the desktop app work offline?',
  'Do you migrate data from amoCRM?',
  'Есть ли скидка для больших команд?',
];
const log = (msg: string) => console.error(`burst: ${msg}`);

/** One burst: every message of CHATS chats queued at once. */
type Burst = {
  latencies: number[];
  answered: number;
  duplicates: number;
  /** Unanswered within the cap whose reply doc was written (stuck in or behind the sender). */
  writtenNotSent: number;
  lastAnsweredMs: number;
  repliesWrittenMs: number | undefined;
  repliesWritten: number;
  ingestedMs: number | undefined;
  ingested: number;
  /** Reply docs written per second in the burst's first and last 10 s (of the cap or until done). */
  writtenRate: { first: number; last: number };
  rssBeforeMb: number;
  rssPeakMb: number;
  mainRssPeakMb: number;
  processes: number;
  serverCpu: number;
};

type Run = {
  label: string;
  singles: number[];
  /** REPS bursts one after another, each of chats of its own. */
  bursts: Burst[];
  hwm: { mainMb: number; treeMb: number };
};

/**
 * Follows the team's messages database in the store directly and notes when each inbound message doc
 * (the bot's ingest) and each reply doc (the agents) first appears: where the pipeline waits.
 */
function followReplies(storeUrl: string, db: string, since: unknown, chats: Set<string>) {
  const store = storeAccess(storeUrl);
  const abort = new AbortController();
  const seen = new Map<string, number>();
  const inbound = new Map<string, number>();
  const done = (async () => {
    while (!abort.signal.aborted) {
      try {
        const res = await json(
          `${store.base}/${db}/_changes?feed=longpoll&timeout=10000&since=${encodeURIComponent(String(since))}`,
          { headers: store.headers, signal: abort.signal },
        );
        for (const r of res.results as { id: string }[]) {
          // `msg:telegram:<chat>:<message id>[:reply]`; earlier chats' docs change too (delivery status).
          const [kind, channel, chat] = r.id.split(':');
          if (kind !== 'msg' || channel !== 'telegram' || !chats.has(chat!)) continue;
          const map = r.id.endsWith(':reply') ? seen : inbound;
          if (!map.has(r.id)) map.set(r.id, Date.now());
        }
        since = res.last_seq;
      } catch {
        if (!abort.signal.aborted) await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();
  return {
    seen,
    inbound,
    async stop() {
      abort.abort();
      await done;
    },
  };
}

async function run(label: string, llmEnv: Record<string, string | undefined>): Promise<Run> {
  const fake: FakeTelegram = await startFakeTelegram();
  const dataDir = mkdtempSync(join(tmpdir(), 'sync-burst-'));
  const server = await startServerProcess(dataDir, {
    SEED_DEMO: 'true',
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    LLM_ROUTER_MODEL: undefined,
    LLM_FALLBACKS: undefined,
    ...llmEnv,
  });
  const sampler = sampleProcess(server.pid, 500, () => ({}));
  try {
    const customers = new Map<number, FakeCustomer>();
    const customer = (id: number) => {
      let c = customers.get(id);
      if (!c) customers.set(id, (c = fake.user({ id, first_name: `Customer ${id}` })));
      return c;
    };
    // Warm-up (bot polling, knowledge index loaded), then the unloaded baseline, one at a time.
    customer(1).says(questions[0]!);
    await fake.waitForSent(1, { chatId: 1, timeoutMs: 120_000 });
    const singles: number[] = [];
    for (let i = 0; i < SINGLES; i++) {
      const chat = 10 + i;
      const t = Date.now();
      customer(chat).says(questions[i % questions.length]!);
      const [sent] = await fake.waitForSent(1, { chatId: chat, timeoutMs: 60_000 });
      singles.push(sent!.at - t);
    }
    log(`${label}: warm, singles ${singles.map(Math.round).join(', ')} ms`);

    const store = storeAccess(server.storeUrl);
    const messagesDb = teamDbName(await demoTeamId(store, server.dbPrefix), 'messages', server.dbPrefix);
    const bursts: Burst[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const info = await json(`${store.base}/${messagesDb}`, { headers: store.headers });
      // The burst: every message queued at once; chat ids far from the warm-up's and the other bursts'.
      const chats = Array.from({ length: CHATS }, (_, i) => 1_000_000 * (rep + 1) + i);
      const burstChats = new Set(chats.map(String));
      const replies = followReplies(server.storeUrl, messagesDb, info.update_seq, burstChats);
      const sentAt = new Map<number, number[]>();
      const cpu0 = sampler.samples.at(-1)!;
      const t0 = Date.now();
      for (const chat of chats) {
        const times: number[] = [];
        for (let k = 0; k < PER_CHAT; k++) {
          times.push(Date.now());
          customer(chat).says(questions[k % questions.length]!);
        }
        sentAt.set(chat, times);
      }
      const received = new Map<string, number[]>();
      let scanned = 0;
      const scan = () => {
        for (; scanned < fake.sent.length; scanned++) {
          const s = fake.sent[scanned]!;
          if (s.method !== 'sendMessage' || !burstChats.has(String(s.chatId))) continue;
          received.set(String(s.chatId), [...(received.get(String(s.chatId)) ?? []), s.at]);
        }
      };
      const answeredNow = () => {
        let n = 0;
        for (const times of received.values()) n += Math.min(times.length, PER_CHAT);
        return n;
      };
      let lastProgress = Date.now();
      while (Date.now() - t0 < CAP_MS) {
        scan();
        if (answeredNow() >= TOTAL) break;
        if (Date.now() - lastProgress > 10_000) {
          lastProgress = Date.now();
          log(
            `${label}, burst ${rep + 1}: ${Math.round((Date.now() - t0) / 1000)} s, ${replies.seen.size} replies written, ${answeredNow()} sent`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const endedAt = Date.now();
      // A little longer, so a duplicate sent just after the last reply is counted too.
      await new Promise((r) => setTimeout(r, 2_000));
      scan();
      const cpu1 = sampler.samples.at(-1)!;

      const latencies: number[] = [];
      let answered = 0;
      let duplicates = 0;
      let lastAnswered = t0;
      for (const chat of chats) {
        const asked = sentAt.get(chat)!;
        const got = received.get(String(chat)) ?? [];
        duplicates += Math.max(0, got.length - PER_CHAT);
        for (let k = 0; k < PER_CHAT; k++) {
          const at = got[k];
          if (at === undefined || at > endedAt) continue;
          answered++;
          lastAnswered = Math.max(lastAnswered, at);
          latencies.push(at - asked[k]!);
        }
      }
      const written = [...replies.seen.values()].filter((at) => at <= endedAt);
      const ingested = [...replies.inbound.values()].filter((at) => at <= endedAt);
      const lastWritten = Math.max(t0, ...written);
      const inWindow = (from: number, to: number) =>
        written.filter((at) => at >= from && at < to).length / 10;
      const during = sampler.samples.filter((x) => x.at >= cpu0.at);
      await replies.stop();
      bursts.push({
        latencies,
        answered,
        duplicates,
        writtenNotSent: Math.max(0, written.length - answered),
        lastAnsweredMs: lastAnswered - t0,
        repliesWritten: written.length,
        ingested: ingested.length,
        ingestedMs: ingested.length >= TOTAL ? Math.max(...ingested) - t0 : undefined,
        repliesWrittenMs: written.length >= TOTAL ? Math.max(...written) - t0 : undefined,
        writtenRate: {
          first: inWindow(t0, t0 + 10_000),
          last: inWindow(lastWritten - 10_000, lastWritten + 1),
        },
        rssBeforeMb: cpu0.rssMb,
        rssPeakMb: Math.max(...during.map((x) => x.rssMb)),
        mainRssPeakMb: Math.max(...during.map((x) => x.mainRssMb)),
        processes: Math.max(...during.map((x) => x.processes)),
        serverCpu: ((cpu1.cpuSeconds - cpu0.cpuSeconds) / ((cpu1.at - cpu0.at) / 1000)) * 100,
      });
      log(
        `${label}, burst ${rep + 1}: ${answered}/${TOTAL} answered in ${((lastAnswered - t0) / 1000).toFixed(1)} s`,
      );
    }
    return { label, singles, bursts, hwm: peakRssOf(server.pid) };
  } finally {
    sampler.stop();
    // Unanswered work may still be queued at the cap; its graceful stop is not what is measured.
    await server.stop(5_000);
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function figures(r: Run): Figure[] {
  const bursts = r.bursts;
  const latencies = bursts.flatMap((b) => b.latencies);
  const l = summarize(latencies);
  const s = summarize(r.singles);
  const answered = bursts.reduce((n, b) => n + b.answered, 0);
  const capS = CAP_MS / 1000;
  const floorS = (TOTAL * TELEGRAM_MS_PER_MESSAGE) / 1000;
  const goalRate = 20;
  const rate = (n: number, ms: number | undefined) => n / ((ms ?? CAP_MS) / 1000);
  const single = { name: `single message, unloaded (p50 of ${s.n})`, value: s.p50 };
  const each = (f: (b: Burst) => number) => repeated(bursts.map(f));
  const over = (f: (b: Burst) => string) => bursts.map(f).join('; ');
  const unanswered = bursts.filter((b) => b.answered < TOTAL);
  const first = bursts[0]!;
  return [
    {
      name: `${r.label}: ${TOTAL} messages, time until all answered (cap ${capS} s)`,
      ...each((b) => (b.answered === TOTAL ? b.lastAnsweredMs / 1000 : capS)),
      unit: 's',
      goal: `<= ${TOTAL / goalRate}`,
      note: unanswered.length
        ? `cap reached: ${over((b) => `${b.answered}/${TOTAL}`)} answered within ${capS} s`
        : `Telegram's per-bot limit alone needs ${floorS.toFixed(0)} s`,
    },
    {
      name: `${r.label}: ${TOTAL} messages, answered per second`,
      ...each((b) => (b.answered === 0 ? 0 : b.answered / (b.lastAnsweredMs / 1000))),
      unit: 'msg/s',
      goal: `>= ${goalRate}`,
      note: `sendMessage at the fake Bot API; the sender allows ~${Math.round(1000 / TELEGRAM_MS_PER_MESSAGE)}/s per bot`,
    },
    {
      name: `${r.label}: ${TOTAL} messages, inbound docs written per second`,
      ...each((b) => rate(b.ingested, b.ingestedMs)),
      unit: 'msg/s',
      note: `the bot's ingest (getUpdates -> message doc): ${over((b) => (b.ingestedMs ? `all in ${(b.ingestedMs / 1000).toFixed(1)} s` : `${b.ingested} within the cap`))}`,
    },
    {
      name: `${r.label}: ${TOTAL} messages, reply docs written per second`,
      ...each((b) => rate(b.repliesWritten, b.repliesWrittenMs)),
      unit: 'msg/s',
      note: `the agents: ${over((b) => `${b.repliesWrittenMs ? `all in ${(b.repliesWrittenMs / 1000).toFixed(1)} s` : `${b.repliesWritten} within the cap`}, ${b.writtenRate.first.toFixed(1)}/s in the first 10 s, ${b.writtenRate.last.toFixed(1)}/s in the last 10 s`)}`,
    },
    {
      name: `${r.label}: ${TOTAL} messages, latency p50`,
      value: l.p50,
      unit: 'ms',
      baseline: single,
      note: `customer send -> sendMessage at the fake Bot API; ${l.n} answered in ${bursts.length} bursts`,
    },
    {
      name: `${r.label}: ${TOTAL} messages, latency p95`,
      value: l.p95,
      unit: 'ms',
      baseline: single,
    },
    {
      name: `${r.label}: ${TOTAL} messages, latency max`,
      value: Math.max(...latencies),
      unit: 'ms',
      baseline: single,
    },
    {
      name: `${r.label}: ${TOTAL} messages, duplicates`,
      value: bursts.reduce((n, b) => n + b.duplicates, 0),
      unit: 'replies',
      goal: '<= 0',
      note: `sendMessages beyond one per message, per chat, in all ${bursts.length} bursts`,
    },
    {
      name: `${r.label}: ${TOTAL} messages, not answered within ${capS} s`,
      value: TOTAL * bursts.length - answered,
      unit: 'messages',
      goal: '<= 0',
      note: unanswered.length
        ? `${unanswered.reduce((n, b) => n + b.writtenNotSent, 0)} had a reply doc written but not yet sent; the rest no reply doc yet`
        : `none lost in ${bursts.length} bursts`,
    },
    {
      name: `${r.label}: server RSS peak`,
      value: Math.max(...bursts.map((b) => b.rssPeakMb)),
      unit: 'MB',
      baseline: { name: 'before the first burst', value: first.rssBeforeMb },
      note: `sampled VmRSS, sum over main.ts and its children (${Math.max(...bursts.map((b) => b.processes))} processes); main.ts alone ${Math.round(Math.max(...bursts.map((b) => b.mainRssPeakMb)))} MB; VmHWM since start ${Math.round(r.hwm.mainMb)} MB main, ${Math.round(r.hwm.treeMb)} MB summed; server CPU ${over((b) => `${Math.round(b.serverCpu)}%`)} of a core during the bursts (all its processes)`,
    },
  ];
}

async function main() {
  exitOnSignals();
  const backend = await openBackend();
  const report = newReport(
    `agent runtime: burst of ${TOTAL} customer messages (${CHATS} chats × ${PER_CHAT}), Telegram -> reply${backend.title}`,
  );
  const openai = await startInstantLlm();
  const offlineEnv = { LLM_BASE_URL: undefined, LLM_API_KEY: undefined, LLM_MODEL: undefined };
  try {
    const offline = await run('offline provider', offlineEnv);
    report.figures.push(...figures(offline));
    if (!quick) {
      const fast = await run('instant fake LLM', {
        LLM_BASE_URL: openai.baseURL,
        LLM_API_KEY: 'bench',
        LLM_MODEL: 'fake',
      });
      report.figures.push(...figures(fast));
    }
  } finally {
    await openai.close();
    await backend.close();
  }
  const out = resultsFile(new URL('./results/', import.meta.url).pathname, `burst${backend.suffix}`, mode);
  printReport(report, out);
}

await main();
process.exit(0);
