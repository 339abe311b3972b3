// The e-mail part of the channels benchmark (channels.ts): one server, its demo team's mailbox
// connected through the admin API to Debian's dovecot (IMAP, read with IDLE) and an SMTP server for
// the answers (the smtp-server package), both on loopback as the e-mail tests run them
// (test/mail-servers.ts). Customers' mail reaches the mailbox as a local delivery agent puts it
// there (a file into the Maildir's new/; an IMAP APPEND took ~150 ms a mail here, so the client
// measured itself); dovecot reports it to the server's IDLE session, which reads it as in production.
// - Intake: a burst of mails from new customers delivered at once; messages stored per second, from
//   the first delivery to the last message doc in the team's messages feed.
// - End to end: latency from the delivery to the answer arriving at the SMTP server at a steady 10
//   mails a second, and the burst's answers written and delivered through SMTP per second.
// - CPU per mail over the measured bursts (intake to the answer delivered): this process (server,
//   the bench's Maildir delivery and SMTP sink) and the store process; the figure a shared, loaded
//   machine disturbs least (throughput there depends on what else runs).
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { benchMode, newReport, printReport, repeated, summarize, type Figure } from '@app/shared/bench';
import { loadServerConfig } from '../src/config';
import { startServer } from '../src/server';
import { emailMessageDocId } from '../src/channels/email/threading';
import { tempDir } from '../test/helpers';
import { dovecotMissing, startDovecot, startSmtpSink, type SmtpSink } from '../test/mail-servers';
import { openBackend, type Backend } from './backend';
import { startInstantLlm } from './clients';
import { cpuMsOf, ownCpuMs, startProfile } from './process-cpu';

const ADDRESS = 'sales@demo.test';

type Repeated = Pick<Figure, 'value' | 'runs' | 'spread'>;
export type EmailRun = {
  latency: ReturnType<typeof summarize>;
  intake: Repeated;
  pipeline: Repeated;
  delivered: Repeated;
  /** CPU ms per burst mail: this process and the store process (as channels.ts counts Telegram's). */
  cpu: { bench: number; store: number };
  /**
   * CPU ms per burst mail while the burst is taken in (from the first delivery until every message
   * doc is stored; answers already under way count too), median of the bursts: both processes.
   */
  intakeCpu: { bench: number; store: number };
  /** How long delivering the burst into the Maildir took (ms, median): inside the intake clock. */
  appendMs: number;
  answered: number;
  burst: number;
  reps: number;
};

