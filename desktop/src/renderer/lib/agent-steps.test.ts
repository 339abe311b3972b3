// The AI's steps in people's words: a real offline agent run (shared engine, offline provider) is read
// into steps and a summary, and each step and summary reads in English and Russian with no JSON, no
// raw tool or step id; hand-offs are one line; a tool the dictionaries do not know is a "team tool".
import { describe, expect, it } from 'vitest';
import { createAgentEngine, createKeywordRetriever, salesClassifier } from '@app/shared/agents';
import { createMemoryStore } from '@app/shared/testing';
import { createLlmClient, createOfflineProvider } from '@app/shared/llm';
import type { ActivityDoc, MessageDoc } from '@app/shared/schemas';
import { translator } from '../i18n/i18n';
import { addedFacts, agentSteps, runSummary, stepText, summaryText, type AgentStep } from './agent-steps';

const knowledge = [
  {
    chunkId: 'prices:0',
    sourceId: 'prices',
    title: 'Тарифы и цены',
    text: 'Тариф «Бизнес» стоит 1990 рублей за пользователя в месяц и включает API и интеграции.',
  },
  {
    chunkId: 'delivery:0',
    sourceId: 'delivery',
    title: 'Доставка',
    text: 'Доставка по Москве занимает один день, по России от трёх до семи дней.',
  },
];

function inbound(text: string): MessageDoc {
  return {
    id: 'msg:telegram:100:1',
    conversationId: 'conv:telegram:bot1:100',
    contactId: 'contact:telegram:100',
    channel: 'telegram',
    direction: 'inbound',
    author: { kind: 'customer', id: '100' },
    text,
    attachments: [],
    delivery: { status: 'received' },
    idempotencyKey: 'telegram:100:1',
    createdAt: '2026-03-02T10:00:00.000Z',
  };
}

async function run(text: string) {
  const llm = createLlmClient({
    providers: [],
    offline: createOfflineProvider({ classifier: salesClassifier() }),
  });
  const engine = createAgentEngine({
    store: createMemoryStore('team-1'),
    llm,
    retriever: createKeywordRetriever(knowledge),
    clock: { now: () => new Date('2026-03-02T10:00:00.000Z') },
  });
  return engine.handleInbound(inbound(text));
}

