// `tsx bench/channels.ts [--quick | --smoke]`: inbound-to-sendMessage latency and throughput of one server
// (its embedded store in its own process, as `npm start` runs it): customers write to the team's bots
// (real grammY against the fake Bot API server), agents answer, the sender delivers. Run twice: with
// an instant fake LLM (the real openai SDK against a loopback server that answers at once) and with
// the offline provider. Latency is measured at a steady 10 messages a second; throughput with a
// burst, as replies written per second (the pipeline) and as replies delivered per second (capped by
// Telegram's ~30 messages a second per bot). Written replies are counted from the messages feed by
// id (no doc bodies), so counting adds next to no work. The CPU time the burst cost the bench process
// (server, fake Telegram and grammY) and the store process, per message, is the figure least
// disturbed by other work on a shared machine. Each burst is repeated 3 times (new customers each
// time, after one burst not counted; then each burst's customers write a second message, a burst at
// a time), each waited out until delivered, and the throughput goals are judged on the median, with
// the spread shown. The fake
// Telegram and grammY share this process with the server, so no client-side CPU is told apart here.
// VK's figures (intake over the Callback API, latency, delivered) come beside them: channels-vk.ts;
// e-mail's (intake from a dovecot mailbox read with IDLE, answers through SMTP): channels-email.ts.
// `--couchdb[=<url>]`: the server on Apache CouchDB instead (backend.ts; CouchDB's CPU counts in the
// CPU per message where its pid is known: a kit started here or named by COUCHDB_KIT_DIR), results
// in `channels-couchdb[-mode].json`. The store requests each burst message costs are counted by kind
// (store-requests.ts) and printed; `--fast-llm-only`: the Telegram run with the instant fake LLM
// alone (no offline provider, VK or e-mail), for quick re-measuring; printed only (the results file
// stays the whole suite's; BENCH_RESULT=<file> writes it there). On CouchDB the same windows are also
// measured on CouchDB's side (couch-stats.ts: the requests it served, claim writes included, and its
// CPU), per customer message, new and returning customers together: the figures issue 36 sets goals on.
import { pino } from 'pino';
import { startFakeTelegram, type FakeTelegram } from '@app/bot/testing';
import {
  benchMode,
  newReport,
  peakRssMb,
  printReport,
  repeated,
  resultsFile,
  summarize,
  type BenchReport,
  type Figure,
} from '@app/shared/bench';
import { loadServerConfig } from '../src/config';
import { startServer } from '../src/server';
import { tempDir } from '../test/helpers';
import { openBackend, type Backend } from './backend';
import { emailFigures, runEmail } from './channels-email';
import { runVk, vkFigures } from './channels-vk';
import { startInstantLlm } from './clients';
import { couchCostMeter, type CouchCost } from './couch-stats';
import { cpuMsOf, ownCpuMs, startProfile } from './process-cpu';
import { addCounts, perMessageTable, requestCounter, totalOf, type RequestCounts } from './store-requests';

const mode = benchMode();
const LATENCY_N = { smoke: 5, quick: 30, full: 100 }[mode];
const BURST = { smoke: 10, quick: 100, full: 200 }[mode];
const REPS = mode === 'smoke' ? 1 : 3;
const fastLlmOnly = process.argv.includes('--fast-llm-only');
/** Bursts before the measured ones, not counted: the first burst ran ~30% slower than the next. */
const WARMUP = mode === 'smoke' ? 0 : 1;
const questions = [
  'Во сколько работает техподдержка?',
  'What are your support hours?',
  'Как связаться с поддержкой?',
  'How do I reach support?',
];

