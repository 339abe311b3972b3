import { describe, expect, it } from 'vitest';
import {
  collectionNames,
  collections,
  contactPointStatus,
  contactPointValues,
  defaultPipeline,
  DEFAULT_PIPELINE_ID,
  leadStages,
  type CollectionName,
} from './index';
import type { CollectionSchema, OldDoc } from './collection';
import type { PipelineDoc } from './pipelines';
import { sampleDocs } from './fixtures';
import { migrateDoc, validateCouchDoc, validateDoc } from '../validation';

const clone = (doc: unknown): OldDoc => structuredClone(doc) as OldDoc;

/** The first string property (by schema) that the sample sets and that has a maxLength. */
function boundedStringField(schema: CollectionSchema, doc: OldDoc): [string, number] {
  for (const [key, prop] of Object.entries(schema.properties)) {
    const p = prop as { type?: string; maxLength?: number };
    if (
      p.type === 'string' &&
      typeof p.maxLength === 'number' &&
      typeof doc[key] === 'string' &&
      key !== schema.primaryKey
    ) {
      return [key, p.maxLength];
    }
  }
  throw new Error('no bounded string field');
}

describe.each(collectionNames)('collection %s', (name: CollectionName) => {
  const def = collections[name];
  const sample = sampleDocs[name] as unknown as OldDoc;

  it('is a well-formed RxDB schema', () => {
    expect(def.name).toBe(name);
    expect(def.schema.primaryKey).toBe('id');
    expect(def.schema.additionalProperties).toBe(false);
    const id = def.schema.properties.id as { maxLength?: number };
    expect(id.maxLength).toBeGreaterThan(0);
    for (const field of def.mergeFields) expect(Object.keys(def.schema.properties)).toContain(field);
  });

  it('accepts a valid document', () => {
    const result = validateDoc(name, clone(sample));
    expect(result).toEqual({ ok: true, doc: sample });
  });

  it.each(def.schema.required.filter((f) => f !== 'id'))('rejects a document missing %s', (field) => {
    const doc = clone(sample);
    delete doc[field];
    const result = validateDoc(name, doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`missing required field '${field}'`);
  });

  it('rejects a wrong type with the field named', () => {
    const [field] = boundedStringField(def.schema, sample);
    const result = validateDoc(name, { ...clone(sample), [field]: 12345 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toBe(`${field}: must be string`);
  });

  it('rejects an oversized string', () => {
    const [field, max] = boundedStringField(def.schema, sample);
    const result = validateDoc(name, { ...clone(sample), [field]: 'x'.repeat(max + 1) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toBe(`${field}: is too long (more than ${max} characters)`);
  });

  it('rejects an unknown field', () => {
    const result = validateDoc(name, { ...clone(sample), hackerField: 'x' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`unknown field 'hackerField' is not allowed`);
  });

  it('rejects non-objects', () => {
    for (const bad of [null, 'text', 42, [sample]]) expect(validateDoc(name, bad).ok).toBe(false);
  });

  it('validates the CouchDB form: _id for the primary key, _rev set aside, tombstones pass', () => {
    const { id, ...rest } = clone(sample);
    expect(validateCouchDoc(name, { _id: id, _rev: '1-abc', ...rest })).toEqual({ ok: true, doc: sample });
    expect(validateCouchDoc(name, { _id: id, _rev: '2-abc', _deleted: true })).toEqual({
      ok: true,
      doc: { _id: id },
    });
    const mismatch = validateCouchDoc(name, { _id: 'other', ...clone(sample) });
    expect(mismatch.ok).toBe(false);
    const underscore = validateCouchDoc(name, { _id: '_design/x', ...rest });
    expect(underscore.ok).toBe(false);
    const hostile = validateCouchDoc(name, { _id: id, ...rest, _security: {} });
    expect(hostile).toMatchObject({
      ok: false,
      message: `_security: unknown field '_security' is not allowed`,
    });
  });

  it('runs every migration from version 0 to a valid current document', () => {
    expect(migrateDoc(name, clone(sample), def.schema.version)).toEqual(sample);
    expect(() => migrateDoc(name, clone(sample), def.schema.version + 1)).toThrow(RangeError);
  });
});

describe('migrations', () => {
  it('contacts v0 -> v1: flat Telegram fields and free-text profile become identities and a twin', () => {
    const v0 = {
      id: 'c-old',
      name: 'Ivan',
      telegramId: 12345,
      telegramUsername: 'ivan',
      profile: 'Wants a demo next week',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-02-01T00:00:00.000Z',
    };
    const v1 = migrateDoc('contacts', v0, 0);
    expect(validateDoc('contacts', v1)).toMatchObject({ ok: true });
    expect(v1).toMatchObject({
      identities: [{ channel: 'telegram', externalId: '12345', username: 'ivan' }],
      twin: { facts: [], summary: 'Wants a demo next week' },
      optOut: false,
      agentAccess: 'default',
    });
    expect(v1).not.toHaveProperty('telegramId');
  });

  it('contacts v0 -> v1 without Telegram or timestamps still yields a valid doc', () => {
    const v1 = migrateDoc('contacts', { id: 'c2', name: 'Olga' }, 0);
    expect(validateDoc('contacts', v1)).toMatchObject({ ok: true });
  });

  it('leads v0 -> v1: a bare numeric score becomes a score with a reason; a channel string a source', () => {
    const v0 = {
      id: 'l-old',
      contactId: 'c-old',
      title: 'Old lead',
      stage: 'new',
      score: 140,
      source: 'telegram',
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    };
    const v1 = migrateDoc('leads', v0, 0);
    expect(validateDoc('leads', v1)).toMatchObject({ ok: true });
    expect(v1).toMatchObject({ score: { value: 100 }, source: { channel: 'telegram' } });
  });

  it('messages v0 -> v1: a bare status becomes delivery, and an idempotency key is derived', () => {
    const { delivery: _d, idempotencyKey: _k, ...v0 } = clone(sampleDocs.messages);
    const v1 = migrateDoc('messages', { ...v0, status: 'sent', direction: 'outbound' }, 0);
    expect(validateDoc('messages', v1)).toMatchObject({ ok: true });
    expect(v1).toMatchObject({ delivery: { status: 'sent' }, idempotencyKey: 'legacy:message-1' });
  });

  it('messages v2 -> v3: a doc stays as it was; choices (at most 4) and a pick are valid fields', () => {
    const v2 = clone(sampleDocs.messages);
    expect(migrateDoc('messages', v2, 2)).toEqual(v2);
    const choice = (i: number) => ({ id: String(i), label: `Article ${i}`, sourceId: `src-${i}` });
    const offer = {
      ...v2,
      choices: [choice(1), choice(2), choice(3), { id: 'none', label: 'None of these' }],
    };
    expect(validateDoc('messages', offer)).toMatchObject({ ok: true });
    expect(validateDoc('messages', { ...offer, choices: [...offer.choices, choice(4)] })).toMatchObject({
      ok: false,
    });
    const pick = {
      ...v2,
      direction: 'inbound',
      picked: { id: '1', sourceId: 'src-1', replyTo: 'message-0' },
    };
    expect(validateDoc('messages', pick)).toMatchObject({ ok: true });
    expect(validateDoc('messages', { ...pick, picked: { id: '1' } })).toMatchObject({ ok: false });
  });

  it('contacts v1 -> v2: an e-mail or phone the twin took from the customer is only claimed', () => {
    const fact = (key: string, value: string, status = 'active') => ({
      id: `f-${key}-${value}`,
      key,
      value,
      observedAt: '2026-01-01T00:00:00.000Z',
      status,
    });
    const v1 = {
      ...clone(sampleDocs.contacts),
      email: 'Victim@Example.com',
      phone: '+7 999 111-22-33',
      twin: {
        facts: [fact('email', 'victim@example.com'), fact('phone', '+79990000000', 'superseded')],
      },
    };
    const v2 = migrateDoc('contacts', v1, 1);
    expect(validateDoc('contacts', v2)).toMatchObject({ ok: true });
    expect(v2.contactPoints).toEqual({
      email: {
        value: 'Victim@Example.com',
        status: 'claimed',
        source: 'customer',
        at: sampleDocs.contacts.updatedAt,
      },
    });
    expect(contactPointStatus(v2, 'email')).toBe('claimed');
    // The phone has no active fact with its value: a rep or an import wrote it.
    expect(contactPointStatus(v2, 'phone')).toBe('verified');
    expect(migrateDoc('contacts', clone(sampleDocs.contacts), 1)).toEqual(sampleDocs.contacts);
  });

  it('leads v1 -> v2 and agent settings v0 -> v1: proposals need nothing; profiles propose effects', () => {
    expect(migrateDoc('leads', clone(sampleDocs.leads), 1)).toEqual(sampleDocs.leads);
    const { toolEffects: _t, ...v0 } = clone(sampleDocs.agent_settings);
    const v1 = migrateDoc('agent_settings', v0, 0);
    expect(validateDoc('agent_settings', v1)).toMatchObject({ ok: true });
    expect(v1.toolEffects).toEqual({ closeStage: 'propose', value: 'propose', owner: 'propose' });
  });

  it('contacts v2 -> v3 and agent settings v1 -> v2: kept as they are; phone lists and a region accepted', () => {
    expect(migrateDoc('contacts', clone(sampleDocs.contacts), 2)).toEqual(sampleDocs.contacts);
    expect(migrateDoc('agent_settings', clone(sampleDocs.agent_settings), 1)).toEqual(
      sampleDocs.agent_settings,
    );
    const at = sampleDocs.contacts.updatedAt;
    const contact = {
      ...clone(sampleDocs.contacts),
      phones: [
        { value: '+79991234567', sourceMessageId: 'message-1', status: 'claimed', source: 'customer', at },
        { value: '+13458993560;ext=4587', at },
      ],
      emails: [{ value: 'anna@romashka.example', sourceMessageId: 'message-1', at }],
    };
    expect(validateDoc('contacts', contact)).toMatchObject({ ok: true });
    expect(contactPointValues(contact, 'phone')).toEqual(['+79991234567', '+13458993560;ext=4587']);
    expect(contactPointValues({ phone: '8 999 123-45-67' }, 'phone')).toEqual(['8 999 123-45-67']);
    const profile = { ...clone(sampleDocs.agent_settings), defaultRegion: 'SE' };
    expect(validateDoc('agent_settings', profile)).toMatchObject({ ok: true });
    expect(validateDoc('agent_settings', { ...profile, defaultRegion: 'sweden' })).toMatchObject({
      ok: false,
    });
  });

  it('products v0 -> v1: kept as it is; a unit per language is accepted (issue 64)', () => {
    const v0 = clone(sampleDocs.products);
    const v1 = migrateDoc('products', clone(v0), 0);
    expect(v1).toEqual(v0);
    expect(
      validateDoc('products', { ...v1, unit: 'seat', units: { ru: 'место', en: 'seat' } }),
    ).toMatchObject({
      ok: true,
    });
    expect(validateDoc('products', { ...v1, units: { de: 'Platz' } })).toMatchObject({ ok: false });
  });

  it('knowledge_sources v0 -> v1: kept as it is (no attempts yet); an attempt count is accepted', () => {
    const v0 = {
      id: 'src-1',
      title: 'Price list',
      kind: 'pdf',
      status: 'indexing',
      contentHash: 'sha256-x',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    const v1 = migrateDoc('knowledge_sources', clone(v0), 0);
    expect(v1).toEqual(v0);
    expect(validateDoc('knowledge_sources', v1)).toMatchObject({ ok: true });
    expect(
      validateDoc('knowledge_sources', { ...v0, attempts: 3, status: 'failed', error: 'x' }),
    ).toMatchObject({ ok: true });
    expect(validateDoc('knowledge_sources', { ...v0, attempts: -1 })).toMatchObject({ ok: false });
  });

  it('conversations v0 -> v1: kept as it is; the message that handed it off is accepted', () => {
    const v0 = {
      id: 'conv-1',
      contactId: 'c1',
      channel: 'telegram',
      externalChatId: '42',
      mode: 'human',
      status: 'open',
      handoffReason: 'asked for a human',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    const v1 = migrateDoc('conversations', clone(v0), 0);
    expect(v1).toEqual(v0);
    expect(validateDoc('conversations', v1)).toMatchObject({ ok: true });
    expect(validateDoc('conversations', { ...v0, handoffMessageId: 'msg:telegram:42:7' })).toMatchObject({
      ok: true,
    });
  });

  it('conversations v1 -> v2 and agent settings v2 -> v3: kept as they are; the hand-off wait accepted', () => {
    expect(migrateDoc('conversations', clone(sampleDocs.conversations), 1)).toEqual(sampleDocs.conversations);
    expect(migrateDoc('agent_settings', clone(sampleDocs.agent_settings), 2)).toEqual(
      sampleDocs.agent_settings,
    );
    const waiting = { ...clone(sampleDocs.conversations), waitingSince: '2026-03-02T10:00:00.000Z' };
    expect(validateDoc('conversations', waiting)).toMatchObject({ ok: true });
    const profile = { ...clone(sampleDocs.agent_settings), handoffWaitMinutes: 30 };
    expect(validateDoc('agent_settings', profile)).toMatchObject({ ok: true });
    expect(validateDoc('agent_settings', { ...profile, handoffWaitMinutes: 0 })).toMatchObject({ ok: false });
  });

  it('leads v2 -> v3: every existing lead joins the default pipeline, whose stages are the old six', () => {
    const { pipelineId: _p, ...v2 } = clone(sampleDocs.leads);
    const v3 = migrateDoc('leads', v2, 2);
    expect(v3).toEqual(sampleDocs.leads);
    expect(v3.pipelineId).toBe(DEFAULT_PIPELINE_ID);
    // From version 0 too: the whole chain ends in the default pipeline with the stage kept.
    const fromV0 = migrateDoc('leads', { id: 'l0', contactId: 'c0', title: 'Old', stage: 'negotiation' }, 0);
    expect(fromV0).toMatchObject({
      pipelineId: 'default',
      stage: 'negotiation',
      source: { channel: 'manual' },
    });
    expect(defaultPipeline().stages.map((s) => s.id)).toEqual([...leadStages]);
    // A lead another pipeline holds keeps it.
    expect(migrateDoc('leads', { ...v2, pipelineId: 'pipeline-enterprise' }, 2).pipelineId).toBe(
      'pipeline-enterprise',
    );
  });

  it('leads v4 -> v5: objections and suggestions are new and optional; a bad one is refused by name', () => {
    const { objections: _o, suggestions: _s, ...v4 } = clone(sampleDocs.leads);
    const v5 = migrateDoc('leads', clone(v4), 4);
    expect(v5).toEqual(v4);
    expect(validateDoc('leads', v5)).toMatchObject({ ok: true });
    const bad = validateDoc('leads', {
      ...v5,
      objections: [{ type: 'Too Expensive!', at: 'today', messageId: 'm' }],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('objections.0.type');
    const noKind = validateDoc('leads', {
      ...v5,
      suggestions: [{ productId: 'p', kind: 'maybe', at: v5.updatedAt, messageId: 'm' }],
    });
    expect(noKind.ok).toBe(false);
  });

  it('leads v3 carries the deal fields and refuses bad ones by name', () => {
    const deal = {
      ...clone(sampleDocs.leads),
      probability: 40,
      company: 'Ромашка',
      expectedCloseDate: '2026-04-30',
      nextStep: 'Send the contract',
      notes: 'Wants a pilot first',
      ownerId: 'user-1',
    };
    expect(validateDoc('leads', deal)).toMatchObject({ ok: true });
    const bad = validateDoc('leads', { ...deal, probability: 140, expectedCloseDate: '30.04.2026' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.message).toContain('probability: must be <= 100');
      expect(bad.message).toContain('expectedCloseDate: has an invalid format');
    }
  });

  it('pipelines: the default pipeline is valid; a pipeline needs stages and a currency', () => {
    expect(validateDoc('pipelines', defaultPipeline())).toMatchObject({ ok: true });
    const empty = validateDoc('pipelines', { ...clone(sampleDocs.pipelines), stages: [], currencies: [] });
    expect(empty.ok).toBe(false);
    const badStage = validateDoc('pipelines', {
      ...clone(sampleDocs.pipelines),
      stages: [{ id: 'Won Big', kind: 'closed', probability: 101 }],
    });
    expect(badStage.ok).toBe(false);
    if (!badStage.ok) {
      expect(badStage.message).toContain('stages.0.id: has an invalid format');
      expect(badStage.message).toContain('stages.0.kind: must be one of: open, won, lost');
    }
  });

  it('tasks and events v0 -> v1: kept as they are; GitHub links and a pending external copy accepted', () => {
    expect(migrateDoc('tasks', clone(sampleDocs.tasks), 0)).toEqual(sampleDocs.tasks);
    expect(migrateDoc('events', clone(sampleDocs.events), 0)).toEqual(sampleDocs.events);
    const linked = {
      ...clone(sampleDocs.tasks),
      external: { provider: 'github', externalId: 'PVTI_1', url: 'https://github.com/orgs/o/projects/1' },
    };
    expect(validateDoc('tasks', linked)).toMatchObject({ ok: true });
    const pending = {
      ...clone(sampleDocs.events),
      externalSync: { provider: 'google', status: 'pending', attempts: 3, error: 'answered 503' },
    };
    expect(validateDoc('events', pending)).toMatchObject({ ok: true });
    expect(
      validateDoc('tasks', { ...clone(sampleDocs.tasks), externalSync: { provider: 'jira', status: 'x' } })
        .ok,
    ).toBe(false);
  });

  it('pipelines v0 -> v1: kept as it is; a stage may carry a customer notification', () => {
    const v0 = clone(sampleDocs.pipelines) as unknown as PipelineDoc;
    const v1 = migrateDoc('pipelines', clone(v0), 0);
    expect(v1).toEqual(v0);
    const stages = [{ ...v0.stages[0], notify: { enabled: true, templates: { en: 'Hi {{name}}' } } }];
    expect(validateDoc('pipelines', { ...v0, stages: [...stages, ...v0.stages.slice(1)] }).ok).toBe(true);
  });

  it('conversations v3 -> v4 and agent settings v7 -> v8 (issue 38): kept as they are; experiments checked', () => {
    const { experiment: _e, ...conversation } = clone(sampleDocs.conversations);
    expect(migrateDoc('conversations', clone(conversation), 3)).toEqual(conversation);
    const { experiments: _x, ...profile } = clone(sampleDocs.agent_settings);
    const experiments = sampleDocs.agent_settings.experiments;
    expect(migrateDoc('agent_settings', clone(profile), 7)).toEqual(profile);
    expect(validateDoc('agent_settings', { ...profile, experiments }).ok).toBe(true);
    const one = { ...experiments[0]!, variants: experiments[0]!.variants.slice(0, 1) };
    expect(validateDoc('agent_settings', { ...profile, experiments: [one] }).ok).toBe(false);
    const zero = { ...experiments[0]!, variants: experiments[0]!.variants.map((v) => ({ ...v, weight: 0 })) };
    expect(validateDoc('agent_settings', { ...profile, experiments: [zero] }).ok).toBe(false);
    const bad = { ...clone(sampleDocs.conversations), experiment: { experimentId: 'x', variantId: 'a' } };
    expect(validateDoc('conversations', bad).ok).toBe(false);
  });

  it('every versioned collection has a v0 migration test above', () => {
    const versioned = collectionNames.filter((n) => collections[n].schema.version > 0).sort();
    expect(versioned).toEqual([
      'agent_settings',
      'contacts',
      'conversations',
      'events',
      'knowledge_sources',
      'leads',
      'messages',
      'pipelines',
      'products',
      'tasks',
    ]);
  });
});

describe('readable reasons', () => {
  it('names nested paths and enum choices', () => {
    const doc = {
      ...clone(sampleDocs.leads),
      stage: 'Maybe later!',
      value: { amount: -5, currency: 'rubles' },
      source: { channel: 'pigeon' },
    };
    const result = validateDoc('leads', doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('stage: has an invalid format');
    expect(result.message).toContain('source.channel: must be one of: telegram, webchat,');
    expect(result.message).toContain('value.amount: must be >= 0');
    expect(result.message).toContain('value.currency: has an invalid format');
  });

  it('caps the number of reported issues for hostile documents', () => {
    const doc: OldDoc = { ...clone(sampleDocs.contacts) };
    for (let i = 0; i < 500; i++) doc[`junk${i}`] = i;
    const result = validateDoc('contacts', doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toHaveLength(10);
  });
});
