// An in-memory implementation of the bot's inbound port: the reference semantics for the server's
// CouchDB-backed sink, and handy in tests.
import type { MessageDoc } from '@app/shared/schemas';
import type { ChannelPost, InboundEdit, InboundMessage, InboundSink, OptOutEvent } from '../ports';

export type MemorySink = InboundSink & {
  /** Stored docs by id (edits applied). */
  docs: Map<string, MessageDoc>;
  /** Each newly created inbound message, in order. */
  created: InboundMessage[];
  duplicates: number;
  edits: InboundEdit[];
  optOuts: OptOutEvent[];
  /** Channel posts and the comments under them, in order. */
  posts: ChannelPost[];
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
    posts: [],
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
    async saveChannelPost(post) {
      sink.posts.push(structuredClone(post));
    },
  };
  return sink;
}
