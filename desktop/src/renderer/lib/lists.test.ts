import { describe, expect, it } from 'vitest';
import { sampleDocs } from '../test/sample-docs';
import type { ConversationDoc, LeadDoc } from '@app/shared/schemas';
import { filterConversations, isWaiting, triageCounts } from './inbox-filter';
import { sortLeads } from './lead-sort';

const conv = (over: Partial<ConversationDoc>): ConversationDoc =>
  ({ ...sampleDocs.conversations, ...over }) as ConversationDoc;
const lead = (over: Partial<LeadDoc>): LeadDoc => ({ ...sampleDocs.leads, ...over }) as LeadDoc;

describe('inbox filter', () => {
  const list = [
    conv({ id: 'a', channel: 'telegram', mode: 'ai', lastMessageAt: '2026-03-01T10:00:00Z' }),
    conv({
      id: 'b',
      channel: 'webchat',
      mode: 'human',
      assigneeId: 'me',
      lastMessageAt: '2026-03-01T12:00:00Z',
    }),
    conv({
      id: 'c',
      channel: 'telegram',
      mode: 'human',
      assigneeId: 'other',
      lastMessageAt: '2026-03-01T11:00:00Z',
      waitingSince: '2026-03-01T11:00:00Z',
    }),
    conv({ id: 'd', status: 'closed' }),
  ];
  const ids = (f: Partial<{ channel: string; mode: string; assignee: string }>) =>
    filterConversations(list, { channel: '', mode: '', assignee: '', ...f }, 'me').map((c) => c.id);

  it('hides closed conversations and sorts newest first', () => expect(ids({})).toEqual(['b', 'c', 'a']));
  it('filters by channel, mode and assignee', () => {
    expect(ids({ channel: 'telegram' })).toEqual(['c', 'a']);
    expect(ids({ mode: 'human' })).toEqual(['b', 'c']);
    expect(ids({ assignee: 'me' })).toEqual(['b']);
    expect(ids({ assignee: 'none' })).toEqual(['a']);
  });
  it('counts each triage tab under the channel and mode filters, closed ones left out', () => {
    expect(triageCounts(list, { channel: '', mode: '' }, 'me')).toEqual({ mine: 1, unassigned: 1, all: 3 });
    expect(triageCounts(list, { channel: 'telegram', mode: '' }, 'me')).toEqual({
      mine: 0,
      unassigned: 1,
      all: 2,
    });
    expect(triageCounts(list, { channel: '', mode: 'human' }, 'me')).toEqual({
      mine: 1,
      unassigned: 0,
      all: 2,
    });
  });
  it('lists the customers waiting for a rep: handed over and not answered yet', () => {
    expect(ids({ mode: 'waiting' })).toEqual(['c']);
    // An AI conversation with a stale mark is not waiting (the AI answers again after the wait).
    expect(isWaiting({ mode: 'ai', waitingSince: '2026-03-01T11:00:00Z' })).toBe(false);
    expect(isWaiting({ mode: 'human' })).toBe(false);
  });
  it('puts an urgent waiting customer, then a high-priority unread one, first (issue 62)', () => {
    const ranked = [
      ...list,
      conv({
        id: 'u',
        mode: 'human',
        priority: 'urgent',
        waitingSince: '2026-03-01T09:00:00Z',
        lastMessageAt: '2026-03-01T09:00:00Z',
      }),
      conv({ id: 'h', priority: 'high', unreadCount: 2, lastMessageAt: '2026-03-01T08:00:00Z' }),
      // Urgent once, but nobody waits and nothing is unread: newest first as usual.
      conv({ id: 'o', priority: 'urgent', unreadCount: 0, lastMessageAt: '2026-03-01T07:00:00Z' }),
    ];
    const order = filterConversations(ranked, { channel: '', mode: '', assignee: '' }, 'me').map((c) => c.id);
    expect(order).toEqual(['u', 'h', 'b', 'c', 'a', 'o']);
  });
});

describe('lead sort', () => {
  const leads = [
    lead({ id: '1', title: 'B', stage: 'won', score: { value: 10, reasons: [] } }),
    lead({ id: '2', title: 'A', stage: 'new', score: undefined }),
    lead({ id: '3', title: 'C', stage: 'proposal', score: { value: 90, reasons: [] } }),
  ];
  it('sorts by stage in pipeline order, by score with missing scores last, both directions', () => {
    expect(sortLeads(leads, 'stage', 1).map((l) => l.id)).toEqual(['2', '3', '1']);
    expect(sortLeads(leads, 'score', -1).map((l) => l.id)).toEqual(['3', '1', '2']);
    expect(sortLeads(leads, 'title', 1).map((l) => l.id)).toEqual(['2', '1', '3']);
  });
});
