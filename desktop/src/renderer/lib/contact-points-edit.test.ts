// Editing every phone and e-mail of a contact: the primary and the list written together, an
// unchanged entry kept with its source, a typed one verified from the rep, repeats dropped.
import { describe, expect, it } from 'vitest';
import { editedValues, pointsPatch } from './contact-points-edit';

const at = '2026-12-06T10:00:00.000Z';
const contact = {
  phone: '+14155550143',
  phones: [
    {
      value: '+14155550143',
      sourceMessageId: 'm1',
      status: 'claimed' as const,
      source: 'customer' as const,
      at,
    },
    {
      value: '+442071838750',
      sourceMessageId: 'm2',
      status: 'claimed' as const,
      source: 'customer' as const,
      at,
    },
  ],
  email: 'ann@example.com',
};
const now = '2026-12-07T00:00:00.000Z';

describe('editedValues', () => {
  it('changes the second phone, leaving the primary first', () => {
    expect(editedValues(contact, 'phone', { kind: 'change', index: 1, value: '+33142685300' })).toEqual([
      '+14155550143',
      '+33142685300',
    ]);
  });
  it('adds one at the end, once: a phone the contact has is not added again', () => {
    expect(editedValues(contact, 'email', { kind: 'add', value: 'ann@work.example' })).toEqual([
      'ann@example.com',
      'ann@work.example',
    ]);
    expect(editedValues(contact, 'phone', { kind: 'add', value: '+44 20 7183 8750' })).toEqual([
      '+14155550143',
      '+442071838750',
    ]);
  });
  it('removing the primary makes the next one primary', () => {
    expect(editedValues(contact, 'phone', { kind: 'remove', index: 0 })).toEqual(['+442071838750']);
    expect(editedValues({ email: 'a@b.c' }, 'email', { kind: 'remove', index: 0 })).toEqual([]);
  });
});

describe('pointsPatch', () => {
  it('writes the primary and the list; keeps an unchanged entry, verifies a typed one', () => {
    const patch = pointsPatch(contact, 'phone', ['+442071838750', '+33142685300'], now);
    expect(patch.phone).toBe('+442071838750');
    expect(patch.phones).toEqual([
      contact.phones[1],
      { value: '+33142685300', status: 'verified', source: 'rep', at: now },
    ]);
  });
  it('an older contact with only a primary gets a list', () => {
    expect(pointsPatch({ email: 'a@b.c' }, 'email', ['a@b.c', 'x@y.z'], now)).toEqual({
      email: 'a@b.c',
      emails: [
        { value: 'a@b.c', status: 'verified', source: 'rep', at: now },
        { value: 'x@y.z', status: 'verified', source: 'rep', at: now },
      ],
    });
  });
  it('no values: no primary and an empty list', () => {
    expect(pointsPatch(contact, 'phone', [], now)).toEqual({ phone: undefined, phones: [] });
  });
});
