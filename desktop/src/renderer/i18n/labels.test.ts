import { describe, expect, it } from 'vitest';
import { roles } from '@app/shared/access';
import {
  activitySchema,
  actorSchema,
  agentRoles,
  channelNames,
  defaultStages,
  sourceKinds,
  type ContactDoc,
} from '@app/shared/schemas';
import { sampleDocs } from '@app/shared/fixtures';
import { en } from './en';
import { ru } from './ru';
import { translator } from './i18n';
import { formatter } from '../lib/format';
import {
  callHumanTool,
  createTaskTool,
  salesIntents,
  saveClientInfoTool,
  scheduleEventTool,
  scoreLead,
  searchKnowledgeTool,
  updateLeadTool,
} from '@app/shared/agents';
import { stepSummary } from '../lib/activity-text';
import { engineName } from '../search/local-search';
import { oramaEngineName } from '../search/orama-engine';
import {
  activityWords,
  agentRoleLabel,
  channelLabel,
  factorLabel,
  handoffReasonLabel,
  labelOf,
  scoreNoteLabel,
  toolLabel,
} from './labels';

describe('labels of the domain enums', () => {
  it('has a name in the dictionaries for every value of the shared schemas', () => {
    const keys = [
      ...channelNames.map((c) => `channel.${c}`),
      ...actorSchema.properties.kind.enum.map((k) => `author.${k}`),
      ...agentRoles.map((r) => `role.${r}`),
      ...roles.map((r) => `member.role.${r}`),
      ...activitySchema.properties.kind.enum.map((k) => `activity.kind.${k}`),
      ...activitySchema.properties.status.enum.map((s) => `activity.status.${s}`),
      ...sourceKinds.map((k) => `knowledge.kind.${k}`),
      ...defaultStages.map((s) => `stage.${s.id}`),
      ...[engineName, oramaEngineName].map((id) => `knowledge.engineName.${id}`),
      ...[
        saveClientInfoTool,
        updateLeadTool,
        createTaskTool(),
        scheduleEventTool(),
        searchKnowledgeTool,
        callHumanTool,
      ].map((tool) => `tool.${tool.name}`),
    ];
    expect(keys.filter((k) => !Object.hasOwn(en, k) || !Object.hasOwn(ru, k))).toEqual([]);
    // Russian names, not English copies (a key copied over to make the compiler happy); a brand and
    // file formats are written the same in both languages.
    const sameInBoth = new Set([
      'channel.telegram',
      'knowledge.kind.markdown',
      'knowledge.kind.html',
      'knowledge.kind.pdf',
      'knowledge.kind.docx',
    ]);
    expect(
      keys.filter((k) => !sameInBoth.has(k) && en[k as keyof typeof en] === ru[k as keyof typeof ru]),
    ).toEqual([]);
  });

  it("names every factor and note the scoring rules write, in Russian, with the note's values", () => {
    // Contacts and conversations that between them set off every rule of shared/agents/roles/scoring.ts.
    const fact = (key: string, value: string) => ({
      id: `fact-${key}`,
      key,
      value,
      sourceMessageId: 'message-1',
      conversationId: 'conversation-1',
      observedAt: '2026-03-01T10:00:00.000Z',
      confidence: 0.9,
      status: 'active' as const,
    });
    const contact = (facts: ReturnType<typeof fact>[], optOut = false): ContactDoc => ({
      ...sampleDocs.contacts,
      optOut,
      twin: { ...sampleDocs.contacts.twin, facts },
    });
    const now = new Date('2026-03-01T12:00:00.000Z');
    const message = { ...sampleDocs.messages, direction: 'inbound' as const };
    const reasons = [
      scoreLead(
        contact([
          fact('budget', '1 млн'),
          fact('position', 'CEO'),
          fact('meeting_at', '2026-03-05T10:00:00.000Z'),
          fact('phone', '+7999'),
        ]),
        [message, message],
        ['order', 'complaint'],
        now,
      ),
      scoreLead(
        contact([fact('position', 'менеджер'), fact('timeline', 'this month'), fact('need', 'CRM')], true),
        [],
        ['price'],
        now,
      ),
      scoreLead(contact([fact('timeline', 'no rush')]), [], ['price', 'delivery'], now),
      scoreLead(contact([]), [message], ['delivery'], now),
    ].flatMap((score) => score.reasons);
    const t = translator('ru');
    const fmt = formatter('ru', 'UTC');
    const factors = new Set(reasons.map((r) => r.factor));
    expect([...factors].sort()).toEqual([
      'authority',
      'budget',
      'engagement',
      'need',
      'opt_out',
      'risk',
      'timing',
    ]);
    expect([...factors].filter((f) => factorLabel(t, f) === t('score.factor.other'))).toEqual([]);
    const untranslated = reasons
      .filter((r) => scoreNoteLabel(t, r.note ?? '', fmt) === r.note)
      .map((r) => r.note);
    expect(untranslated).toEqual([]);
    expect(reasons.length).toBeGreaterThanOrEqual(12);
  });

  it('names values in Russian, and shows an unknown value as it is', () => {
    const t = translator('ru');
    expect(channelLabel(t, 'webchat')).toBe('Веб-чат');
    expect(agentRoleLabel(t, 'scoring')).toBe('Оценка лида');
    expect(toolLabel(t, 'call_human')).toBe('Позвать менеджера');
    expect(toolLabel(t, 'check_stock')).toBe('check_stock');
    expect(factorLabel(t, 'budget')).toBe('Бюджет');
    expect(factorLabel(t, 'made_up')).toBe('Другое');
    expect(labelOf(t, 'activity.status', 'ok')).toBe('готово');
    expect(labelOf(t, 'channel', 'toString')).toBe('toString');
  });

  it("writes the supervisor's hand-off reasons in Russian and leaves an agent's own words", () => {
    const t = translator('ru');
    expect(handoffReasonLabel(t, 'customer asked for a human')).toBe('клиент попросил человека');
    expect(handoffReasonLabel(t, 'low routing confidence (0.21 < 0.35)').replace(/\u00a0/g, ' ')).toBe(
      'ИИ не уверен, чего хочет клиент (уверенность 21 %, нужно 35 %)',
    );
    expect(handoffReasonLabel(t, 'out of scope: no knowledge covers the question')).toBe(
      'в базе знаний нет ответа на вопрос',
    );
    expect(handoffReasonLabel(t, 'Клиент хочет скидку')).toBe('Клиент хочет скидку');
  });

  it("writes the scoring rules' notes in Russian, with their values", () => {
    const t = translator('ru');
    const fmt = formatter('ru', 'UTC');
    expect(scoreNoteLabel(t, 'Budget stated: 100 000 ₽', fmt)).toBe('Назван бюджет: 100 000 ₽');
    expect(scoreNoteLabel(t, 'Clear need (price, delivery)', fmt)).toBe('Явная потребность (цена, доставка)');
    expect(scoreNoteLabel(t, 'Clear need (stated)', fmt)).toBe('Явная потребность (названа)');
    expect(scoreNoteLabel(t, 'Asked about price', fmt)).toBe('Спрашивал: цена');
    expect(scoreNoteLabel(t, '3 messages, 1 contact details shared', fmt)).toBe(
      'Сообщений: 3, контактов оставлено: 1',
    );
    expect(scoreNoteLabel(t, 'Decision maker: директор', fmt)).toBe('Принимает решение: директор');
    // An older twin's position glued to its rank reads once (issue 64), a rank alone in Russian.
    expect(scoreNoteLabel(t, 'Decision maker: owner/CEO: CEO', fmt)).toBe('Принимает решение: CEO');
    expect(scoreNoteLabel(t, 'Role: manager', fmt)).toBe('Должность: менеджер');
    expect(scoreNoteLabel(t, 'Своя заметка', fmt)).toBe('Своя заметка');
    // The rules write a meeting's time in ISO: shown as a date and time, the customer's zone named.
    const meeting = 'Meeting planned 2026-11-20T11:00:00.000Z';
    expect(scoreNoteLabel(t, meeting, fmt).replace(/\u00a0/g, ' ')).toBe(
      'Встреча запланирована: 20.11.2026, 11:00',
    );
    expect(scoreNoteLabel(t, meeting, fmt, 'Europe/Moscow').replace(/\u00a0/g, ' ')).toBe(
      'Встреча запланирована: 20.11.2026, 11:00 (14:00 Москва)',
    );
    expect(scoreNoteLabel(translator('en'), meeting, formatter('en', 'UTC'))).not.toMatch(
      /\d{4}-\d{2}-\d{2}T/,
    );
    expect(salesIntents.filter((i) => !Object.hasOwn(en, `intent.${i}`))).toEqual([]);
  });

  it("writes an agent step's result in Russian: known keys, yes/no and intents", () => {
    const words = activityWords(translator('ru'), formatter('ru', 'UTC'));
    const output = JSON.stringify({
      intent: 'price',
      confidence: 0.81,
      optOut: false,
      source: 'classifier',
      sku: 'AB-1',
    });
    expect(stepSummary({ output }, words)).toBe(
      'намерение: цена · уверенность: 81\u00a0% · отписка: нет · источник: классификатор · +1',
    );
    const score = JSON.stringify({ reasons: [{ factor: 'need', points: 20, note: 'Clear need (price)' }] });
    expect(stepSummary({ output: score }, words)).toBe(
      'причины: фактор: Потребность, баллы: 20, заметка: Явная потребность (цена)',
    );
  });
});
