// Scenario 5: the LLM endpoint misbehaves (a fake OpenAI-compatible server, reached by the server's
// real `openai` SDK) while customers write in through Telegram. Each customer's requests get one kind
// of fault: none; slower than LLM_TIMEOUT_MS; 500; a 200 whose body is not JSON; tool calls with
// arguments that are not JSON, with an unknown tool name, or with arguments of the wrong types (the
// last three even when no tools are offered). Per customer message: answered (a reply delivered),
// handed off to a human (conversation in human mode), or lost (neither); and server crashes.
import { startFakeTelegram } from '@app/bot/testing';
import { fakeCompletion, startFakeOpenAi, type FakeReply, type FakeRequest } from '@app/shared/testing';
import {
  gatewayDocs,
  login,
  request,
  seconds,
  startServerProc,
  tempDir,
  until,
  type FaultFigure,
  type ScenarioContext,
} from './harness';

const LLM_TIMEOUT_MS = 2_000;

type Call = { name: string; arguments: string };
type Group = { name: string; reply?: (kind: 'route' | 'extract' | 'answer') => FakeReply };

const toolFault = (name: string, calls: Call[]): Group => ({
  name,
  reply: (kind) => (kind === 'answer' ? { body: fakeCompletion({ toolCalls: calls }) } : normal(kind)),
});

function normal(kind: 'route' | 'extract' | 'answer'): FakeReply {
  const content =
    kind === 'route'
      ? '{"intent":"product_question","confidence":0.9}'
      : kind === 'extract'
        ? '{"facts":[]}'
        : 'Поддержка работает с 9:00 до 21:00 [1].';
  return { body: fakeCompletion({ content }) };
}

const groups: Group[] = [
  { name: 'no fault' },
  {
    name: `slow (${LLM_TIMEOUT_MS + 1_500} ms > timeout)`,
    reply: (k) => ({ ...normal(k), delayMs: LLM_TIMEOUT_MS + 1_500 }),
  },
  {
    name: '500',
    reply: () => ({ status: 500, body: { error: { message: 'upstream exploded', type: 'server_error' } } }),
  },
  { name: '200 with a body that is not JSON', reply: () => ({ raw: '{"choices": [ {"message": ' }) },
  toolFault('tool arguments not JSON', [
    { name: 'save_client_info', arguments: '{"name": "Anna", "email": ' },
  ]),
  toolFault('unknown tool', [{ name: 'delete_all_customers', arguments: '{"confirm": true}' }]),
  toolFault('wrong argument types', [
    { name: 'update_lead', arguments: '{"stage": 42, "value": "a lot"}' },
    { name: 'create_task', arguments: '{"title": ["call"], "dueAt": false}' },
    { name: 'call_human', arguments: '{"reason": {"nested": [1, 2]}}' },
  ]),
];

const questions = ['What are your support hours?', 'Сколько стоит тариф для команды из 10 человек?'];

function kindOf(req: FakeRequest): 'route' | 'extract' | 'answer' {
  const system = String((req.body.messages as { content?: string }[] | undefined)?.[0]?.content ?? '');
  if (system.startsWith('Classify')) return 'route';
  if (system.startsWith('Extract')) return 'extract';
  return 'answer';
}

