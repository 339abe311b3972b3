// A rep's save of a deal's custom fields writes only what the rep changed, over the deal's values now.
import { describe, expect, it } from 'vitest';
import { changedFields, customFieldsPatch } from './custom-fields-patch';

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
});
