import { describe, expect, it } from 'vitest';
import { sampleDocs } from '../schemas/fixtures';
import type { ContactDoc } from '../schemas/index';
import { validateDoc } from '../validation';
import { contactMergePatch } from './contact-merge';

const at = '2026-03-02T10:15:00.000Z';
const telegram: ContactDoc = {
  ...sampleDocs.contacts,
  id: 'tg-1',
  email: 'anna@romashka.example',
  contactPoints: { email: { value: 'anna@romashka.example', status: 'claimed', source: 'customer', at } },
  phone: undefined,
};
delete (telegram as Record<string, unknown>).phone;
const mail: ContactDoc = {
  id: 'mail-1',
  name: '',
  email: 'anna@romashka.example',
  contactPoints: { email: { value: 'anna@romashka.example', status: 'verified', source: 'channel', at } },
  phones: [{ value: '+79990001122', sourceMessageId: 'msg-mail-2', status: 'claimed', at }],
  identities: [{ channel: 'email', externalId: 'anna@romashka.example' }],
  tags: ['mail', 'b2b'],
  notes: 'Wrote from the office',
  optOut: false,
  agentAccess: 'default',
  twin: {
    facts: [
      {
        id: 'fact-mail',
        key: 'timeline',
        value: 'Q3',
        sourceMessageId: 'msg-mail-1',
        conversationId: 'conv-mail',
        observedAt: at,
        status: 'active',
      },
    ],
  },
  createdAt: at,
  updatedAt: at,
};

describe('contactMergePatch', () => {
  it('unites identifiers with verified winning, keeps the name, moves facts with their citation', () => {
    const patch = contactMergePatch(telegram, mail);
    const merged = { ...telegram, ...patch } as ContactDoc;
    expect(validateDoc('contacts', merged)).toMatchObject({ ok: true });
    expect(merged.name).toBe('Анна Петрова');
    expect(merged.contactPoints?.email).toMatchObject({ status: 'verified', source: 'channel' });
    expect(merged.phones).toEqual([expect.objectContaining({ value: '+79990001122', status: 'claimed' })]);
    expect(merged.phone).toBe('+79990001122');
    expect(merged.identities.map((i) => i.channel).sort()).toEqual(['email', 'telegram']);
    expect(merged.twin.facts.map((f) => [f.id, f.sourceMessageId])).toEqual([
      ['fact-1', 'message-1'],
      ['fact-mail', 'msg-mail-1'],
    ]);
    expect(merged.twin.summary).toBe(telegram.twin.summary);
    expect(merged.tags).toEqual(['b2b', 'mail']);
    expect(merged.notes).toBe('Wrote from the office');
    expect(merged.mergedFrom).toEqual(['mail-1']);
  });

  it('never lets a claim override a verified value, and fills an empty name', () => {
    const patch = contactMergePatch(mail, telegram);
    const merged = { ...mail, ...patch } as ContactDoc;
    expect(merged.contactPoints?.email?.status).toBe('verified');
    expect(merged.name).toBe('Анна Петрова');
    expect(validateDoc('contacts', merged)).toMatchObject({ ok: true });
  });

  it('changes nothing when applied a second time', () => {
    const once = { ...telegram, ...contactMergePatch(telegram, mail) } as ContactDoc;
    expect(contactMergePatch(once, mail)).toEqual({});
  });
});
