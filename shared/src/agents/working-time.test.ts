// Working hours: the next working moment is the one a step-by-step walk in the zone finds (across
// daylight-saving changes too), and finding it asks Intl for a handful of wall clocks, not one per
// 15-minute step (it ran with every reply outside working hours; issue 13).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentSettingsDoc } from '../schemas/index';
import { defaultProfile, isWorkingTime, nextWorkingTime } from './profiles';

const profileIn = (
  timezone: string,
  days: { day: number; from: string; to: string }[],
): AgentSettingsDoc => ({
  ...defaultProfile,
  workingHours: { timezone, days },
});

/** The walk nextWorkingTime stands for: every 15-minute step judged in the zone. */
function walked(profile: AgentSettingsDoc, date: Date): Date | undefined {
  const step = 15 * 60_000;
  let t = new Date(Math.ceil(date.getTime() / step) * step);
  for (let i = 0; i <= 8 * 24 * 4; i++, t = new Date(t.getTime() + step)) {
    if (isWorkingTime(profile, t)) return t;
  }
  return undefined;
}

const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }));

describe('nextWorkingTime', () => {
  afterEach(() => vi.restoreAllMocks());

  it('finds what a step-by-step walk in the zone finds, across daylight-saving changes', () => {
    const profiles = [
      profileIn('Europe/Moscow', weekdays),
      profileIn('America/New_York', weekdays),
      profileIn('Europe/Berlin', [{ day: 0, from: '02:00', to: '03:30' }]),
      profileIn('Australia/Lord_Howe', [{ day: 6, from: '01:45', to: '02:15' }]),
      profileIn('Asia/Kolkata', [{ day: 3, from: '22:00', to: '02:00' }]),
      profileIn('UTC', [{ day: 2, from: '10:10', to: '10:20' }]),
      profileIn('America/Sao_Paulo', []),
    ];
    // Around the 2026 changes (Mar 8 and Nov 1 in New York, Mar 29 and Oct 25 in Berlin, Apr 5 and
    // Oct 4 at Lord Howe) and at ordinary times; at odd minutes too.
    const starts = [
      '2026-03-06T20:07:00Z',
      '2026-03-27T23:59:00Z',
      '2026-04-03T12:00:00Z',
      '2026-10-02T18:31:00Z',
      '2026-10-23T21:00:00Z',
      '2026-10-30T22:44:00Z',
      '2026-06-10T05:00:00Z',
    ];
    for (const p of profiles) {
      for (const s of starts) {
        for (let h = 0; h < 48; h += 5) {
          const at = new Date(Date.parse(s) + h * 3_600_000);
          expect(
            nextWorkingTime(p, at)?.toISOString(),
            `${p.workingHours?.timezone} ${at.toISOString()}`,
          ).toBe(walked(p, at)?.toISOString());
        }
      }
    }
  });

  it('asks Intl for a few wall clocks, not one per step', () => {
    const profile = profileIn('Europe/Moscow', weekdays);
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    // Friday 19:00 in Moscow: the next working moment is Monday 09:00, 254 steps ahead.
    expect(nextWorkingTime(profile, new Date('2026-03-06T16:00:00.000Z'))?.toISOString()).toBe(
      '2026-03-09T06:00:00.000Z',
    );
    expect(spy.mock.calls.length).toBeLessThanOrEqual(4);
  });
});
