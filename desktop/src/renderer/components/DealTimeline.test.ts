import { describe, expect, it } from 'vitest';
import { proposalEvents } from '@app/shared/crm';
import { sampleDocs } from '@app/shared/fixtures';
import type { ActivityDoc, MessageDoc, StageChangeDoc } from '@app/shared/schemas';
import { translator } from '../i18n/i18n';
import { timelineItems } from './DealTimeline';

const at = (m: number) => new Date(Date.UTC(2026, 2, 1, 9, m)).toISOString();
const change = (id: string, m: number, from: string | undefined, to: string, by: StageChangeDoc['by']) =>
  ({
    ...sampleDocs.stage_changes,
    id,
    at: at(m),
    to,
    by,
    ...(from ? { from } : { from: undefined }),
  }) as StageChangeDoc;
const message = (id: string, m: number, patch: Partial<MessageDoc>) =>
  ({ ...sampleDocs.messages, id, createdAt: at(m), ...patch }) as MessageDoc;
const names: Record<string, Record<string, string>> = {
  en: { new: 'New', qualified: 'Qualified', won: 'Won' },
  ru: { new: 'Новая', qualified: 'Квалифицирована', won: 'Выиграна' },
};

function items(locale: 'en' | 'ru') {
  return timelineItems({
    t: translator(locale),
    stageName: (_p, id) => names[locale]![id] ?? id,
    changes: [
      change('c1', 0, undefined, 'new', { kind: 'rep', id: 'u1', name: 'ann@example.com' }),
      change('c2', 5, 'new', 'qualified', { kind: 'agent' }),
      change('c3', 30, 'qualified', 'won', { kind: 'rep', id: 'u1', name: 'ann@example.com' }),
    ],
    messages: [
      message('m1', 1, {
        direction: 'inbound',
        author: { kind: 'customer' },
        text: 'How much\nis it? '.repeat(40),
      }),
      message('m2', 31, { direction: 'outbound', author: { kind: 'system', name: 'stage-notification' } }),
    ],
    tasks: [{ ...sampleDocs.tasks, id: 't1', createdAt: at(10), status: 'done', title: 'Send the offer' }],
    events: [{ ...sampleDocs.events, id: 'e1', startAt: at(20), title: 'Demo call' }],
    activity: [
      {
        ...sampleDocs.activity,
        id: 'a1',
        startedAt: at(6),
        kind: 'tool-call',
        role: 'answer',
        name: 'create_task',
      },
      { ...sampleDocs.activity, id: 'a2', startedAt: at(7), kind: 'step', role: 'answer', name: 'route' },
    ] as ActivityDoc[],
  });
}

describe('the deal timeline', () => {
  it('lists moves, messages, tasks, meetings and agent actions newest first, in English', () => {
    const list = items('en');
    expect(list.map((i) => i.id)).toEqual(['m2', 'c3', 'e1', 't1', 'a1', 'c2', 'm1', 'c1']);
    const byId = Object.fromEntries(list.map((i) => [i.id, i]));
    expect(byId.c3).toMatchObject({ text: 'Moved from Qualified to Won', detail: 'by ann@example.com' });
    expect(byId.c2).toMatchObject({ detail: 'by an AI agent' });
    expect(byId.c1!.text).toBe('Created in New');
    expect(byId.m2!.text).toBe('Customer notified of the stage');
    expect(byId.t1!.text).toBe('Task done: Send the offer');
    expect(byId.e1!.text).toBe('Meeting: Demo call');
    expect(byId.a1!.text).toBe('Agent Answer: Create a task');
    // A long message is one short line.
    expect(byId.m1!.detail!.length).toBeLessThanOrEqual(140);
    expect(byId.m1!.detail).not.toContain('\n');
  });

  it("lists each step of the deal's commercial proposals, in the UI's language", () => {
    const proposals = proposalEvents([
      {
        id: 'p1',
        number: 'P-20260301-1A2B',
        status: 'accepted',
        language: 'ru',
        currency: 'RUB',
        total: 11_880,
        fileDocId: 'file-1',
        createdAt: at(40),
        createdBy: 'u1',
        sentAt: at(41),
        sentBy: 'agent',
        acceptedAt: at(50),
        acceptedBy: 'u1',
      },
    ]);
    const timeline = (locale: 'en' | 'ru') =>
      timelineItems({
        t: translator(locale),
        stageName: (_p, id) => id,
        changes: [],
        messages: [],
        tasks: [],
        events: [],
        activity: [],
        proposals,
        locale,
      });
    expect(timeline('en').map((i) => [i.kind, i.text, i.detail])).toEqual([
      ['proposal', 'Proposal P-20260301-1A2B accepted', undefined],
      ['proposal', 'Proposal P-20260301-1A2B sent', 'by an AI agent'],
      ['proposal', 'Proposal P-20260301-1A2B drafted', undefined],
    ]);
    expect(timeline('ru')[1]).toMatchObject({ text: 'КП P-20260301-1A2B отправлено', detail: '— ИИ-агент' });
  });

  it('speaks Russian in the Russian UI', () => {
    const byId = Object.fromEntries(items('ru').map((i) => [i.id, i]));
    expect(byId.c3!.text).toBe('Перемещена с этапа «Квалифицирована» на «Выиграна»');
    expect(byId.c2!.detail).toBe('— ИИ-агент');
    expect(byId.m1!.text).toBe('Клиент написал');
  });

  it('names who moved a deal as the rep reads it: "you" for their own moves, a member by name, never an id', () => {
    const moves = (locale: 'en' | 'ru') =>
      timelineItems({
        t: translator(locale),
        stageName: (_p, id) => id,
        me: 'u1',
        memberName: (id) => (id === 'u2' ? 'Boris Petrov' : undefined),
        changes: [
          change('c1', 0, undefined, 'new', {
            kind: 'rep',
            id: 'u1',
            name: 'owner-1796624279168-x@example.com',
          }),
          change('c2', 1, 'new', 'won', { kind: 'rep', id: 'u2', name: 'boris@example.com' }),
          change('c3', 2, 'won', 'new', { kind: 'rep', id: 'u3', name: 'olga@example.com' }),
          change('c4', 3, 'new', 'won', { kind: 'rep', id: 'u4' }),
        ],
        messages: [],
        tasks: [],
        events: [],
        activity: [],
      }).map((i) => [i.id, i.detail]);
    expect(moves('en')).toEqual([
      ['c4', 'by a rep'],
      ['c3', 'by olga@example.com'],
      ['c2', 'by Boris Petrov'],
      ['c1', 'by you'],
    ]);
    expect(Object.fromEntries(moves('ru'))).toMatchObject({
      c1: '— вы',
      c2: '— Boris Petrov',
      c4: '— менеджер',
    });
  });
});
