import { describe, expect, it } from 'vitest';
import { negativeConversations } from './mood-analytics';

const at = '2026-03-02T10:00:00.000Z';
const mood = (label: 'negative' | 'neutral', abuse: 'none' | 'severe' = 'none') => ({
  label,
  score: label === 'negative' ? -0.6 : 0,
  abuse,
  at,
  messageId: 'm',
});

describe('share of negative conversations (issue 62)', () => {
  it('counts an angry or abusive customer, in all and per channel, of the conversations started in the period', () => {
    const r = negativeConversations(
      [
        { channel: 'telegram', createdAt: at, angryCount: 1, mood: mood('neutral') },
        { channel: 'telegram', createdAt: at, mood: mood('neutral') },
        { channel: 'webchat', createdAt: at, mood: mood('neutral', 'severe') },
        { channel: 'webchat', createdAt: at },
        { channel: 'webchat', createdAt: at, mood: mood('negative') },
        // Before the period: not counted.
        { channel: 'telegram', createdAt: '2026-01-01T00:00:00.000Z', angryCount: 3 },
      ],
      { from: '2026-03-01T00:00:00.000Z' },
    );
    expect(r).toMatchObject({ conversations: 5, negative: 3, share: 0.6 });
    expect(r.byChannel).toEqual([
      { channel: 'webchat', conversations: 3, negative: 2, share: 2 / 3 },
      { channel: 'telegram', conversations: 2, negative: 1, share: 0.5 },
    ]);
    expect(negativeConversations([]).share).toBe(0);
  });
});
