// The Knowledge screen's embedding progress read from /embeddings' status.
import { describe, expect, it } from 'vitest';
import { progressOf } from './embedding-progress';

const ready = { state: 'ready' as const, current: 40, chunks: 40 };

describe('progressOf', () => {
  it("is the new index's progress while a new model embeds the knowledge, not the old index's", () => {
    expect(progressOf({ ...ready, state: 'switching', switching: { current: 12, chunks: 40 } })).toEqual({
      done: 12,
      total: 40,
    });
  });

  it('is the index’s own while it starts or has chunks left, and nothing once complete', () => {
    expect(progressOf({ state: 'starting', current: 0, chunks: 0 })).toEqual({ done: 0, total: 0 });
    expect(progressOf({ ...ready, current: 30 })).toEqual({ done: 30, total: 40 });
    expect(progressOf(ready)).toBeUndefined();
    expect(progressOf({ ...ready, state: 'unavailable' })).toBeUndefined();
    expect(progressOf(null)).toBeUndefined();
  });
});