const en = translator('en');
const ru = translator('ru');
const readable = (s: string) => {
  expect(s).not.toMatch(/[{}[\]"]/);
  expect(s).not.toMatch(/\b(save_client_info|call_human|update-twin|reply-gate|human_request)\b/);
};

describe('agent steps', () => {
  it('reads an answer from the knowledge base: intent with confidence, the article, facts, tool', async () => {
    const r = await run('Сколько стоит тариф Бизнес? Меня зовут Анна, почта anna@romashka.ru');
    const steps = agentSteps(r.activity);
    const reply = r.replies[0]!;
    expect(steps.map((s) => s.kind)).toEqual(expect.arrayContaining(['route', 'knowledge', 'facts', 'tool']));
    const summary = runSummary(steps, reply);
    expect(summary).toMatchObject({ outcome: 'answered', sources: reply.citations!.length });
    expect(summary.confidence).toBeGreaterThan(0);
    expect(summaryText(en, summary)).toMatch(/^answered from 1 knowledge article · \d{1,3}% confident$/);
    expect(summaryText(ru, summary)).toMatch(
      /^ответил по 1 статье базы знаний · уверенность \d{1,3}\u00a0%$/,
    );
    const enLines = steps.map((s) => stepText(en, s));
    const ruLines = steps.map((s) => stepText(ru, s));
    for (const line of [...enLines, ...ruLines]) readable(line);
    expect(enLines).toContainEqual(
      expect.stringMatching(
        /^Understood the message as: price \(\d{1,3}% confident, by the built-in classifier\)$/,
      ),
    );
    expect(enLines).toContain('Found 1 knowledge article: Тарифы и цены');
    expect(enLines).toContain('Used a tool: Save customer details');
    expect(ruLines.find((l) => l.startsWith('Узнал о клиенте: '))).toContain('anna@romashka.ru');
    // Russian words, no English left in the Russian lines (customer data aside).
    expect(ruLines.join(' ')).not.toMatch(/\b(price|Found|Used|tool)\b/);
  });

  it('reads a hand-off once, with its reason in people’s words', async () => {
    const r = await run('Можно поговорить с человеком?');
    const steps = agentSteps(r.activity);
    expect(steps.filter((s) => s.kind === 'handoff')).toHaveLength(1);
    expect(steps.some((s) => s.kind === 'tool' && s.tool === 'call_human')).toBe(false);
    const summary = runSummary(steps);
    expect(summary.outcome).toBe('handed-off');
    expect(summaryText(en, summary)).toMatch(/^handed over to a rep · \d{1,3}% confident$/);
    expect(steps.map((s) => stepText(en, s))).toContain(
      'Handed over to a rep: the customer asked for a person',
    );
    expect(steps.map((s) => stepText(ru, s)).join('\n')).toContain('Передал менеджеру: ');
  });

  it('names every kind of step in both languages; unknown tools and gate failures are worded', () => {
    const all: AgentStep[] = [
      { kind: 'route', intent: 'delivery' },
      { kind: 'no-knowledge' },
      { kind: 'tool', tool: 'check_stock_level', ok: true },
      { kind: 'tool', tool: 'create_task', ok: false },
      { kind: 'handoff', reason: '' },
      { kind: 'score', value: 42 },
      { kind: 'gate', ok: true },
      { kind: 'gate', ok: false, failure: 'language', fallback: 'offline' },
      { kind: 'gate', ok: false, failure: 'something-new', fallback: 'handoff' },
      { kind: 'unsafe' },
      { kind: 'model-fallback' },
      { kind: 'error', step: 'retrieve' },
    ];
    for (const t of [en, ru]) for (const s of all) readable(stepText(t, s));
    expect(stepText(en, all[2]!)).toBe('Used a tool: team tool “check stock level”');
    expect(stepText(en, all[3]!)).toBe('A tool failed: Create a task');
    expect(stepText(en, all[7]!)).toBe(
      'Stopped the model’s reply (it was in the wrong language) and answered from the knowledge base instead',
    );
    expect(stepText(ru, all[8]!)).toBe('Остановил ответ модели (он не прошёл проверку) и передал менеджеру');
    expect(stepText(en, all[11]!)).toBe('This step failed: Search the knowledge base');
  });

  it('leaves out what says nothing to a rep and survives broken outputs', () => {
    const doc = (over: Partial<ActivityDoc>): ActivityDoc => ({
      id: `a-${Math.random()}`,
      runId: 'run-1',
      role: 'answer',
      kind: 'step',
      name: 'route',
      status: 'ok',
      startedAt: '2026-03-02T10:00:00.000Z',
      ...over,
    });
    const steps = agentSteps([
      doc({ kind: 'llm-call', name: 'answer', output: '{"content":"hi"}' }),
      doc({ name: 'intake', output: '{}' }),
      doc({ name: 'route', output: 'not json' }),
      doc({ name: 'retrieve', output: '[]' }),
      doc({ name: 'update-twin', output: '{"added":[]}' }),
    ]);
    expect(steps).toEqual([{ kind: 'no-knowledge' }]);
    expect(runSummary([], { text: '' }).outcome).toBe('silent');
    expect(runSummary([{ kind: 'error', step: 'route' }]).outcome).toBe('failed');
  });
});

describe('addedFacts', () => {
  it('reads each `key=value` fact at its first "=", skipping what is not a fact', () => {
    expect(addedFacts(['phone=+7 900 123-45-67', 'note=a=b', 'nokey', '=x', 7, ''])).toEqual([
      { key: 'phone', value: '+7 900 123-45-67' },
      { key: 'note', value: 'a=b' },
    ]);
    expect(addedFacts(undefined)).toEqual([]);
  });
});