export async function llmFaults(ctx: ScenarioContext): Promise<FaultFigure[]> {
  const N = ctx.quick ? 21 : 70;
  const perGroupRequests = new Map<string, number>();
  const openai = await startFakeOpenAi((req) => {
    const tag = [...JSON.stringify(req.body.messages ?? []).matchAll(/#c(\d+)/g)].at(-1)?.[1];
    const group = tag === undefined ? groups[0]! : groups[Number(tag) % groups.length]!;
    perGroupRequests.set(group.name, (perGroupRequests.get(group.name) ?? 0) + 1);
    return group.reply ? group.reply(kindOf(req)) : normal(kindOf(req));
  });
  const fake = await startFakeTelegram();
  const dir = tempDir('faults-llm-');
  try {
    const server = await startServerProc({
      dataDir: dir.path,
      env: {
        SEED_DEMO: 'true',
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        INSTANCE_ID: 'faults-llm',
        LLM_BASE_URL: openai.baseURL,
        LLM_API_KEY: 'faults',
        LLM_MODEL: 'fake-model',
        LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS),
      },
    });
    try {
      if (!server.demo) throw new Error('the demo login was not printed');
      const token = await login(server.url, server.demo.email, server.demo.password);
      fake.user({ id: 1, first_name: 'Warm' }).says(questions[0]!);
      await fake.waitForSent(1, { chatId: 1, timeoutMs: 90_000 });

      const chat = (i: number) => 500_000 + i;
      const t0 = performance.now();
      ctx.log(`${N} customers, faults: ${groups.map((g) => g.name).join('; ')}`);
      for (let i = 0; i < N; i++) {
        fake
          .user({ id: chat(i), first_name: `Customer ${i}` })
          .says(`${questions[i % questions.length]!} (#c${i})`);
      }
      const humanChats = async () => {
        const conversations = await gatewayDocs(server.url, token, 'conversations');
        return new Set(
          [...conversations.values()].filter((c) => c.mode === 'human').map((c) => String(c.externalChatId)),
        );
      };
      let human = new Set<string>();
      const settled = await until(
        async () => {
          if (server.exited()) return true;
          human = await humanChats();
          return Array.from({ length: N }, (_, i) => i).every(
            (i) => fake.sentTo(chat(i)).length > 0 || human.has(String(chat(i))),
          );
        },
        ctx.quick ? 90_000 : 180_000,
        1_000,
      );
      const settleMs = performance.now() - t0;
      const crashed = server.exited();
      const health = crashed ? { status: 0 } : await request(`${server.url}/healthz`);
      if (!crashed) human = await humanChats();

      let answered = 0;
      let handedOff = 0;
      let lost = 0;
      const perGroup = new Map<string, { answered: number; handedOff: number; lost: number }>();
      const replies = crashed ? new Map() : await gatewayDocs(server.url, token, 'messages');
      const offlineReplies = new Set(
        [...replies.values()]
          .filter((m) => m.direction === 'outbound' && String(m.author?.name ?? '').includes('(offline)'))
          .map((m) => String(m.replyToId)),
      );
      for (let i = 0; i < N; i++) {
        const g = groups[i % groups.length]!.name;
        const row = perGroup.get(g) ?? { answered: 0, handedOff: 0, lost: 0 };
        const got = fake.sentTo(chat(i)).length > 0;
        const h = human.has(String(chat(i)));
        if (got) {
          answered++;
          row.answered++;
        }
        if (h) {
          handedOff++;
          row.handedOff++;
        }
        if (!got && !h) {
          lost++;
          row.lost++;
        }
        perGroup.set(g, row);
      }
      const groupNote = [...perGroup.entries()]
        .map(
          ([g, r]) =>
            `${g}: ${r.answered} answered/${r.handedOff} handed off/${r.lost} lost (${perGroupRequests.get(g) ?? 0} LLM calls)`,
        )
        .join('; ');
      return [
        {
          name: '5. LLM slow / 5xx / malformed tool calls: messages lost',
          value: lost + (crashed ? 1 : 0),
          unit: 'messages',
          goal: '<= 0',
          note:
            `${N} customer messages · ${answered} answered · ${handedOff} handed off · ${lost} lost · ` +
            `${crashed ? `SERVER CRASHED (${crashed.code ?? crashed.signal})` : '0 server crashes'} · ` +
            `/healthz ${health.status} · ${offlineReplies.size} replies by the offline fallback · ` +
            `settled in ${seconds(settleMs)} s${settled ? '' : ' (NOT all settled)'} · per fault: ${groupNote}`,
          details: {
            written: N,
            present: N - lost,
            lost,
            answered,
            handedOff,
            serverCrashes: crashed ? 1 : 0,
            healthz: health.status,
            offlineFallbackReplies: offlineReplies.size,
            recoverSeconds: seconds(settleMs),
            settled,
            llmTimeoutMs: LLM_TIMEOUT_MS,
            ...Object.fromEntries(
              [...perGroup.entries()].map(([g, r]) => [
                `group ${g}`,
                `${r.answered} answered, ${r.handedOff} handed off, ${r.lost} lost`,
              ]),
            ),
          },
        },
      ];
    } finally {
      await server.stop();
    }
  } finally {
    await fake.close();
    await openai.close();
    dir.remove();
  }
}
