import { describe, expect, it } from 'vitest';
import { roles } from '@app/shared/access';
import { activitySchema, actorSchema, agentRoles, channelNames, sourceKinds } from '@app/shared/schemas';
import { en } from './en';
import { translator } from './i18n';
import { salesIntents } from '@app/shared/agents';
import { stepSummary } from '../lib/activity-text';
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
    ];
    expect(keys.filter((k) => !Object.hasOwn(en, k))).toEqual([]);
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
    expect(handoffReasonLabel(t, 'low routing confidence (0.21 < 0.35)')).toBe(
      'ИИ не уверен, чего хочет клиент (0.21 < 0.35)',
    );
    expect(handoffReasonLabel(t, 'out of scope: no knowledge covers the question')).toBe(
      'в базе знаний нет ответа на вопрос',
    );
    expect(handoffReasonLabel(t, 'Клиент хочет скидку')).toBe('Клиент хочет скидку');
  });

  it("writes the scoring rules' notes in Russian, with their values", () => {
    const t = translator('ru');
    expect(scoreNoteLabel(t, 'Budget stated: 100 000 ₽')).toBe('Назван бюджет: 100 000 ₽');
    expect(scoreNoteLabel(t, 'Clear need (price, delivery)')).toBe('Явная потребность (цена, доставка)');
    expect(scoreNoteLabel(t, 'Clear need (stated)')).toBe('Явная потребность (названа)');
    expect(scoreNoteLabel(t, 'Asked about price')).toBe('Спрашивал: цена');
    expect(scoreNoteLabel(t, '3 messages, 1 contact details shared')).toBe(
      'Сообщений: 3, контактов оставлено: 1',
    );
    expect(scoreNoteLabel(t, 'Decision maker: директор')).toBe('Принимает решение: директор');
    expect(scoreNoteLabel(t, 'Своя заметка')).toBe('Своя заметка');
    expect(salesIntents.filter((i) => !Object.hasOwn(en, `intent.${i}`))).toEqual([]);
  });

  it("writes an agent step's result in Russian: known keys, yes/no and intents", () => {
    const words = activityWords(translator('ru'));
    const output = JSON.stringify({
      intent: 'price',
      confidence: 0.81,
      optOut: false,
      source: 'classifier',
      sku: 'AB-1',
    });
    expect(stepSummary({ output }, words)).toBe(
      'намерение: цена · уверенность: 0.81 · отписка: нет · источник: классификатор · +1',
    );
    const score = JSON.stringify({ reasons: [{ factor: 'need', points: 20, note: 'Clear need (price)' }] });
    expect(stepSummary({ output: score }, words)).toBe(
      'причины: фактор: Потребность, баллы: 20, заметка: Явная потребность (цена)',
    );
  });
});