/** A customer's new mail (a new thread) to the team's address. */
function customerMail(from: string, id: string, text: string): string {
  return [
    `From: Customer <${from}>`,
    `To: ${ADDRESS}`,
    'Subject: Question',
    `Message-ID: <${id}>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    '',
  ].join('\r\n');
}

/**
 * When the first answer to each address reached the SMTP server. The sink keeps no time, so each
 * mail is stamped when this poll (every 20 ms) first sees it: up to 20 ms late.
 */
async function firstAnswers(smtp: SmtpSink, to: Map<string, number>, timeoutMs: number) {
  const first = new Map<string, number>();
  const deadline = Date.now() + timeoutMs;
  let scanned = 0;
  while (first.size < to.size && Date.now() < deadline) {
    const at = Date.now();
    for (; scanned < smtp.received.length; scanned++)
      for (const addr of smtp.received[scanned]!.envelope.to)
        if (to.has(addr) && !first.has(addr)) first.set(addr, at);
    await new Promise((r) => setTimeout(r, 20));
  }
  return first;
}

export async function runEmail(
  backend: Backend,
  llmEnv: Record<string, string>,
  /** `warmup`: bursts before the measured ones, not counted (as the Telegram runs have). */
  sizes: { latency: number; burst: number; reps: number; warmup: number; questions: string[] },
): Promise<EmailRun | { missing: string }> {
  if (dovecotMissing) return { missing: dovecotMissing };
  const dir = tempDir('bench-email-');
  const [dovecot, smtp] = await Promise.all([startDovecot({ users: ['sales'] }), startSmtpSink()]);
  const config = loadServerConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir.path,
    LOG_LEVEL: 'silent',
    ...(process.env.EMBEDDED_STORE ? { EMBEDDED_STORE: process.env.EMBEDDED_STORE } : {}),
    SEED_DEMO: 'true',
    // Dovecot and the SMTP server listen on loopback: opened explicitly (issue 34).
    OUTBOUND_ALLOW_PRIVATE: '127.0.0.1',
    ...backend.env(dir.path),
    ...llmEnv,
  });
  const server = await startServer(config, { log: pino({ level: process.env.BENCH_LOG ?? 'silent' }) });
  try {
    const seeded = server.seeded!;
    const teamId = seeded.teamId;
    const login = (await (
      await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: seeded.email, password: seeded.password }),
      })
    ).json()) as { accessToken: string };
    const put = await fetch(`${server.url}/api/v1/channels/email`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` },
      body: JSON.stringify({
        address: ADDRESS,
        fromName: 'Demo Sales',
        imap: {
          host: dovecot.host,
          port: dovecot.port,
          tls: 'none',
          user: 'sales',
          password: 'secret-sales',
        },
        smtp: { host: smtp.host, port: smtp.port, tls: 'none', user: smtp.user, password: smtp.password },
      }),
    });
    if (!put.ok) throw new Error(`connecting the mailbox failed: ${put.status} ${await put.text()}`);
    // Mail delivered before the first read would count as the mailbox's old mail (not taken in).
    const runtime = server.store.systemDb('app_runtime');
    for (const t = Date.now(); ;) {
      const { rows } = await runtime.list({
        startkey: `cp:email:${teamId}:`,
        endkey: `cp:email:${teamId}:\ufff0`,
      });
      if (rows.length > 0) break;
      if (Date.now() - t > 60_000) throw new Error('the mailbox was not read within 60 s');
      await new Promise((r) => setTimeout(r, 50));
    }

    // The messages feed, ids only, read on from where it stopped (as channels.ts counts Telegram's).
    const messagesDb = server.store.dbName(teamId, 'messages');
    const seenAt = new Map<string, number>();
    let since = '0';
    const readFeed = async () => {
      for (;;) {
        const res = (await server.store.server.request({
          db: messagesDb,
          path: '_changes',
          qs: { since, limit: 5_000 },
        })) as { results: { id: string }[]; last_seq: string | number };
        const at = Date.now();
        for (const r of res.results) if (!seenAt.has(r.id)) seenAt.set(r.id, at);
        since = String(res.last_seq);
        if (res.results.length < 5_000) return;
      }
    };
    const countSeen = (ids: string[]) => ids.filter((id) => seenAt.has(id)).length;
    const lastSeen = (ids: string[]) => Math.max(...ids.map((id) => seenAt.get(id) ?? NaN));

    const q = (i: number) => sizes.questions[i % sizes.questions.length]!;
    let n = 0;
    const send = (from: string, text: string) => {
      const id = `bench-${n++}-${Date.now()}@customer.test`;
      dovecot.deliver('sales', customerMail(from, id, text));
      return emailMessageDocId(id);
    };

    send('warm@customer.test', q(0));
    await firstAnswers(smtp, new Map([['warm@customer.test', Date.now()]]), 60_000);

    // Latency at a steady 10 mails a second.
    const sentAt = new Map<string, number>();
    for (let i = 0; i < sizes.latency; i++) {
      const from = `steady-${i}@customer.test`;
      sentAt.set(from, Date.now());
      send(from, q(i));
      await new Promise((r) => setTimeout(r, 100));
    }
    const first = await firstAnswers(smtp, sentAt, 120_000);
    const latency = summarize([...first.entries()].map(([from, at]) => at - sentAt.get(from)!));

    // Bursts: every mail delivered at once; intake until each is stored, then the answers.
    const rates = { intake: [] as number[], pipeline: [] as number[], delivered: [] as number[] };
    const appendMs: number[] = [];
    const intakeCpu = { bench: [] as number[], store: [] as number[] };
    let answered = 0;
    const storePid = server.embedded?.pid;
    let cpu0 = { bench: ownCpuMs(), store: cpuMsOf(storePid) };
    let profiler: Awaited<ReturnType<typeof startProfile>>;
    for (let round = -sizes.warmup; round < sizes.reps; round++) {
      if (round === 0) {
        profiler = await startProfile();
        cpu0 = { bench: ownCpuMs(), store: cpuMsOf(storePid) };
      }
      await readFeed();
      const froms = Array.from(
        { length: sizes.burst },
        (_, i) => `burst-${round + sizes.warmup}-${i}@customer.test`,
      );
      const c0 = { bench: ownCpuMs(), store: cpuMsOf(storePid) };
      const t0 = Date.now();
      const inbound = froms.map((from, i) => send(from, q(i)));
      const appended = Date.now() - t0;
      const replies = inbound.map((id) => `${id}:reply`);
      let c1: typeof c0 | undefined;
      while (Date.now() - t0 < 300_000 && countSeen(replies) < sizes.burst) {
        await new Promise((r) => setTimeout(r, 50));
        await readFeed();
        if (!c1 && countSeen(inbound) === sizes.burst) c1 = { bench: ownCpuMs(), store: cpuMsOf(storePid) };
      }
      const intake = countSeen(inbound) / ((lastSeen(inbound) - t0) / 1000);
      const pipeline = countSeen(replies) / ((lastSeen(replies) - t0) / 1000);
      const done = await firstAnswers(smtp, new Map(froms.map((f) => [f, t0])), 300_000);
      if (round < 0) continue;
      appendMs.push(appended);
      if (c1) {
        intakeCpu.bench.push((c1.bench - c0.bench) / sizes.burst);
        intakeCpu.store.push((c1.store - c0.store) / sizes.burst);
      }
      rates.intake.push(intake);
      rates.pipeline.push(pipeline);
      rates.delivered.push(done.size / ((Math.max(...done.values()) - t0) / 1000));
      answered += done.size;
    }
    await profiler?.stop('channels-email');
    const mails = sizes.burst * sizes.reps;
    const cpu = {
      bench: (ownCpuMs() - cpu0.bench) / mails,
      store: (cpuMsOf(storePid) - cpu0.store) / mails,
    };
    return {
      latency,
      cpu,
      intake: repeated(rates.intake),
      pipeline: repeated(rates.pipeline),
      delivered: repeated(rates.delivered),
      intakeCpu: { bench: summarize(intakeCpu.bench).p50, store: summarize(intakeCpu.store).p50 },
      appendMs: summarize(appendMs).p50,
      answered,
      burst: sizes.burst,
      reps: sizes.reps,
    };
  } finally {
    await server.close();
    await Promise.all([dovecot.stop(), smtp.stop()]);
    dir.remove();
  }
}

