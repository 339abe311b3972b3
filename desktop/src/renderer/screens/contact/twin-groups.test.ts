// A message's quote is shown once with all the facts it supports (issue 64: it was repeated under each).
import type { MessageDoc, TwinFact } from '@app/shared/schemas';
import { describe, expect, it } from 'vitest';
import { groupBySource } from './twin-groups';

const fact = (id: string, key: string, from?: string, extractedBy?: string): TwinFact => ({
  id,
  key,
  value: `${key} value`,
  observedAt: '2026-12-01T10:00:00.000Z',
  status: 'active',
  ...(from ? { sourceMessageId: from } : {}),
  ...(extractedBy ? { extractedBy } : {}),
});
const message = (id: string) => ({ id, text: `text of ${id}`, conversationId: 'conv-1' }) as MessageDoc;

describe('groupBySource', () => {
  it('puts every fact of one message under that message once, in the order learnt', () => {
    const facts = [
      fact('f1', 'name', 'm1'),
      fact('f2', 'phone', 'm2'),
      fact('f3', 'company', 'm1'),
      fact('f4', 'position', 'm1'),
      fact('f5', 'telegram', undefined, 'channel:telegram'),
      fact('f6', 'budget', 'gone'),
    ];
    const groups = groupBySource(
      facts,
      new Map([
        ['m1', message('m1')],
        ['m2', message('m2')],
      ]),
    );
    expect(groups.map((g) => [g.message?.id, g.facts.map((f) => f.id)])).toEqual([
      ['m1', ['f1', 'f3', 'f4']],
      ['m2', ['f2']],
      [undefined, ['f5']],
      [undefined, ['f6']],
    ]);
    expect(groups[2]!.source).toBe('channel:telegram');
    expect(groups[3]!.missing).toBe(true);
    expect(groups[2]!.missing).toBe(false);
  });
});
