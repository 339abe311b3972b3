// In-memory implementations of the bot's and the sender's ports: the reference semantics for the
// runtime's CouchDB-backed ones, and handy in tests.
import type { MessageDoc } from '@app/shared/schemas';
import type { InboundEdit, InboundMessage, InboundSink, OptOutEvent } from '../ports';
import type { DeliveryPort } from '../sender/ports';

export type MemorySink = InboundSink & {
  /** Stored docs by id (edits applied). */
  docs: Map<string, MessageDoc>;
  /** Each newly created inbound message, in order. */
  created: InboundMessage[];
  duplicates: number;
  edits: InboundEdit[];
  optOuts: OptOutEvent[];
  /** The next `n` saveInbound calls throw (a store outage). */
  failNext(n: number): void;
};

export function createMemorySink(): MemorySink {
  let failures = 0;
  const sink: MemorySink = {
    docs: new Map(),
    created: [],
    duplicates: 0,
    edits: [],
    optOuts: [],
    failNext(n) {
      failures = n;
    },
    async saveInbound(message) {
      if (failures > 0) {
        failures--;
        throw new Error('store unavailable');
      }
      if (sink.docs.has(message.doc.id)) {
        sink.duplicates++;
        return 'duplicate';
      }
      sink.docs.set(message.doc.id, structuredClone(message.doc));
      sink.created.push(structuredClone(message));
      return 'created';
    },
    async saveEdit(edit) {
      sink.edits.push(structuredClone(edit));
      const doc = sink.docs.get(edit.id);
      if (!doc) return 'missing';
      if (doc.text === edit.text && doc.editedAt === edit.editedAt) return 'unchanged';
      sink.docs.set(edit.id, { ...doc, text: edit.text, editedAt: edit.editedAt });
      return 'updated';
    },
    async optOut(event) {
      sink.optOuts.push(structuredClone(event));
    },
  };
  return sink;
}

export type DeliveryEvent = { id: string; event: 'sending' | 'sent' | 'retrying' | 'failed'; info: object };

export type MemoryDelivery = DeliveryPort & {
  /** The delivery part of each doc as the port calls left it. */
  state: Map<string, MessageDoc['delivery']>;
  events: DeliveryEvent[];
};

export function createMemoryDelivery(): MemoryDelivery {
  const state = new Map<string, MessageDoc['delivery']>();
  const events: DeliveryEvent[] = [];
  const log = (id: string, event: DeliveryEvent['event'], info: object) => events.push({ id, event, info });
  return {
    state,
    events,
    async markSending(id, info) {
      log(id, 'sending', info);
      state.set(id, { ...state.get(id), status: 'sending', attempts: info.attempts });
    },
    async markSent(id, info) {
      log(id, 'sent', info);
      state.set(id, {
        status: 'sent',
        attempts: info.attempts,
        sentAt: info.sentAt,
        externalMessageId: info.externalMessageId,
      });
    },
    async markRetrying(id, info) {
      log(id, 'retrying', info);
      state.set(id, {
        status: 'pending',
        attempts: info.attempts,
        lastError: info.lastError,
        nextAttemptAt: info.nextAttemptAt,
      });
    },
    async markFailed(id, info) {
      log(id, 'failed', info);
      state.set(id, { status: 'failed', attempts: info.attempts, lastError: info.lastError });
    },
  };
}
