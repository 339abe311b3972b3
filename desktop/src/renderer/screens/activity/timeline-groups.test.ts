// The Activity timeline's grouping (timeline-groups.ts): days, a card per conversation (newest first),
// each run's quote above its steps in the order they happened, steps of no conversation without a head,
// live arrivals marked; and the channel filter beside it (lib/activity-labels.ts filterEntries).
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n';
import { filterEntries, type ActivityEntry } from '../../lib/activity-labels';
import { groupedRows, type GroupedRow } from './timeline-groups';

const entry = (id: string, at: string, over: Partial<ActivityEntry> = {}): ActivityEntry => ({
  id,
  at,
  kind: 'step',
  role: 'answer',
  sentence: id,
  routine: false,
  links: [],
  details: [],
  haystack: id,
  ...over,
});
const anna = (id: string, at: string, runId: string) =>
  entry(id, at, {
    conversationId: 'conv-anna',
    runId,
    messageId: `msg-${runId}`,
    channel: 'telegram',
    who: 'Anna',
    links: [
      { kind: 'conversation', href: '#/inbox/conv-anna', label: 'Conversation' },
      { kind: 'contact', href: '#/contacts/contact%3Aanna', label: 'Anna' },
      { kind: 'deal', href: '#/deals/lead-7', label: 'Deal' },
    ],
  });
const boris = (id: string, at: string) =>
  entry(id, at, {
    conversationId: 'conv-boris',
    runId: 'b1',
    messageId: 'msg-b1',
    channel: 'webchat',
    who: 'Boris',
  });

const now = Date.parse('2026-11-23T18:00:00.000Z');
const rows = (list: ActivityEntry[], fresh?: Set<string>) =>
  groupedRows(list, { t: translator('en'), locale: 'en', timeZone: 'UTC', now, ...(fresh ? { fresh } : {}) });
/** A row in a few words: `day Today`, `group conv-anna`, `quote msg-a1`, `entry a1`. */
const said = (r: GroupedRow) =>
  r.type === 'day'
    ? `day ${r.label}`
    : r.type === 'group'
      ? `group ${r.head.conversationId}`
      : r.type === 'quote'
        ? `quote ${r.messageId}`
        : `entry ${r.entry.id}${r.last ? ' last' : ''}${r.showTime ? ' time' : ''}`;

describe('the activity timeline grouped by day and conversation', () => {
  const list = [
    anna('a1-intake', '2026-11-23T10:00:00.000Z', 'a1'),
    anna('a1-answer', '2026-11-23T10:00:02.000Z', 'a1'),
    boris('b1-answer', '2026-11-23T11:00:00.000Z'),
    anna('a2-handoff', '2026-11-23T12:00:00.000Z', 'a2'),
    anna('y-answer', '2026-11-22T09:00:00.000Z', 'y1'),
    entry('nurture', '2026-11-22T08:00:00.000Z', { role: 'nurturing' }),
  ];

  it('puts the conversation with the newest step first, each run quoted above its steps in order', () => {
    expect(rows(list).map(said)).toEqual([
      'day Today',
      'group conv-anna',
      'quote msg-a2',
      'entry a2-handoff',
      'quote msg-a1',
      'entry a1-intake',
      'entry a1-answer last',
      'group conv-boris',
      'quote msg-b1',
      'entry b1-answer last',
      'day Yesterday',
      'group conv-anna',
      'quote msg-y1',
      'entry y-answer last',
      'entry nurture last time',
    ]);
  });

  it('gives a card its customer, channel, contact and deal from its steps', () => {
    const head = rows(list).find((r) => r.type === 'group')!;
    expect(head.type === 'group' && head.head).toEqual({
      key: '2026-11-23|conv-anna',
      conversationId: 'conv-anna',
      contactId: 'contact:anna',
      leadId: 'lead-7',
      channel: 'telegram',
      who: 'Anna',
      fresh: false,
    });
  });

  it('marks the steps that arrived live, and their card', () => {
    const out = rows(list, new Set(['b1-answer']));
    const fresh = out.flatMap((r) =>
      (r.type === 'entry' && r.fresh) || (r.type === 'group' && r.head.fresh) ? [said(r)] : [],
    );
    expect(fresh).toEqual(['group conv-boris', 'entry b1-answer last']);
  });

  it('orders a run’s steps logged at the same moment as the run logged them, a later minute timed', () => {
    const run = [
      anna('run:m:003', '2026-11-23T10:00:00.000Z', 'm'),
      anna('run:m:001', '2026-11-23T10:00:00.000Z', 'm'),
      anna('run:m:002', '2026-11-23T10:00:00.000Z', 'm'),
      anna('run:m:004', '2026-11-23T10:01:30.000Z', 'm'),
    ];
    expect(rows(run).map(said).slice(3)).toEqual([
      'entry run:m:001',
      'entry run:m:002',
      'entry run:m:003',
      'entry run:m:004 last time',
    ]);
  });

  it('filters by channel', () => {
    const f = { kind: 'all', role: 'all', text: '', everyStep: true } as const;
    expect(filterEntries(list, { ...f, channel: 'webchat' }).map((e) => e.id)).toEqual(['b1-answer']);
    expect(filterEntries(list, { ...f, channel: 'all' })).toHaveLength(list.length);
    expect(filterEntries(list, f)).toHaveLength(list.length);
  });
});
