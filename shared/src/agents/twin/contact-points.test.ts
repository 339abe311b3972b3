// What the twin records about e-mails and phones: typed by the customer = claimed, shared through
// Telegram's contact button = verified, and a claim never downgrades a value a rep verified.
import { describe, expect, it } from 'vitest';
import { contactPointStatus, type ContactDoc } from '../../schemas/index';
import { createOfflineProvider } from '../../llm/offline/offline-provider';
import { createLlmClient } from '../../llm/llm-client';
import { createAgentEngine, salesClassifier } from '../engine';
import { createMemoryStore } from '../../testing/memory-store';
import { defaultProfile } from '../profiles';
import { fixedClock } from '../ports';
import { inbound } from '../test-support';
import { applyFacts } from './twin-facts';

const at = '2026-03-02T10:00:00.000Z';
const base: ContactDoc = {
  id: 'c',
  name: 'Ann',
  identities: [],
  optOut: false,
  agentAccess: 'default',
  twin: { facts: [] },
  createdAt: at,
  updatedAt: at,
};
const source = { messageId: 'm', conversationId: 'v', observedAt: at, extractedBy: 'test' };
let n = 0;
const id = (p: string) => `${p}-${++n}`;

describe('claimed and verified contact points', () => {
  it('an e-mail or phone the customer typed is only claimed', () => {
    const { contact } = applyFacts(
      base,
      [
        { key: 'email', value: 'someone@else.example' },
        { key: 'phone', value: '+7 999 000-11-22' },
      ],
      source,
      id,
    );
    expect(contact.email).toBe('someone@else.example');
    expect(contactPointStatus(contact, 'email')).toBe('claimed');
    expect(contactPointStatus(contact, 'phone')).toBe('claimed');
  });

  it('a claim of the value a rep entered keeps it verified; a different claim joins the list, claimed', () => {
    const rep = { ...base, email: 'ann@corp.example' };
    expect(contactPointStatus(rep, 'email')).toBe('verified');
    const same = applyFacts(rep, [{ key: 'email', value: 'Ann@Corp.example' }], source, id).contact;
    expect(contactPointStatus(same, 'email')).toBe('verified');
    // A different claim does not replace what a rep entered (issue 16): it joins the list, claimed.
    const other = applyFacts(rep, [{ key: 'email', value: 'boss@corp.example' }], source, id);
    expect(other.contact.email).toBe('ann@corp.example');
    expect(contactPointStatus(other.contact, 'email')).toBe('verified');
    expect(other.contact.emails?.map((e) => [e.value, e.status])).toEqual([['boss@corp.example', 'claimed']]);
    expect(other.change.kept).toEqual(['email']);
  });

  it('without a record, a value an active twin fact holds (older data) counts as claimed', () => {
    const typed = applyFacts(base, [{ key: 'email', value: 'x@y.example' }], source, id).contact;
    const { contactPoints: _dropped, ...legacy } = typed;
    expect(contactPointStatus(legacy, 'email')).toBe('claimed');
    expect(contactPointStatus({ ...base, email: 'rep@corp.example' }, 'email')).toBe('verified');
  });

  it("Telegram's shared contact makes the phone verified through the engine (offline)", async () => {
    const store = createMemoryStore('t');
    const engine = createAgentEngine({
      store,
      llm: createLlmClient({
        providers: [],
        offline: createOfflineProvider({ classifier: salesClassifier() }),
      }),
      clock: fixedClock(at),
    });
    const typed = await engine.handleInbound(inbound('Мой телефон +7 999 000-11-22', { chat: '5' }));
    expect(contactPointStatus(typed.contact, 'phone')).toBe('claimed');
    const msg = inbound('', { chat: '5', n: 2 });
    const shared = await engine.handleInbound({ ...msg, signals: { sharedPhone: '+79990001122' } });
    expect(shared.contact.phone).toBe('+79990001122');
    expect(shared.contact.contactPoints?.phone).toMatchObject({ status: 'verified', source: 'channel' });
  });
});

