// Scenario 4: the Bot API misbehaves while the server answers N customers (real grammY polling and
// sender in the server process, the fake Bot API server in the bench). Each customer's chat gets one
// kind of fault on sendMessage: none; 429 with retry_after; 500; no answer at all (the sender's 30 s
// timeout fires); an answer that comes after that timeout (Telegram did deliver it); 403 blocked.
// Per customer: replies delivered, duplicates (the same text delivered twice), the reply doc marked
// failed with a reason (not lost: reps see it), and lost = neither delivered nor failed.
import { startFakeTelegram, type Failure } from '@app/bot/testing';
import {
  gatewayDocs,
  login,
  seconds,
  startServerProc,
  tempDir,
  until,
  type FaultFigure,
  type ScenarioContext,
} from './harness';

/** The sender's request timeout in the server: its default, or shorter in a quick run. */
const senderTimeoutMs = (quick: boolean) => (quick ? 8_000 : 30_000);

type Group = { name: string; failure?: Failure; times?: number };

const groupsFor = (SENDER_TIMEOUT_MS: number): Group[] => [
  { name: 'no fault' },
  { name: '429 retry_after=2 ×2', failure: { status: 429, retryAfter: 2 }, times: 2 },
  { name: '500 ×3', failure: { status: 500 }, times: 3 },
  { name: 'no answer (timeout) ×1', failure: { hang: true }, times: 1 },
  { name: 'answer after the timeout ×1', failure: { delayMs: SENDER_TIMEOUT_MS + 5_000 }, times: 1 },
  { name: '403 blocked', failure: { status: 403 }, times: Infinity },
];

const questions = ['Во сколько работает техподдержка?', 'What are your support hours?'];

