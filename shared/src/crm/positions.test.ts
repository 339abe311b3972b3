// A position is the customer's title, never "owner/CEO: CEO" (issue 64): read, ranked, and older twins' values shown.
import { describe, expect, it } from 'vitest';
import { positionCode, positionRank, positionShown, readPosition } from './positions';

describe('positions', () => {
  it.each([
    ['I am the CEO of Acme', 'CEO'],
    ['я генеральный директор', 'генеральный директор'],
    ['работаю генеральным директором', 'генеральный директор'],
    ['я директором там', 'директор'],
    ['As head of procurement I need 20 seats', 'head of procurement'],
    ['I run the sales team', 'head'],
    ['I have been a sales manager for 10 years', 'manager'],
    ['nothing here', undefined],
  ])('reads %s as %s', (text, title) => {
    expect(readPosition(text)).toBe(title);
  });

  it('ranks a title, a code and an older glued value alike, and shows the older one without its rank', () => {
    expect(positionRank('CEO')).toBe('owner');
    expect(positionRank('владелец')).toBe('owner');
    expect(positionRank('head')).toBe('head');
    expect(positionRank('owner/CEO: CEO')).toBe('owner');
    expect(positionShown('owner/CEO: CEO')).toBe('CEO');
    expect(positionShown('head: директор')).toBe('директор');
    expect(positionShown('CEO')).toBe('CEO');
    expect(positionCode('owner/CEO')).toBe('owner');
    expect(positionCode('CEO')).toBeUndefined();
  });
});