type Repeated = Pick<Figure, 'value' | 'runs' | 'spread'>;
type Run = {
  latency: ReturnType<typeof summarize>;
  pipeline: Repeated;
  /** Customer messages written per second in the burst (the bot's side of the pipeline). */
  intake: Repeated;
  /** Replies written per second to a further burst from the same customers (those the agents serve). */
  returning: Repeated & { customers: number[] };
  delivered: Repeated;
  answered: number;
  burst: number;
  /** CPU ms per burst message: this process (server, fake Telegram, grammY) and the store process. */
  cpu: { bench: number; store: number; storeCounted: boolean };
  /** Store requests per message, from the burst until its replies were delivered. */
  storeRequests: { fresh: number; returning: number };
  /** On CouchDB: what it counted itself over the same windows, and the messages they held. */
  couch?: CouchCost & { messages: number };
};

async function run(backend: Backend, llmEnv: Record<string, string>): Promise<Run> {
  const dir = tempDir('bench-channels-');
  const fake = await startFakeTelegram();
  const config = loadServerConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir.path,
    LOG_LEVEL: 'silent',
    ...(process.env.EMBEDDED_STORE ? { EMBEDDED_STORE: process.env.EMBEDDED_STORE } : {}),
    // The shards of the databases a run creates on CouchDB (couchdb-cost.ts compares them).
    ...(process.env.COUCHDB_SHARDS ? { COUCHDB_SHARDS: process.env.COUCHDB_SHARDS } : {}),
    SEED_DEMO: 'true',
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    ...backend.env(dir.path),
    ...llmEnv,
  });
  const counter = requestCounter();
  const server = await startServer(config, {
    log: pino({ level: process.env.BENCH_LOG ?? 'silent' }),
    onStoreRequest: counter.hook,
  });
  const couch =
    backend.kind === 'couchdb' && config.COUCHDB_URL
      ? couchCostMeter(config.COUCHDB_URL, backend.storePids())
      : undefined;
  const freshCounts: RequestCounts[] = [];
  const returningCounts: RequestCounts[] = [];
  const teamId = server.seeded!.teamId;
  const messagesDb = server.store.dbName(teamId, 'messages');
  /** When each doc id first showed up in the messages feed (ids only), read on from where it stopped. */
  const seenAt = new Map<string, number>();
  let feedSince = '0';
  const readFeed = async () => {
    for (;;) {
      couch?.ownRequest();
      const res = (await counter.ownRequest(() =>
        server.store.server.request({
          db: messagesDb,
          path: '_changes',
          qs: { since: feedSince, limit: 5_000 },
        }),
      )) as { results: { id: string }[]; last_seq: string | number };
      const at = Date.now();
      for (const r of res.results) if (!seenAt.has(r.id)) seenAt.set(r.id, at);
      feedSince = String(res.last_seq);
      if (res.results.length < 5_000) return;
    }
  };
  const countSeen = (ids: Set<string>) => [...ids].filter((id) => seenAt.has(id)).length;
  const lastSeen = (ids: Set<string>) => Math.max(...[...ids].map((id) => seenAt.get(id) ?? NaN));
  try {
    const warm = fake.user({ id: 1, first_name: 'Warm' });
    warm.says(questions[0]!);
    await fake.waitForSent(1, { chatId: 1, timeoutMs: 60_000 });

    // Latency at a steady 10 messages a second, under Telegram's per-bot limit.
    const sentAt = new Map<string, number>();
    for (let i = 0; i < LATENCY_N; i++) {
      const chat = 100_000 + i;
      sentAt.set(String(chat), Date.now());
      fake.user({ id: chat, first_name: `Customer ${i}` }).says(questions[i % questions.length]!);
      await new Promise((r) => setTimeout(r, 100));
    }
    const first = await firstReplies(fake, sentAt, 120_000);
    const latency = summarize([...first.entries()].map(([k, at]) => at - sentAt.get(k)!));

    // Throughput: a burst of new customers, all at once, REPS times after WARMUP bursts.
    // The embedded store's process, or the CouchDB kit's node where its pid is known.
    const storePids = (server.embedded ? [server.embedded.pid] : backend.storePids()).filter(
      (pid): pid is number => typeof pid === 'number',
    );
    const storeCpu = () => storePids.reduce((sum: number, pid) => sum + cpuMsOf(pid), 0);
    let profiler: Awaited<ReturnType<typeof startProfile>>;
    let cpu0 = { bench: ownCpuMs(), store: storeCpu() };
    const rates = { pipeline: [] as number[], intake: [] as number[], delivered: [] as number[] };
    let answered = 0;
    /** Each round's customers: the returning rounds below each take one round's, who wrote once. */
    const roundChats: number[][] = [];
    for (let round = -WARMUP; round < REPS; round++) {
      if (round === 0) {
        profiler = await startProfile();
        cpu0 = { bench: ownCpuMs(), store: storeCpu() };
      }
      await readFeed(); // the feed's position before the burst
      const burstAt = new Map<string, number>();
      const inboundIds = new Set<string>();
      const replyIds = new Set<string>();
      const t0 = Date.now();
      const chats: number[] = [];
      const counting = counter.window();
      const couchWindow = round >= 0 ? await couch?.start() : undefined;
      for (let i = 0; i < BURST; i++) {
        const chat = 200_000 + (round + WARMUP) * 10_000 + i;
        chats.push(chat);
        burstAt.set(String(chat), t0);
        const update = fake
          .user({ id: chat, first_name: `Burst ${i}` })
          .says(questions[i % questions.length]!);
        // The bot's message id, and the engine's reply id: `<inbound message id>:reply`
        // (bot/src/inbound/build.ts, shared/src/agents/doc-ids.ts).
        const id = `msg:telegram:${chat}:${update.message!.message_id}`;
        inboundIds.add(id);
        replyIds.add(`${id}:reply`);
      }
      while (Date.now() - t0 < 300_000 && countSeen(replyIds) < BURST) {
        await new Promise((r) => setTimeout(r, 50));
        await readFeed();
      }
      const pipeline = countSeen(replyIds) / ((lastSeen(replyIds) - t0) / 1000);
      const intake = countSeen(inboundIds) / ((lastSeen(inboundIds) - t0) / 1000);
      if (round === 0) await profiler?.stop(`channels-${llmEnv.LLM_BASE_URL ? 'fake-llm' : 'offline'}`);
      // Delivered before the next round, so one round's sending does not slow the next one's pipeline.
      const delivered = await firstReplies(fake, burstAt, 300_000);
      const counts = counting.stop();
      await couchWindow?.stop();
      if (round < 0) continue;
      freshCounts.push(counts);
      roundChats.push(chats);
      rates.pipeline.push(pipeline);
      rates.intake.push(intake);
      rates.delivered.push(delivered.size / ((Math.max(...delivered.values()) - t0) / 1000));
      answered += delivered.size;
    }
    const cpu = {
      bench: (ownCpuMs() - cpu0.bench) / (BURST * REPS),
      store: (storeCpu() - cpu0.store) / (BURST * REPS),
      storeCounted: storePids.length > 0,
    };

    // Each round's customers write again, one round at a time: their conversations, contacts and leads
    // exist now, so each run reads the conversation's messages (the first burst's runs need not).
    // Only those still talking to the agents: a conversation handed to a human gets no agent reply.
    const returningRates: number[] = [];
    const customers: number[] = [];
    for (let round = 0; round < REPS; round++) {
      const conversations = await server.store
        .teamDb<{ externalChatId: string; mode: string }>(teamId, 'conversations')
        .list({ include_docs: true });
      const first = new Set(roundChats[round]!.map(String));
      const withAgents = conversations.rows
        .map((r) => r.doc)
        .filter((c) => c && c.mode === 'ai' && first.has(c.externalChatId))
        .map((c) => Number(c!.externalChatId));
      await readFeed();
      const againIds = new Set<string>();
      const sentBefore = fake.sent.length;
      const counting = counter.window();
      const couchWindow = await couch?.start();
      const t1 = Date.now();
      for (const [i, chat] of withAgents.entries()) {
        const update = fake
          .user({ id: chat, first_name: `Burst ${i}` })
          .says(questions[(i + 1) % questions.length]!);
        againIds.add(`msg:telegram:${chat}:${update.message!.message_id}:reply`);
      }
      while (Date.now() - t1 < 120_000 && countSeen(againIds) < againIds.size) {
        await new Promise((r) => setTimeout(r, 50));
        await readFeed();
      }
      returningRates.push(countSeen(againIds) / ((lastSeen(againIds) - t1) / 1000));
      customers.push(againIds.size);
      await sentSince(fake, sentBefore, againIds.size, 120_000);
      returningCounts.push(counting.stop());
      await couchWindow?.stop();
    }
    const fresh = addCounts(freshCounts);
    const again = addCounts(returningCounts);
    const againN = customers.reduce((a, b) => a + b, 0);
    console.log(
      `store requests per message, new customers (${BURST * REPS}):\n${perMessageTable(fresh, BURST * REPS)}`,
    );
    console.log(
      `store requests per message, returning customers (${againN}):\n${perMessageTable(again, againN)}`,
    );
    const returning = { ...repeated(returningRates), customers };
    return {
      latency,
      pipeline: repeated(rates.pipeline),
      intake: repeated(rates.intake),
      returning,
      delivered: repeated(rates.delivered),
      answered,
      burst: BURST,
      cpu,
      storeRequests: {
        fresh: totalOf(fresh) / (BURST * REPS),
        returning: againN > 0 ? totalOf(again) / againN : 0,
      },
      ...(couch ? { couch: { ...couch.total, messages: BURST * REPS + againN } } : {}),
    };
  } finally {
    await server.close();
    await fake.close();
    dir.remove();
  }
}

