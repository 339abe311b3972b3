import { describe, expect, it } from 'vitest';
import { writeWaves } from './write-waves';

const out = (id: string, conversationId: string, createdAt: string, status = 'pending') => ({
  _id: id,
  conversationId,
  direction: 'outbound',
  createdAt,
  delivery: { status },
});

describe('writeWaves', () => {
  it('writes a usual batch at once', () => {
    const docs = [
      out('a1', 'A', '1'),
      out('b1', 'B', '1'),
      { _id: 'x', conversationId: 'A', direction: 'inbound' },
    ];
    expect(writeWaves('messages', docs)).toEqual([[0, 1, 2]]);
    expect(writeWaves('leads', [out('a1', 'A', '1'), out('a2', 'A', '2')])).toEqual([[0, 1]]);
  });

  it("writes a chat's pending replies one after another, oldest first, other docs in the first write", () => {
    const docs = [
      out('a3', 'A', '2026-01-01T00:00:03Z'),
      out('b1', 'B', '2026-01-01T00:00:01Z'),
      out('a1', 'A', '2026-01-01T00:00:01Z'),
      { _id: 'in', conversationId: 'A', direction: 'inbound', createdAt: '0' },
      out('a2', 'A', '2026-01-01T00:00:02Z'),
      out('b2', 'B', '2026-01-01T00:00:02Z'),
      out('sent', 'A', '2026-01-01T00:00:00Z', 'sent'),
    ];
    expect(writeWaves('messages', docs)).toEqual([[1, 2, 3, 6], [4, 5], [0]]);
  });

  it('orders replies written in the same millisecond by id, and leaves odd docs in the first write', () => {
    const docs = [
      out('m2', 'A', 't'),
      out('m1', 'A', 't'),
      null,
      'text',
      { _deleted: true, ...out('d', 'A', 's') },
    ];
    expect(writeWaves('messages', docs)).toEqual([[1, 2, 3, 4], [0]]);
  });
});
