import { describe, expect, it } from 'vitest';
import { sampleDocs } from '@app/shared/fixtures';
import type { ContactDoc } from '@app/shared/schemas';
import { contactMatches } from './ContactMerge';
import { proposalsOf } from './MergeProposal';

const contact: ContactDoc = {
  ...sampleDocs.contacts,
  emails: [{ value: 'second@romashka.example', at: sampleDocs.contacts.createdAt }],
};

describe('finding the contact to merge', () => {
  it('matches name, any e-mail, and phone digits however written', () => {
    expect(contactMatches(contact, 'анна')).toBe(true);
    expect(contactMatches(contact, 'SECOND@')).toBe(true);
    expect(contactMatches(contact, '999 123-45')).toBe(true);
    expect(contactMatches(contact, '12')).toBe(false);
    expect(contactMatches(contact, 'olga')).toBe(false);
    expect(contactMatches(contact, '  ')).toBe(true);
  });
});

describe('merge proposals', () => {
  const entry = (claimedBy: string, mailContactId: string) => ({
    input: JSON.stringify({ address: 'a@b.example', claimedBy, mailContactId }),
  });

  it('names the other contact of each proposal once, from either side', () => {
    expect(proposalsOf('tg', [entry('tg', 'mail'), entry('tg', 'mail'), entry('tg', 'mail2')])).toEqual([
      { other: 'mail', address: 'a@b.example' },
      { other: 'mail2', address: 'a@b.example' },
    ]);
    expect(proposalsOf('mail', [entry('tg', 'mail')])).toEqual([{ other: 'tg', address: 'a@b.example' }]);
    expect(proposalsOf('x', [entry('tg', 'mail'), { input: 'not json' }, {}])).toEqual([]);
  });
});
