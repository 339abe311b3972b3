// Agent engine benchmark: pipeline latency per message (p50/p95) and throughput (one message at a
// time) per provider kind: an instant in-process fake LLM (the pipeline's own cost, the model
// excluded), the real `openai` SDK against a loopback fake server, each also with a tool loop of 3
// calls (bench/agents-llm.ts), and the offline provider; then each provider kind a team can add
// (OpenAI-compatible, GigaChat, YandexGPT) against its fake server, with the tool loop, its tokens
// per message and the cost accounting against the server's counts (bench/agents-kinds.ts); the
// offline classifier's banking77 accuracy and training time; answer quality per set and split
// (bench/answer-quality.ts).
// Latency goals are judged on the median of 3 repetitions (each on a fresh engine).
// `npm run bench -w shared [-- --quick | --smoke]`; JSON: bench/results/agents[-mode].json.
import { fileURLToPath } from 'node:url';
import {
  createAgentEngine,
  createKeywordRetriever,
  salesClassifier,
  intentExamples,
  type AgentEngine,
} from '../src/agents/index';
import { createMemoryStore } from '../src/testing/memory-store';
import { inbound, sampleKnowledge } from '../src/agents/test-support';
import {
  createLlmClient,
  createOfflineProvider,
  createOpenAiProvider,
  trainIntentClassifier,
  type LlmClient,
} from '../src/llm/index';
import { evaluateBanking77 } from '../src/testing/banking77';
import { startFakeOpenAi } from '../src/testing/fake-openai-server';
import { mismatch, providerKindsBenched, startKind } from './agents-kinds';
import { answerQuality } from './answer-quality';
import { instantProvider, loopbackHandler } from './agents-llm';
import { newReport, printReport, repeated, resultsFile, summarize, type BenchMode } from './report';

const texts = [
  'Здравствуйте! Сколько стоит тариф Бизнес для команды из 20 человек?',
  'Меня зовут Анна, компания «Ромашка», бюджет 300 тысяч рублей, почта anna@romashka.ru',
  'Есть ли интеграция с Notion и 1С?',
  'Давайте созвонимся завтра в 15:00',
  'How much does the Team plan cost per user?',
  "I'm John from Acme Corp, budget $5,000, call me at +1 415 555 0134",
  'Do you ship internationally?',
  'Доставка в Казань сколько идёт?',
];

type Samples = { wall: number[]; cpu: number[] };

/** Wall time per message, and CPU time (less sensitive to other processes on a shared machine). */
async function measure(
  engine: AgentEngine,
  n: number,
  from = 0,
  onDelta?: (d: string) => void,
): Promise<Samples> {
  const out: Samples = { wall: [], cpu: [] };
  // Message ids come from chat and number: `from` keeps the measured messages apart from the warm-up's
  // (a message already handled is skipped, which would pass for a fast pipeline).
  for (let i = from; i < from + n; i++) {
    // Each customer writes 4 messages: the store and twin grow as in real conversations.
    const msg = inbound(texts[i % texts.length]!, {
      chat: String(1000 + Math.floor(i / 4)),
      n: (i % 4) + 1,
      at: new Date(Date.UTC(2026, 2, 2, 10, 0, i)).toISOString(),
    });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await engine.handleInbound(msg, onDelta ? { onDelta } : {});
    out.wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    out.cpu.push((c.user + c.system) / 1000);
  }
  return out;
}

function engineWith(llm: LlmClient): AgentEngine {
  return createAgentEngine({
    store: createMemoryStore('bench'),
    llm,
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: { now: () => new Date('2026-03-02T10:00:00.000Z') },
  });
}

