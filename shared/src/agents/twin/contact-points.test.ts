// What the twin records about e-mails and phones: typed by the customer = claimed, shared through
// Telegram's contact button = verified, and a claim never downgrades a value a rep verified.
import { describe, expect, it } from 'vitest';
import { contactPointStatus, type ContactDoc } from '../../schemas/index';
import { createOfflineProvider } from '../../llm/offline/offline-provider';
import { createLlmClient } from '../../llm/llm-client';
import { createAgentEngine, salesClassifier } from '../engine';
import { createMemoryStore } from '../memory-store';
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

  it('a claim of the value a rep entered keeps it verified; a different claim is claimed', () => {
    const rep = { ...base, email: 'ann@corp.example' };
    expect(contactPointStatus(rep, 'email')).toBe('verified');
    const same = applyFacts(rep, [{ key: 'email', value: 'Ann@Corp.example' }], source, id).contact;
    expect(contactPointStatus(same, 'email')).toBe('verified');
    const other = applyFacts(rep, [{ key: 'email', value: 'boss@corp.example' }], source, id).contact;
    expect(contactPointStatus(other, 'email')).toBe('claimed');
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