/** The e-mail figures of the channels report (or one saying why they were not measured). */
export function emailFigures(label: string, r: EmailRun | { missing: string }): Figure[] {
  if ('missing' in r)
    return [
      {
        name: `e-mail, ${label}: intake throughput`,
        value: NaN,
        unit: 'msg/s',
        goal: '>= 50',
        invalid: `not measured: ${r.missing}`,
      },
    ];
  return [
    {
      name: `e-mail, ${label}: latency p50`,
      value: r.latency.p50,
      unit: 'ms',
      note: 'a new thread delivered into the Maildir at 10 mails/s to its answer at the SMTP server (20 ms polls)',
    },
    { name: `e-mail, ${label}: latency p95`, value: r.latency.p95, unit: 'ms' },
    {
      name: `e-mail, ${label}: intake throughput`,
      ...r.intake,
      unit: 'msg/s',
      goal: '>= 50',
      note: `bursts of ${r.burst} new customers' mails: from the first delivery into dovecot's Maildir (all took ${Math.round(r.appendMs)} ms) to the last message doc stored, read over IMAP IDLE`,
    },
    {
      name: `e-mail, ${label}: pipeline throughput`,
      ...r.pipeline,
      unit: 'msg/s',
      note: `the bursts: answers written`,
    },
    {
      name: `e-mail, ${label}: delivered throughput`,
      ...r.delivered,
      unit: 'msg/s',
      note: `${r.answered}/${r.burst * r.reps} answered through SMTP, threaded (end to end)`,
    },
    {
      name: `e-mail, ${label}: CPU per mail`,
      value: r.cpu.bench + r.cpu.store,
      unit: 'ms',
      note: `the bursts, intake to the answer delivered: ${r.cpu.bench.toFixed(1)} ms this process (server, Maildir delivery, SMTP sink) + ${r.cpu.store ? `${r.cpu.store.toFixed(1)} ms store process` : 'the store (not counted)'}`,
    },
    {
      name: `e-mail, ${label}: CPU per mail during intake`,
      value: r.intakeCpu.bench + r.intakeCpu.store,
      unit: 'ms',
      note: `median of the bursts, from the first delivery until every message is stored (answers already under way count too): ${r.intakeCpu.bench.toFixed(1)} ms this process + ${r.intakeCpu.store.toFixed(1)} ms store process`,
    },
  ];
}

// `tsx bench/channels-email.ts [--quick | --smoke]`: the e-mail part alone (the embedded store, the
// instant fake LLM), printed and not written to results; channels.ts runs it within the suite.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const mode = benchMode();
  const sizes = {
    latency: { smoke: 5, quick: 30, full: 100 }[mode],
    burst: { smoke: 10, quick: 100, full: 200 }[mode],
    reps: mode === 'smoke' ? 1 : 3,
    warmup: mode === 'smoke' ? 0 : 1,
    questions: ['Во сколько работает техподдержка?', 'What are your support hours?'],
  };
  const backend = await openBackend();
  const openai = await startInstantLlm();
  try {
    const run = await runEmail(
      backend,
      { LLM_BASE_URL: openai.baseURL, LLM_API_KEY: 'bench', LLM_MODEL: 'fake' },
      sizes,
    );
    const report = newReport(`channels: e-mail only${backend.title}`);
    report.figures.push(...emailFigures('instant fake LLM', run));
    printReport(report);
  } finally {
    await openai.close();
    await backend.close();
  }
  process.exit(0);
}