export async function run(mode: BenchMode): Promise<void> {
  const report = newReport('agents');
  const n = { smoke: 20, quick: 120, full: 600 }[mode];
  const reps = mode === 'smoke' ? 1 : 3;
  /** Tool calls the fake models ask for before answering, in the tool-loop runs. */
  const TOOL_CALLS = 3;
  const t0 = performance.now();
  const classifier = salesClassifier();
  const trainMs = performance.now() - t0;
  const offline = createOfflineProvider({ classifier });

  /** `reps` runs of `count` messages, each on a fresh engine warmed with 20 messages. */
  const runs = async (llm: LlmClient, count: number) => {
    const out: Samples[] = [];
    for (let i = 0; i < reps; i++) {
      const engine = engineWith(llm);
      await measure(engine, 20);
      out.push(await measure(engine, count, 20));
    }
    return out;
  };
  const pipeline = (label: string, samples: Samples[], note: string, goal = true) => {
    const wall = samples.map((s) => summarize(s.wall));
    const cpu = samples.map((s) => summarize(s.cpu));
    const p95 = repeated(wall.map((w) => w.p95));
    report.figures.push(
      { name: `pipeline p50, ${label}`, ...repeated(wall.map((w) => w.p50)), unit: 'ms' },
      {
        name: `pipeline p95, ${label}`,
        ...p95,
        unit: 'ms',
        ...(goal ? { goal: '< 50' } : {}),
        note: `${wall[0]!.n} messages a run; ${note}`,
      },
      {
        name: `pipeline throughput, ${label}`,
        ...repeated(samples.map((s) => s.wall.length / (s.wall.reduce((a, b) => a + b, 0) / 1000))),
        unit: 'msg/s',
        note: 'one message at a time, one process',
      },
      {
        name: `pipeline CPU p95, ${label}`,
        ...repeated(cpu.map((c) => c.p95)),
        unit: 'ms',
        note: `CPU time per message: steadier than wall time on a shared machine`,
      },
    );
    return p95;
  };
  const loop = (calls: number, n: number) => `${(calls / n).toFixed(1)} tool calls a message`;
  const instant = instantProvider();
  const base = pipeline(
    'instant fake LLM',
    await runs(createLlmClient({ providers: [instant], offline }), n),
    'model time excluded',
  );
  const instantTools = instantProvider(TOOL_CALLS);
  pipeline(
    `instant fake LLM, tool loop of ${TOOL_CALLS}`,
    await runs(createLlmClient({ providers: [instantTools], offline }), n),
    `${loop(instantTools.toolCalls, (n + 20) * reps)} (search_knowledge, then the answer)`,
    false,
  );
  report.figures.at(-3)!.baseline = { name: 'no tools', value: base.value };
  const offlineLlm = createLlmClient({ providers: [], offline });
  pipeline('offline provider', await runs(offlineLlm, n), 'classifier + rules + retrieval + tools');

  let current = loopbackHandler();
  const server = await startFakeOpenAi((req) => current.handle(req));
  try {
    const sdk = createLlmClient({
      providers: [createOpenAiProvider({ id: 'loopback', baseURL: server.baseURL, model: 'fake' })],
      offline,
    });
    const sdkBase = pipeline(
      'openai SDK + loopback fake server',
      await runs(sdk, Math.round(n / 3)),
      '3 HTTP calls per message (route, extract, answer)',
      false,
    );
    report.figures.at(-3)!.baseline = { name: 'instant fake LLM', value: base.value };
    current = loopbackHandler(TOOL_CALLS);
    pipeline(
      `openai SDK + loopback fake server, tool loop of ${TOOL_CALLS}`,
      await runs(sdk, Math.round(n / 3)),
      `${loop(current.counter.toolCalls, (Math.round(n / 3) + 20) * reps)}: ${3 + TOOL_CALLS} HTTP calls per message`,
      false,
    );
    report.figures.at(-3)!.baseline = { name: 'no tools', value: sdkBase.value };
  } finally {
    await server.close();
  }

  // Each provider kind behind the client a team gets in the sync server, with the tool loop: pipeline
  // latency, tokens per message as the fake server counted them, and the accounting checked against
  // those counts (the usage meter and the per-conversation ledger, each |recorded - served|).
  const perKind = Math.round(n / 3);
  const warm = 20;
  const conversations = Array.from(
    { length: Math.ceil((warm + perKind) / 4) },
    (_, i) => inbound('', { chat: String(1000 + i) }).conversationId,
  );
  // The OpenAI-compatible kind once more with the answers streamed (SSE, usage in the last chunk), as
  // the test chat and any channel that shows the answer while it is written gets them.
  const scenarios = [
    ...providerKindsBenched.map((kind) => ({ kind, streamed: false })),
    { kind: 'openai-compatible' as const, streamed: true },
  ];
  for (const { kind, streamed } of scenarios) {
    const samples: Samples[] = [];
    let deltas = 0;
    const onDelta = streamed ? () => void deltas++ : undefined;
    const prompt: number[] = [];
    const completion: number[] = [];
    let tools = 0;
    let oauth = 0;
    let worst = { tokens: 0, costUsd: 0, calls: 0 };
    let served = 0;
    for (let r = 0; r < reps; r++) {
      const k = await startKind(kind, { toolCalls: TOOL_CALLS, offline });
      try {
        const engine = engineWith(k.llm);
        await measure(engine, warm, 0, onDelta);
        const before = { ...k.served };
        const calls0 = k.toolCalls;
        samples.push(await measure(engine, perKind, warm, onDelta));
        prompt.push((k.served.promptTokens - before.promptTokens) / perKind);
        completion.push((k.served.completionTokens - before.completionTokens) / perKind);
        tools += k.toolCalls - calls0;
        oauth = Math.max(oauth, k.oauthExchanges());
        served += k.served.calls;
        for (const m of [mismatch(k.metered, k.served), mismatch(k.ledgered(conversations), k.served)])
          worst = {
            tokens: Math.max(worst.tokens, m.tokens),
            costUsd: Math.max(worst.costUsd, m.costUsd),
            calls: Math.max(worst.calls, m.calls),
          };
      } finally {
        await k.close();
      }
    }
    const name = streamed ? `${kind}, streamed` : kind;
    const label = `${name} (fake server), tool loop of ${TOOL_CALLS}`;
    pipeline(
      label,
      samples,
      `${loop(tools, perKind * reps)}${kind === 'gigachat' ? `; ${oauth} OAuth token exchange(s) a run` : ''}${streamed ? `; ${deltas} text deltas streamed` : ''}`,
      false,
    );
    report.figures.push(
      {
        name: `prompt tokens per message, ${label}`,
        ...repeated(prompt),
        unit: 'tokens',
        note: 'as the fake server counted them (about 4 bytes a token)',
      },
      { name: `completion tokens per message, ${label}`, ...repeated(completion), unit: 'tokens' },
      {
        name: `token accounting mismatch, ${name}`,
        value: worst.tokens,
        unit: 'tokens',
        goal: '<= 0',
        note: `|recorded - served| prompt + completion tokens, usage meter and conversation ledger, worst of ${reps} run(s); calls recorded - served: ${worst.calls} of ${served} answers served`,
      },
      {
        name: `cost accounting mismatch, ${name}`,
        value: worst.costUsd,
        unit: 'USD',
        goal: '<= 0',
        note: "|recorded - served| cost (to 1e-12 USD), the served tokens priced at the provider's price table",
      },
    );
  }

  report.figures.push({
    name: 'sales intent classifier training',
    value: trainMs,
    unit: 'ms',
    note: `${intentExamples.length} labelled ru+en examples`,
  });
  const cv = crossValidate(5);
  report.figures.push({
    name: 'sales intents, 5-fold cross-validated accuracy',
    value: cv,
    unit: 'ratio',
    note: 'small hand-written set; rules cover opt-out and human requests',
  });
  const b77 = evaluateBanking77({ epochs: mode === 'smoke' ? 1 : 4, minCount: 2 });
  report.figures.push(
    {
      name: 'banking77 test accuracy (local classifier)',
      value: b77.accuracy,
      unit: 'ratio',
      // Issue 15: routing accuracy stays >= 0.88 while out-of-scope detection is added.
      goal: mode === 'smoke' ? '> 0.75' : '>= 0.88',
      note: `${b77.train} train / ${b77.test} test, 77 intents`,
    },
    { name: 'banking77 training time', value: b77.trainMs, unit: 'ms' },
  );
  const answers = await answerQuality(mode);
  report.figures.push(...answers.figures);
  report.tables = [
    '#### Answers: each question through the whole pipeline (offline provider), plain BM25 top-1 in the same run\n\n' +
      answers.table,
  ];
  printReport(report, resultsFile(fileURLToPath(new URL('./results/', import.meta.url)), 'agents', mode));
}

function crossValidate(folds: number): number {
  let ok = 0;
  for (let f = 0; f < folds; f++) {
    const train = intentExamples.filter((_, i) => i % folds !== f);
    const clf = trainIntentClassifier(train, { epochs: 25, learningRate: 1 });
    for (const e of intentExamples.filter((_, i) => i % folds === f))
      if (clf.predict(e.text).label === e.label) ok++;
  }
  return ok / intentExamples.length;
}
