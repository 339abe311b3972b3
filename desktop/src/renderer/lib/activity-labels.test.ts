import { describe, expect, it } from 'vitest';
import type { ActivityDoc, MessageDoc } from '@app/shared/schemas';
import { translator, type Locale } from '../i18n/i18n';
import { formatter } from './format';
import { Cog, Dot, Gauge, ScanText, Sparkles } from 'lucide-react';
import {
  activityEntry,
  deliveryEntry,
  entryIcon,
  entryKinds,
  filterEntries,
  timelineRows,
  type ActivityEntry,
  type EntryContext,
} from './activity-labels';

const doc = (over: Partial<ActivityDoc>): ActivityDoc => ({
  id: `act-${Math.random().toString(36).slice(2)}`,
  runId: 'run-1',
  conversationId: 'conv-1',
  contactId: 'contact-anna',
  role: 'answer',
  kind: 'step',
  name: 'step',
  status: 'ok',
  startedAt: '2026-11-23T10:00:00.000Z',
  ...over,
});

const retrieve = doc({
  name: 'retrieve',
  output: JSON.stringify([
    { chunkId: 'c1', sourceId: 'prices' },
    { chunkId: 'c2', sourceId: 'prices' },
    { chunkId: 'c3', sourceId: 'delivery' },
  ]),
});
const oneSource = doc({
  runId: 'run-2',
  name: 'retrieve',
  output: JSON.stringify([{ chunkId: 'c1', sourceId: 'x' }]),
});
const fiveSources = doc({
  runId: 'run-5',
  name: 'retrieve',
  output: JSON.stringify([1, 2, 3, 4, 5].map((i) => ({ chunkId: `c${i}`, sourceId: `s${i}` }))),
});
const intake = doc({
  role: 'intake',
  name: 'intake',
  output: JSON.stringify({ contactId: 'contact-anna', leadId: 'lead-7', conversationId: 'conv-1' }),
});
const runs = [retrieve, intake, oneSource, fiveSources];

function ctx(locale: Locale): EntryContext {
  return {
    t: translator(locale),
    fmt: formatter(locale, 'UTC'),
    contactName: (id) => (id === 'contact-anna' ? 'Anna' : undefined),
    conversationChannel: (id) => (id === 'conv-1' ? 'telegram' : undefined),
    run: (id) => runs.filter((d) => d.runId === id),
  };
}
const say = (d: ActivityDoc, locale: Locale = 'en') => activityEntry(d, ctx(locale));
const answer = (runId: string) =>
  doc({
    runId,
    kind: 'llm-call',
    name: 'answer',
    provider: 'offline',
    model: 'rules',
    output: '{"content":"Hi"}',
  });