// Issue 15: a contact kept one phone only, and a request for a manager became the customer's position.
describe('every phone and e-mail, each with its source message', () => {
  const engine = (store = createMemoryStore('t')) =>
    createAgentEngine({
      store,
      llm: createLlmClient({
        providers: [],
        offline: createOfflineProvider({ classifier: salesClassifier() }),
      }),
      clock: fixedClock(at),
    });

  it('keeps both phones of one message and a third from a later one', async () => {
    const e = engine();
    await e.handleInbound(
      inbound('Мой мобильный +7 999 000-11-22, рабочий 8 (495) 123-45-67, почта ann@corp.example', {
        chat: '7',
      }),
    );
    const later = await e.handleInbound(
      inbound('In Stockholm ring me on +46 (0)8 928 571 38 or write to ann.s@corp.se', { chat: '7', n: 2 }),
    );
    const c = later.contact;
    expect(c.phones?.map((p) => [p.value, p.sourceMessageId])).toEqual([
      ['+79990001122', 'msg:telegram:7:1'],
      ['+74951234567', 'msg:telegram:7:1'],
      ['+46892857138', 'msg:telegram:7:2'],
    ]);
    expect(c.emails?.map((p) => [p.value, p.sourceMessageId])).toEqual([
      ['ann@corp.example', 'msg:telegram:7:1'],
      ['ann.s@corp.se', 'msg:telegram:7:2'],
    ]);
    // Every one stays an active twin fact citing its message; the newest message's first is primary.
    const phoneFacts = c.twin.facts.filter((f) => f.key === 'phone' && f.status === 'active');
    expect(phoneFacts.map((f) => f.sourceMessageId)).toEqual([
      'msg:telegram:7:1',
      'msg:telegram:7:1',
      'msg:telegram:7:2',
    ]);
    expect(c.phone).toBe('+46892857138');
    expect(contactPointStatus(c, 'phone')).toBe('claimed');
  });

  it('a phone the customer repeats in another format is not added twice', () => {
    const one = applyFacts(base, [{ key: 'phone', value: '+7 999 000-11-22' }], source, id).contact;
    const two = applyFacts(
      one,
      [{ key: 'phone', value: '8 (999) 000 11 22' }],
      { ...source, messageId: 'm2' },
      id,
      { phoneRegions: ['RU'] },
    ).contact;
    expect(two.phones).toEqual([
      { value: '+79990001122', sourceMessageId: 'm', status: 'claimed', source: 'customer', at },
    ]);
    expect(two.twin.facts.filter((f) => f.key === 'phone')).toHaveLength(1);
  });

  it("reads a national number in the profile's default region", async () => {
    const store = createMemoryStore('t');
    await store.put('agent_settings', { ...defaultProfile, id: 'agent-se', defaultRegion: 'SE' });
    const r = await engine(store).handleInbound(inbound('Ring me on 08-928 571 38', { chat: '8' }));
    expect(r.contact.phone).toBe('+46892857138');
    // Issue 35: the labelled number is one phone, not also a copy as written from the offline answer's tools.
    expect(r.contact.phones?.map((p) => p.value)).toEqual(['+46892857138']);
  });

  it('keeps a labelled number valid in no known region once, as written (issue 35)', async () => {
    const r = await engine().handleInbound(inbound('Phone: 0490 75 40 81, Mobile: 450 0840', { chat: '11' }));
    expect(r.contact.phones?.map((p) => p.value)).toEqual(['0490 75 40 81', '450 0840']);
    expect(r.contact.phone).toBe('0490 75 40 81');
  });

  it('a request for a manager is no position, a phone is no meeting', async () => {
    const e = engine();
    const a = await e.handleInbound(inbound('I want to talk to a human manager', { chat: '9' }));
    expect(a.contact.position).toBeUndefined();
    expect(a.contact.twin.facts.map((f) => f.key)).not.toContain('position');
    const b = await e.handleInbound(inbound('Позовите менеджера, мой номер 01.08.03.16.85', { chat: '10' }));
    expect(b.contact.twin.facts.map((f) => f.key)).not.toContain('position');
    expect(b.contact.twin.facts.map((f) => f.key)).not.toContain('meeting_at');
  });
});
