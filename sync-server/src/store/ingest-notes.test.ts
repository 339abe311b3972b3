// Ingest notes: taken once, gone after their time, bounded, and only kept when there is something to say.
import { describe, expect, it } from 'vitest';
import { createIngestNotes } from './ingest-notes';

describe('ingest notes', () => {
  it('are taken once, per team and message', () => {
    const notes = createIngestNotes();
    notes.note('t1', 'm1', { newConversationId: 'c1' });
    expect(notes.take('t2', 'm1')).toBeUndefined();
    expect(notes.peek('t1', 'm1')).toEqual({ newConversationId: 'c1' });
    expect(notes.take('t1', 'm1')).toEqual({ newConversationId: 'c1' });
    expect(notes.take('t1', 'm1')).toBeUndefined();
  });

  it('expire, stay bounded and skip empty facts', () => {
    let t = 0;
    const notes = createIngestNotes({ ttlMs: 1_000, max: 2, now: () => t });
    notes.note('t', 'old', { newContactId: 'k0' });
    t = 1_000;
    expect(notes.take('t', 'old')).toBeUndefined();
    notes.note('t', 'a', { newContactId: 'k1' });
    notes.note('t', 'b', { newContactId: 'k2' });
    notes.note('t', 'c', { newContactId: 'k3' });
    notes.note('t', 'd', {});
    expect(notes.take('t', 'a')).toBeUndefined(); // the oldest made room
    expect(notes.take('t', 'c')).toEqual({ newContactId: 'k3' });
    expect(notes.take('t', 'd')).toBeUndefined();
  });
});
