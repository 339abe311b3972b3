// The knowledge gate: chunks are admitted only for a source the server made ready, and of it only those
// it counted; a source that fails, waits or is deleted closes, and a new count reads its chunks again.
import type { IndexChange } from '@app/shared/search';
import { describe, expect, it } from 'vitest';
import { createSourceGate } from './knowledge-gate';

const source = (id: string, status: string, chunkCount?: number): IndexChange =>
  ({
    collection: 'knowledge_sources',
    id,
    doc: { id, title: id, kind: 'text', status, ...(chunkCount === undefined ? {} : { chunkCount }) },
  }) as IndexChange;
const chunk = (sourceId: string, ordinal: number, id = `${sourceId}:${ordinal}`) => ({
  id,
  sourceId,
  ordinal,
});

describe('the knowledge gate', () => {
  it('admits the counted chunks of a ready source only', () => {
    const gate = createSourceGate();
    expect(gate.update([source('qa', 'pending'), source('file', 'failed', 0)])).toEqual({
      closed: new Set(),
      opened: new Set(),
    });
    expect(gate.admits(chunk('qa', 0))).toBe(false);
    expect(gate.admits(chunk('file', 0))).toBe(false);
    expect(gate.update([source('qa', 'ready', 1)]).opened).toEqual(new Set(['qa']));
    expect(gate.admits(chunk('qa', 0))).toBe(true);
    // A chunk a device adds later, or one under another id, is not what the server counted.
    expect(gate.admits(chunk('qa', 1))).toBe(false);
    expect(gate.admits(chunk('qa', 0, 'qa-extra'))).toBe(false);
    // A source the server wrote without a count (the demo's, older ones): all its chunks.
    gate.update([source('seed', 'ready')]);
    expect(gate.admits(chunk('seed', 7, 'anything'))).toBe(true);
  });

  it('closes a source that is no longer ready, and reopens one whose count changed', () => {
    const gate = createSourceGate();
    gate.update([source('a', 'ready', 2), source('b', 'ready', 1)]);
    expect(gate.update([source('a', 'ready', 2)])).toEqual({ closed: new Set(), opened: new Set() });
    expect(gate.update([source('a', 'indexing'), source('b', 'ready', 3)])).toEqual({
      closed: new Set(['a', 'b']),
      opened: new Set(['b']),
    });
    expect(gate.admits(chunk('a', 0))).toBe(false);
    expect(gate.admits(chunk('b', 2))).toBe(true);
    const gone = { collection: 'knowledge_sources', id: 'b', deleted: true } as IndexChange;
    expect(gate.update([gone]).closed).toEqual(new Set(['b']));
    expect(gate.admits(chunk('b', 0))).toBe(false);
  });
});