describe('activity sentences', () => {
  it('says who the agent answered, where, and from how many articles (plurals in both languages)', () => {
    expect(say(answer('run-1')).sentence).toBe('Agent answered Anna in Telegram from 2 knowledge articles');
    expect(say(answer('run-2')).sentence).toBe('Agent answered Anna in Telegram from 1 knowledge article');
    expect(say(answer('run-none')).sentence).toBe('Agent answered Anna in Telegram');
    expect(say(answer('run-1'), 'ru').sentence).toBe(
      'Агент ответил клиенту Anna в Telegram по 2 статьям базы знаний',
    );
    expect(say(answer('run-2'), 'ru').sentence).toBe(
      'Агент ответил клиенту Anna в Telegram по 1 статье базы знаний',
    );
    expect(say(answer('run-5'), 'ru').sentence).toBe(
      'Агент ответил клиенту Anna в Telegram по 5 статьям базы знаний',
    );
    expect(say(answer('run-1')).kind).toBe('answer');
    // A run whose model first asked for a tool answered once: the earlier call is a routine step.
    const first = doc({ id: 'act-tools-001', runId: 'run-tools', kind: 'llm-call', name: 'answer' });
    const last = doc({ id: 'act-tools-004', runId: 'run-tools', kind: 'llm-call', name: 'answer' });
    runs.push(first, last);
    expect([say(first).kind, say(first).routine]).toEqual(['step', true]);
    expect([say(last).kind, say(last).routine]).toEqual(['answer', false]);
  });

  it('names an unknown customer and channel in words', () => {
    const d = answer('run-none');
    expect(say({ ...d, contactId: 'other', conversationId: 'other' }).sentence).toBe(
      'Agent answered a customer in a channel',
    );
  });

  it('gives the hand-off its reason in the UI language', () => {
    const h = doc({
      role: 'supervisor',
      kind: 'handoff',
      name: 'call_human',
      input: JSON.stringify({ reason: 'customer asked for a human' }),
      output: JSON.stringify({ mode: 'human', taskId: 't1' }),
    });
    expect(say(h).sentence).toBe('Handed over to a rep: the customer asked for a person');
    expect(say(h, 'ru').sentence).toMatch(/^Передано менеджеру: \S/);
    expect(say(h).kind).toBe('handoff');
  });

  it('says what the twin saved, with the field named and a phone as the locale writes it', () => {
    const twin = doc({
      role: 'twin',
      name: 'update-twin',
      output: JSON.stringify({ added: ['phone=+79001234567'], superseded: [], extractedBy: 'rules' }),
    });
    expect(say(twin).sentence).toBe('Saved phone +7 900 123 45 67 to the card of Anna');
    expect(say(twin, 'ru').sentence).toBe('Сохранено в карточку клиента Anna: телефон 8 (900) 123-45-67');
    expect(say(twin).kind).toBe('fact');
    const nothing = { ...twin, output: JSON.stringify({ added: [], superseded: [] }) };
    expect(say(nothing).routine).toBe(true);
  });

  it('writes a tool call with its label and duration, its arguments and result as rows', () => {
    const call = doc({
      kind: 'tool-call',
      name: 'get_price',
      input: JSON.stringify({ product: 'Team plan', seats: 5 }),
      output: JSON.stringify({ price: 240000, currency: 'RUB' }),
      durationMs: 120,
    });
    const e = say(call);
    expect(e.sentence).toBe('Called tool “get_price” (120 ms)');
    expect(e.kind).toBe('tool');
    expect(e.details.map((s) => s.title)).toEqual(['What happened', 'Arguments', 'Result']);
    expect(e.details[1]!.rows).toEqual([
      { label: 'product', value: 'Team plan' },
      { label: 'seats', value: '5' },
    ]);
    expect(e.details[2]!.rows).toContainEqual({ label: 'price', value: '240000' });
    expect(JSON.stringify(e.details.flatMap((s) => s.rows.map((r) => r.value)))).not.toMatch(/\\"|[{}]/);
    const ru = say({ ...call, name: 'create_task' }, 'ru');
    expect(ru.sentence).toBe('Вызван инструмент «Создать задачу» (120 мс)');
    expect(ru.details[1]!.title).toBe('Аргументы');
    // Under a millisecond: no "(0 ms)", a figure that says nothing.
    expect(say({ ...call, durationMs: 0.4 }).sentence).toBe('Called tool “get_price”');
  });

  it('shows errors with their reason: a failed tool, a model that did not answer, a failed delivery', () => {
    const failed = say(
      doc({
        kind: 'tool-call',
        name: 'create_task',
        status: 'error',
        error: 'tool-arguments-invalid: title missing',
      }),
    );
    expect(failed.kind).toBe('error');
    expect(failed.sentence).toBe(
      'Tool “Create a task” failed: The tool was called with wrong values: title missing',
    );
    const llm = say(
      doc({
        kind: 'error',
        name: 'llm-fallback',
        status: 'error',
        model: 'gpt-4o',
        error: 'llm-timeout: 30 s',
      }),
    );
    expect(llm.sentence).toBe(
      'Model gpt-4o did not answer, the next one was tried: The AI model did not answer in time.',
    );
    expect(llm.details[0]!.rows).toContainEqual({ label: 'Reason', value: 'llm-timeout: 30 s' });
    // A code the dictionaries know reads as their sentence; the server's own words stay in the details.
    const down = doc({
      kind: 'error',
      name: 'llm-fallback',
      status: 'error',
      model: 'qwen',
      error: "llm-unavailable: LLM provider 'down' is unreachable",
    });
    expect(say(down, 'ru').sentence).toBe(
      'Модель qwen не ответила, попробована следующая: Модель ИИ недоступна.',
    );
    expect(say(down).details[0]!.rows).toContainEqual({
      label: 'Reason',
      value: "llm-unavailable: LLM provider 'down' is unreachable",
    });
    const m = {
      id: 'm1',
      conversationId: 'conv-1',
      contactId: 'contact-anna',
      channel: 'telegram',
      direction: 'outbound',
      author: { kind: 'agent' },
      text: 'Hello',
      attachments: [],
      delivery: { status: 'failed', attempts: 3, lastError: '403: Forbidden: bot was blocked by the user' },
      idempotencyKey: 'k',
      createdAt: '2026-11-23T09:00:00.000Z',
    } as MessageDoc;
    const d = deliveryEntry(m, ctx('ru'));
    expect(d.sentence).toBe(
      'Сообщение клиенту Anna в Telegram не доставлено: Telegram отказал: клиент заблокировал бота',
    );
    expect(d.details[0]!.rows).toContainEqual({
      label: 'Ответ канала',
      value: '403: Forbidden: bot was blocked by the user',
    });
    expect(d.kind).toBe('error');
  });

  it('says where with the channel’s own preposition, in both languages', () => {
    const m = {
      id: 'm2',
      conversationId: 'conv-web',
      contactId: 'contact-anna',
      channel: 'webchat',
      direction: 'outbound',
      author: { kind: 'agent' },
      text: 'Hello',
      attachments: [],
      delivery: { status: 'failed', attempts: 1, lastError: 'gone' },
      idempotencyKey: 'k2',
      createdAt: '2026-11-23T09:00:00.000Z',
    } as MessageDoc;
    expect(deliveryEntry(m, ctx('ru')).sentence).toMatch(/^Сообщение клиенту Anna в веб-чате не доставлено/);
    expect(deliveryEntry(m, ctx('en')).sentence).toMatch(
      /^Message to Anna in the web chat was not delivered/,
    );
    const mail = { ...m, channel: 'email' } as MessageDoc;
    expect(deliveryEntry(mail, ctx('ru')).sentence).toMatch(/^Сообщение клиенту Anna по электронной почте /);
  });

  it('names the external copy kept current both ways: a failed push, a push, a change read', () => {
    const failed = doc({
      kind: 'tool-call',
      name: 'external-google-push',
      status: 'error',
      error: 'Google Calendar answered 500: Backend Error',
    });
    expect(say(failed)).toMatchObject({
      kind: 'error',
      sentence: 'Tool “Update the Google Calendar event” failed: Google Calendar answered 500: Backend Error',
    });
    expect(say(failed, 'ru').sentence).toContain('Обновить событие в Google Календаре');
    const pushed = doc({ kind: 'tool-call', name: 'external-asana-push', durationMs: 120 });
    expect(say(pushed).sentence).toContain('Update the Asana task');
    expect(say(pushed, 'ru').sentence).toContain('Обновить задачу в Asana');
    const read = doc({ role: 'nurturing', kind: 'step', name: 'external-notion-update' });
    expect(say(read).sentence).toContain('Change read from Notion');
    expect(say(read, 'ru').sentence).toContain('Изменение из Notion');
  });

  it('links the conversation, the contact and the run’s deal', () => {
    const e = say(answer('run-1'));
    expect(e.links.map((l) => [l.kind, l.href])).toEqual([
      ['conversation', '#/inbox/conv-1'],
      ['contact', '#/contacts/contact-anna'],
      ['deal', '#/deals/lead-7'],
    ]);
  });

  it('folds routine steps away unless every step is asked for, and filters by kind, agent and text', () => {
    const entries = [
      say(answer('run-1')),
      say(intake),
      say(doc({ role: 'scoring', name: 'score', output: '{"value":62}' })),
    ];
    expect(entries[2]!.sentence).toBe('Scored the deal of Anna: 62 of 100');
    const base = { kind: 'all', role: 'all', text: '', everyStep: false } as const;
    expect(filterEntries(entries, base)).toHaveLength(2);
    expect(filterEntries(entries, { ...base, everyStep: true })).toHaveLength(3);
    expect(filterEntries(entries, { ...base, kind: 'answer' }).map((e) => e.kind)).toEqual(['answer']);
    expect(filterEntries(entries, { ...base, role: 'scoring' })).toHaveLength(1);
    expect(filterEntries(entries, { ...base, text: 'SCORED' })).toHaveLength(1);
    expect(filterEntries(entries, { ...base, text: 'nothing like it' })).toHaveLength(0);
  });
});

describe('activity icons', () => {
  it('draws a step by what it did, never as a bare dot', () => {
    const icon = (over: Partial<ActivityDoc>) => entryIcon(activityEntry(doc(over), ctx('ru')));
    expect(icon({ name: 'route', output: JSON.stringify({ intent: 'pricing' }) })).toBe(ScanText);
    expect(icon({ role: 'scoring', name: 'score', output: JSON.stringify({ value: 17 }) })).toBe(Gauge);
    expect(icon({ role: 'supervisor', name: 'classify', kind: 'llm-call', model: 'gpt' })).toBe(Sparkles);
    expect(icon({ name: 'some-new-step' })).toBe(Cog);
    for (const kind of entryKinds) expect(entryIcon({ kind })).not.toBe(Dot);
  });
});

describe('timeline days', () => {
  const at = (iso: string) => ({ at: iso, id: iso }) as ActivityEntry;
  it('groups by the day of the rep’s time zone, newest first, today and yesterday in words', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    const entries = [
      at('2026-11-23T10:00:00Z'),
      at('2026-11-22T23:30:00Z'), // 02:30 on the 23rd in Moscow, still the 22nd in UTC
      at('2026-11-20T08:00:00Z'),
      at('2025-12-31T08:00:00Z'),
    ];
    const heads = (locale: Locale, timeZone: string) =>
      timelineRows(entries, { t: translator(locale), locale, timeZone, now })
        .filter((r) => r.type === 'day')
        .map((r) => (r.type === 'day' ? r.label : ''));
    expect(heads('en', 'UTC')).toEqual([
      'Today',
      'Yesterday',
      'Friday, November 20',
      'Wednesday, December 31, 2025',
    ]);
    expect(heads('en', 'Europe/Moscow')).toEqual([
      'Today',
      'Friday, November 20',
      'Wednesday, December 31, 2025',
    ]);
    expect(heads('ru', 'UTC')).toEqual([
      'Сегодня',
      'Вчера',
      'Пятница, 20 ноября',
      'Среда, 31 декабря 2025 г.',
    ]);
  });
});
