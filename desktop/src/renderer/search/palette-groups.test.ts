// The palette's groups: contacts and deals before knowledge however the engine ranked them, each group
// short; the conversations of the contacts found, then those whose last message holds the query.
import { describe, expect, it } from 'vitest';
import type { ConversationRow } from '../data/list-indexes';
import type { SearchHit } from './local-search';
import { conversationsFound, groupResults } from './palette-groups';

const hit = (type: SearchHit['type'], id: string, score: number): SearchHit => ({
  id,
  type,
  title: id,
  snippet: '',
  score,
  why: [],
});
const row = (id: string, contactId: string, at: string, over: Partial<ConversationRow> = {}) =>
  ({
    id,
    contactId,
    channel: 'telegram',
    externalChatId: id,
    mode: 'ai',
    status: 'open',
    lastMessageAt: at,
    updatedAt: at,
    createdAt: at,
    ...over,
  }) as ConversationRow;

describe('palette groups', () => {
  it('puts contacts and deals first and keeps each group short', () => {
    const hits = [
      ...Array.from({ length: 8 }, (_, i) => hit('knowledge', `k${i}`, 10 - i)),
      hit('lead', 'deal', 1),
      ...Array.from({ length: 7 }, (_, i) => hit('contact', `c${i}`, 0.5)),
    ];
    const groups = groupResults(hits, []);
    expect(groups.map((g) => [g.kind, g.items.length])).toEqual([
      ['contact', 5],
      ['lead', 1],
      ['knowledge', 4],
    ]);
  });

  it('finds the conversations of the contacts found, then by their last message, closed ones left out', () => {
    const rows = [
      row('old', 'anna', '2026-11-01T10:00:00Z'),
      row('new', 'anna', '2026-11-02T10:00:00Z'),
      row('closed', 'anna', '2026-11-03T10:00:00Z', { status: 'closed' }),
      row('text', 'bob', '2026-11-04T10:00:00Z', { lastMessagePreview: 'Про Ромашку: когда доставка?' }),
      row('other', 'carl', '2026-11-05T10:00:00Z', { lastMessagePreview: 'Hello' }),
    ];
    expect(conversationsFound(rows, ['anna'], ['ромашк']).map((r) => r.id)).toEqual(['new', 'old', 'text']);
    expect(conversationsFound(rows, [], ['nothing']).map((r) => r.id)).toEqual([]);
  });
});
