// What this process's ingest learned about the customer messages it took in: whether the message
// started its conversation (the ingest created the conversation doc) and whether its contact is new
// (the ingest created the contact doc). The agent run for such a message then need not ask the store
// for the conversation's earlier messages or the contact's leads: a conversation that did not exist
// has no earlier messages, a contact that did not exist has no leads, beyond what the run writes
// itself. That saves the two Mango queries a run costs, each about 10 ms of the embedded store's CPU,
// for every new customer (a campaign's burst is mostly new customers).
//
// A note is only a shortcut: it is kept in memory for a minute at most and taken once; a run in
// another process, after a restart or after the note expired asks the store. What a rep writes about
// a brand-new customer in the moments between the ingest and the run (a lead made by hand for a
// contact seconds old) is not seen by that one run, as it would not be by a run a moment earlier.
import type { Stored } from './couch-docs';

export type IngestFacts = {
  /** The conversation the message started (the ingest created it). */
  newConversationId?: string;
  /** The message's contact, when the ingest created it. */
  newContactId?: string;
  /** The docs the ingest created, as stored (the run reads them from here, not from the store). */
  created?: Partial<Record<'contacts' | 'conversations', Stored<Record<string, unknown>>>>;
};

export type IngestNotes = {
  note(teamId: string, messageId: string, facts: IngestFacts): void;
  /** The facts noted for the message (once: the note is dropped). */
  take(teamId: string, messageId: string): IngestFacts | undefined;
  /** The facts noted for the message, leaving the note for the run. */
  peek(teamId: string, messageId: string): IngestFacts | undefined;
};

export function createIngestNotes(
  opts: { ttlMs?: number; max?: number; now?: () => number } = {},
): IngestNotes {
  const ttlMs = opts.ttlMs ?? 60_000;
  const max = opts.max ?? 10_000;
  const now = opts.now ?? Date.now;
  /** Oldest first (insertion order), so expired notes are dropped from the front. */
  const notes = new Map<string, { facts: IngestFacts; at: number }>();
  const key = (teamId: string, messageId: string) => `${teamId}\u0000${messageId}`;
  const prune = (t: number) => {
    for (const [k, v] of notes) {
      if (notes.size <= max && t - v.at < ttlMs) break;
      notes.delete(k);
    }
  };
  return {
    note(teamId, messageId, facts) {
      const t = now();
      if (!facts.newConversationId && !facts.newContactId) return;
      notes.set(key(teamId, messageId), { facts, at: t });
      prune(t);
    },
    take(teamId, messageId) {
      const k = key(teamId, messageId);
      const found = notes.get(k);
      notes.delete(k);
      return found && now() - found.at < ttlMs ? found.facts : undefined;
    },
    peek(teamId, messageId) {
      const found = notes.get(key(teamId, messageId));
      return found && now() - found.at < ttlMs ? found.facts : undefined;
    },
  };
}
