// A channel's profile reading replaces the source's earlier one in the twin (issue 14): changed or
// gone values are superseded, unchanged ones confirmed (citing the new message), other sources' and
// the agents' facts untouched.
import { describe, expect, it } from 'vitest';
import type { TwinFact } from '@app/shared/schemas';
import { profileValue, withProfileFacts, type ProfileReading } from './profile-facts';

const reading = (facts: ProfileReading['facts'], messageId: string, at: string): ProfileReading => ({
  source: 'telegram_profile',
  facts,
  messageId,
  conversationId: 'conv:1',
  at,
});

describe('withProfileFacts', () => {
  it('adds, confirms, supersedes; leaves other sources alone; nothing new is no write', () => {
    const agent: TwinFact = {
      id: 'fact_agent',
      key: 'bio',
      value: 'typed in chat',
      observedAt: '2026-01-01T00:00:00.000Z',
      status: 'active',
      extractedBy: 'rules',
    };
    const first = withProfileFacts(
      [agent],
      reading(
        [
          { key: 'bio', value: '  Buyer\nat Acme ' },
          { key: 'telegram', value: '@ann' },
        ],
        'm1',
        '2026-01-02T00:00:00.000Z',
      ),
    )!;
    expect(first.filter((f) => f.extractedBy === 'telegram_profile').map((f) => [f.key, f.value])).toEqual([
      ['bio', 'Buyer at Acme'],
      ['telegram', '@ann'],
    ]);
    expect(first[0]).toEqual(agent);
    expect(
      withProfileFacts(
        first,
        reading(
          [
            { key: 'bio', value: 'Buyer at Acme' },
            { key: 'telegram', value: '@ann' },
          ],
          'm1',
          '2026-01-02T00:00:00.000Z',
        ),
      ),
    ).toBeUndefined();

    const second = withProfileFacts(
      first,
      reading([{ key: 'bio', value: 'Buyer at Acme' }], 'm2', '2026-01-10T00:00:00.000Z'),
    )!;
    const active = second.filter((f) => f.extractedBy === 'telegram_profile' && f.status === 'active');
    expect(active.map((f) => [f.key, f.sourceMessageId, f.observedAt])).toEqual([
      ['bio', 'm2', '2026-01-10T00:00:00.000Z'],
    ]);
    // The username is gone from the profile: superseded, kept as history; no duplicates.
    expect(second.find((f) => f.key === 'telegram')?.status).toBe('superseded');
    expect(second).toHaveLength(3);

    const third = withProfileFacts(
      second,
      reading([{ key: 'bio', value: 'CEO at Acme' }], 'm3', '2026-02-01T00:00:00.000Z'),
    )!;
    const bios = third.filter((f) => f.key === 'bio' && f.extractedBy === 'telegram_profile');
    expect(bios.map((f) => [f.value, f.status])).toEqual([
      ['Buyer at Acme', 'superseded'],
      ['CEO at Acme', 'active'],
    ]);
    expect(bios[0]!.supersededBy).toBe(bios[1]!.id);
  });

  it('bounds values and drops control characters', () => {
    expect(profileValue('a\u0000b\u001bc')).toBe('a b c');
    expect(profileValue('x'.repeat(600))).toHaveLength(500);
    expect(profileValue({ toString: () => 'no' })).toBe('');
  });
});