/** Waits until `n` more messages were sent after the first `from` (the replies of a round). */
async function sentSince(fake: FakeTelegram, from: number, n: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (fake.sent.length - from < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

async function firstReplies(
  fake: FakeTelegram,
  chats: Map<string, number>,
  timeoutMs: number,
): Promise<Map<string, number>> {
  const first = new Map<string, number>();
  const deadline = Date.now() + timeoutMs;
  let scanned = 0;
  while (first.size < chats.size && Date.now() < deadline) {
    for (; scanned < fake.sent.length; scanned++) {
      const s = fake.sent[scanned]!;
      const k = String(s.chatId);
      if (chats.has(k) && !first.has(k)) first.set(k, s.at); // the fake's clock: Date.now()
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return first;
}

function addFigures(report: BenchReport, backend: Backend, label: string, r: Run, baseline?: Run): void {
  report.figures.push(
    {
      name: `${label}: latency p50`,
      value: r.latency.p50,
      unit: 'ms',
      ...(baseline ? { baseline: { name: 'instant fake LLM', value: baseline.latency.p50 } } : {}),
    },
    {
      name: `${label}: latency p95`,
      value: r.latency.p95,
      unit: 'ms',
      goal: '< 500',
      ...(baseline ? { baseline: { name: 'instant fake LLM', value: baseline.latency.p95 } } : {}),
    },
    {
      name: `${label}: pipeline throughput`,
      ...r.pipeline,
      unit: 'msg/s',
      goal: '>= 50',
      note: `bursts of ${r.burst} new customers: replies written`,
    },
    {
      name: `${label}: pipeline throughput, returning customers`,
      ...r.returning,
      unit: 'msg/s',
      goal: '>= 50',
      note: `${r.returning.customers.join(', ')} of each burst's ${r.burst} customers write again (the others were handed to a human)`,
    },
    {
      name: `${label}: intake throughput`,
      ...r.intake,
      unit: 'msg/s',
      note: `bursts of ${r.burst}: customer messages written by the bot`,
    },
    {
      name: `${label}: delivered throughput`,
      ...r.delivered,
      unit: 'msg/s',
      note: `${r.answered}/${r.burst * REPS} delivered; Telegram allows a bot ~30 msg/s`,
    },
    {
      name: `${label}: CPU per message`,
      value: r.cpu.bench + r.cpu.store,
      unit: 'ms',
      note: `burst: ${r.cpu.bench.toFixed(1)} ms this process (server, fake Telegram, grammY) + ${!r.cpu.storeCounted ? 'CouchDB (not counted: its pid is unknown; set COUCHDB_KIT_DIR)' : backend.kind === 'embedded' ? `${r.cpu.store.toFixed(1)} ms store process` : `${r.cpu.store.toFixed(1)} ms CouchDB`}`,
    },
    {
      name: `${label}: store requests per message`,
      value: r.storeRequests.fresh,
      unit: 'requests',
      note: `new customers, burst until delivered; returning customers: ${r.storeRequests.returning.toFixed(1)}`,
    },
  );
  if (!r.couch) return;
  report.figures.push(
    {
      name: `${label}: CouchDB requests per message (CouchDB's count)`,
      value: r.couch.requests / r.couch.messages,
      unit: 'requests',
      goal: '<= 9',
      note: `${r.couch.messages} customer messages, new and returning, until delivered: /_node/_local/_stats/couchdb/httpd/requests less the bench's own`,
    },
    {
      name: `${label}: CouchDB docs written per message`,
      value: r.couch.docWrites / r.couch.messages,
      unit: 'docs',
      note: 'document_writes: each doc of a bulk write counts',
    },
    {
      name: `${label}: CouchDB docs read per message`,
      value: r.couch.docReads / r.couch.messages,
      unit: 'docs',
      note: 'database_reads: docs read by id, by query, by _all_docs and by feeds with their docs',
    },
    {
      name: `${label}: CouchDB CPU per message`,
      value: r.couch.cpuMs / r.couch.messages,
      unit: 'ms',
      note: backend.storePids().length
        ? 'the CouchDB node over the same windows'
        : 'not counted: its pid is unknown',
    },
  );
}

async function main(backend: Backend): Promise<BenchReport> {
  const report = newReport(`channels: inbound to sendMessage (one process)${backend.title}`);
  const openai = await startInstantLlm();
  try {
    const fast = await run(backend, {
      LLM_BASE_URL: openai.baseURL,
      LLM_API_KEY: 'bench',
      LLM_MODEL: 'fake',
    });
    if (fastLlmOnly) {
      addFigures(report, backend, 'instant fake LLM', fast);
      return report;
    }
    const offline = await run(backend, {});
    // VK beside Telegram: the same demo team and instant fake LLM, over the Callback API (channels-vk.ts).
    const vk = await runVk(
      backend,
      { LLM_BASE_URL: openai.baseURL, LLM_API_KEY: 'bench', LLM_MODEL: 'fake' },
      { latency: LATENCY_N, burst: BURST, reps: REPS, warmup: WARMUP, questions },
    );
    // E-mail beside them: the same team and LLM, customers' mail in a dovecot mailbox (channels-email.ts).
    const email = await runEmail(
      backend,
      { LLM_BASE_URL: openai.baseURL, LLM_API_KEY: 'bench', LLM_MODEL: 'fake' },
      { latency: LATENCY_N, burst: BURST, reps: REPS, warmup: WARMUP, questions },
    );
    addFigures(report, backend, 'instant fake LLM', fast);
    addFigures(report, backend, 'offline provider', offline, fast);
    report.figures.push(...vkFigures('instant fake LLM', vk));
    report.figures.push(...emailFigures('instant fake LLM', email));
    report.figures.push({
      name: 'peak RSS (bench process, server in-process)',
      value: peakRssMb(),
      unit: 'MB',
    });
  } finally {
    await openai.close();
  }
  return report;
}

const backend = await openBackend();
const report = await main(backend).finally(() => backend.close());
// A part of the suite (--fast-llm-only) is printed, not written over the suite's results.
printReport(
  report,
  fastLlmOnly
    ? process.env.BENCH_RESULT
    : resultsFile(new URL('./results/', import.meta.url).pathname, `channels${backend.suffix}`, mode),
);
process.exit(0);