export async function telegramFaults(ctx: ScenarioContext): Promise<FaultFigure[]> {
  const N = ctx.quick ? 24 : 60;
  const SENDER_TIMEOUT_MS = senderTimeoutMs(ctx.quick);
  const groups = groupsFor(SENDER_TIMEOUT_MS);
  const dir = tempDir('faults-tg-');
  const fake = await startFakeTelegram();
  const server = await startServerProc({
    dataDir: dir.path,
    env: {
      SEED_DEMO: 'true',
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      INSTANCE_ID: 'faults-telegram',
      TELEGRAM_SEND_TIMEOUT_MS: String(SENDER_TIMEOUT_MS),
    },
  }).catch(async (e: unknown) => {
    await fake.close();
    throw e;
  });
  try {
    if (!server.demo) throw new Error('the demo login was not printed');
    const token = await login(server.url, server.demo.email, server.demo.password);
    // Warm-up: the bot polls and the pipeline answers before the faults start.
    fake.user({ id: 1, first_name: 'Warm' }).says(questions[0]!);
    await fake.waitForSent(1, { chatId: 1, timeoutMs: 90_000 });

    const chat = (i: number) => 400_000 + i;
    const groupOf = (i: number) => groups[i % groups.length]!;
    for (let i = 0; i < N; i++) {
      const g = groupOf(i);
      if (g.failure) fake.failNext(g.failure, { chatId: chat(i), times: g.times ?? 1 });
    }
    const t0 = performance.now();
    ctx.log(`${N} customers, faults: ${groups.map((g) => g.name).join('; ')}`);
    for (let i = 0; i < N; i++)
      fake.user({ id: chat(i), first_name: `Customer ${i}` }).says(questions[i % questions.length]!);

    const outcome = async () => {
      const [messages, conversations] = await Promise.all([
        gatewayDocs(server.url, token, 'messages'),
        gatewayDocs(server.url, token, 'conversations'),
      ]);
      const convChat = new Map(
        [...conversations.values()].map((c) => [String(c._id), String(c.externalChatId)]),
      );
      const failedChats = new Map<string, string>();
      const replyDocs = new Map<string, number>();
      for (const m of messages.values()) {
        if (m.direction !== 'outbound' || m.scheduledFor) continue;
        const c = convChat.get(String(m.conversationId));
        if (!c) continue;
        replyDocs.set(c, (replyDocs.get(c) ?? 0) + 1);
        const d = m.delivery as { status: string; lastError?: string };
        if (d.status === 'failed' && d.lastError) failedChats.set(c, d.lastError);
      }
      return { failedChats, replyDocs };
    };
    const settled = (o: Awaited<ReturnType<typeof outcome>>, i: number) =>
      fake.sentTo(chat(i)).length > 0 || o.failedChats.has(String(chat(i)));
    let last = await outcome();
    const done = await until(
      async () => {
        last = await outcome();
        return Array.from({ length: N }, (_, i) => settled(last, i)).every(Boolean);
      },
      ctx.quick ? 100_000 : 180_000,
      1_000,
    );
    const settleMs = performance.now() - t0;
    // A late answer lands 35 s after its first try, whatever the sender did meanwhile: wait for each
    // (it shows as a second delivery) or give up a while after the last one could have landed.
    const late = Array.from({ length: N }, (_, i) => i).filter(
      (i) => 'delayMs' in (groupOf(i).failure ?? {}),
    );
    await until(
      () => late.every((i) => fake.sentTo(chat(i)).length >= 2),
      Math.max(5_000, SENDER_TIMEOUT_MS + 15_000 - (performance.now() - t0)),
      250,
    );
    last = await outcome();

    let delivered = 0;
    let duplicates = 0;
    let failedWithReason = 0;
    let lost = 0;
    const perGroup = new Map<
      string,
      { delivered: number; duplicates: number; failed: number; lost: number }
    >();
    const reasons = new Set<string>();
    for (let i = 0; i < N; i++) {
      const g = groupOf(i).name;
      const row = perGroup.get(g) ?? { delivered: 0, duplicates: 0, failed: 0, lost: 0 };
      const sent = fake.sentTo(chat(i));
      const texts = new Map<string, number>();
      for (const s of sent) texts.set(s.text, (texts.get(s.text) ?? 0) + 1);
      const dup = [...texts.values()].reduce((a, n) => a + Math.max(0, n - 1), 0);
      const failed = last.failedChats.get(String(chat(i)));
      if (sent.length > 0) {
        delivered++;
        row.delivered++;
      } else if (failed) {
        failedWithReason++;
        row.failed++;
        reasons.add(failed.slice(0, 80));
      } else {
        lost++;
        row.lost++;
      }
      duplicates += dup;
      row.duplicates += dup;
      perGroup.set(g, row);
    }
    const crashed = server.exited();
    const groupNote = [...perGroup.entries()]
      .map(([g, r]) => `${g}: ${r.delivered} delivered/${r.failed} failed/${r.lost} lost/${r.duplicates} dup`)
      .join('; ');
    return [
      {
        name: '4. Telegram 429 / 500 / timeouts while replying: replies lost',
        value: lost,
        unit: 'replies',
        goal: '<= 0',
        note:
          `${N} customers · ${delivered} delivered · ${failedWithReason} failed with a reason ` +
          `(${[...reasons].join(' | ')}) · ${lost} lost · ${duplicates} duplicates · ` +
          `all settled in ${seconds(settleMs)} s${done ? '' : ' (NOT all settled)'}` +
          `${crashed ? ` · SERVER EXITED (${crashed.code ?? crashed.signal})` : ''} · per fault: ${groupNote}`,
        details: {
          written: N,
          present: delivered,
          lost,
          duplicates,
          failedWithReason,
          settled: done,
          recoverSeconds: seconds(settleMs),
          serverCrashed: !!crashed,
          senderTimeoutSeconds: SENDER_TIMEOUT_MS / 1000,
          ...Object.fromEntries(
            [...perGroup.entries()].map(([g, r]) => [
              `group ${g}`,
              `${r.delivered} delivered, ${r.failed} failed, ${r.lost} lost, ${r.duplicates} dup`,
            ]),
          ),
        },
      },
    ];
  } finally {
    await server.stop();
    await fake.close();
    dir.remove();
  }
}
