// The channel `vk` in the collections that name a channel, and the version steps that brought it.
import { describe, expect, it } from 'vitest';
import { migrateDoc, validateDoc } from '../validation';
import { channelNames } from './common';
import { sampleDocs } from './fixtures';

const clone = <T>(v: T): T => structuredClone(v);

describe('the vk channel', () => {
  it('is one of the channel names', () => {
    expect(channelNames).toContain('vk');
  });

  it('messages v1 -> v2, contacts v3 -> v4, conversations v2 -> v3: docs are kept as they are', () => {
    expect(migrateDoc('messages', clone(sampleDocs.messages), 1)).toEqual(sampleDocs.messages);
    expect(migrateDoc('contacts', clone(sampleDocs.contacts), 3)).toEqual(sampleDocs.contacts);
    expect(migrateDoc('conversations', clone(sampleDocs.conversations), 2)).toEqual(sampleDocs.conversations);
  });

  it('is accepted on messages, conversations, contacts and lead sources; a channel not named is refused', () => {
    expect(validateDoc('messages', { ...clone(sampleDocs.messages), channel: 'vk' })).toMatchObject({
      ok: true,
    });
    expect(validateDoc('conversations', { ...clone(sampleDocs.conversations), channel: 'vk' })).toMatchObject(
      {
        ok: true,
      },
    );
    const identities = [{ channel: 'vk', externalId: '12345' }];
    expect(validateDoc('contacts', { ...clone(sampleDocs.contacts), identities })).toMatchObject({
      ok: true,
    });
    const lead = { ...clone(sampleDocs.leads), source: { ...sampleDocs.leads.source, channel: 'vk' } };
    expect(validateDoc('leads', lead)).toMatchObject({ ok: true });
    const bad = validateDoc('messages', { ...clone(sampleDocs.messages), channel: 'vkontakte' });
    expect(bad.ok).toBe(false);
  });
});
