// A rep's save of a deal's custom fields writes only what the rep changed, over the deal's values now.
import { describe, expect, it } from 'vitest';
import { changedFields, customFieldsPatch, hasSeen, savedChanges } from './custom-fields-patch';

describe('customFieldsPatch', () => {
  it('writes nothing when the rep changed nothing (spaces aside)', () => {
    expect(customFieldsPatch({ city: 'Lisbon' }, { city: ' Lisbon ' }, { city: 'Lisbon' })).toBeUndefined();
    expect(changedFields({ city: 'Lisbon' }, { city: 'Lisbon' })).toEqual([]);
  });
  it("keeps a value set meanwhile in a field the rep left alone, and the rep's change", () => {
    const loaded = { guests: '120', city: 'Lisbon' };
    const edited = { guests: '150', city: 'Lisbon' };
    const now = { guests: '120', city: 'Porto', budget: '2000000 RUB' };
    expect(customFieldsPatch(loaded, edited, now)).toEqual({
      guests: '150',
      city: 'Porto',
      budget: '2000000 RUB',
    });
  });
  it('removes a field the rep emptied and adds one the rep filled in', () => {
    expect(customFieldsPatch({ city: 'Lisbon' }, { city: '', guests: '40' }, { city: 'Lisbon' })).toEqual({
      guests: '40',
    });
  });
  it('tells an older state of the deal from one that shows the save (an event date kept, an emptied field gone)', () => {
    const written = savedChanges(
      { guests: '150', city: 'Lisbon' },
      { guests: '150', eventDate: '2027-03-14', city: '' },
    );
    expect(written).toEqual({ eventDate: '2027-03-14', city: '' });
    // The previous save's echo (guests only) arriving after this save: not yet seen.
    expect(hasSeen({ guests: '150', city: 'Lisbon' }, written)).toBe(false);
    expect(hasSeen({ guests: '150', eventDate: '2027-03-14' }, written)).toBe(true);
    // Another rep's value in a field this save left alone does not hold it back.
    expect(hasSeen({ guests: '90', eventDate: '2027-03-14', budget: '1 RUB' }, written)).toBe(true);
  });
});
