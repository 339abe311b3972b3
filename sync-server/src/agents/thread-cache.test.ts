// The thread cache: takes in changes only for the threads it holds, keeps the newest revision, gets
// the changes that arrive while a thread is read, drops tombstones, and stays bounded.
import { describe, expect, it } from 'vitest';
import { createThreadCache } from './thread-cache';

const msg = (id: string, conversationId: string, rev: string, text = id) => ({
  _id: id,
  _rev: rev,
  conversationId,
  text,
});

describe('thread cache', () => {
  it('holds what was read, with the changes that came meanwhile and after', async () => {
    const cache = createThreadCache();
    cache.apply([msg('a', 'c1', '1-x')]); // not cached yet: ignored
    expect(cache.get('c1')).toBeUndefined();
    const loaded = await cache.load('c1', async () => {
      // A change arrives while the store is being read: newer than what the read returns.
      cache.apply([msg('a', 'c1', '2-y', 'edited'), msg('b', 'c1', '1-z')]);
      return [msg('a', 'c1', '1-x')];
    });
    expect(loaded?.map((d) => [d._id, d._rev])).toEqual([
      ['a', '2-y'],
      ['b', '1-z'],
    ]);
    cache.apply([msg('a', 'c1', '1-x', 'stale'), msg('c', 'c1', '1-w'), msg('x', 'c2', '1-v')]);
    expect(cache.get('c1')?.map((d) => `${d._id}:${String(d.text)}`)).toEqual(['a:edited', 'b:b', 'c:c']);
    expect(cache.get('c2')).toBeUndefined();
    // A tombstone carries no conversation: the cache knows whose message it was.
    cache.apply([{ _id: 'b', _rev: '2-t', _deleted: true }]);
    expect(cache.get('c1')?.map((d) => d._id)).toEqual(['a', 'c']);
  });

  it('begins a thread with a message that started its conversation, and keeps what follows', () => {
    const cache = createThreadCache();
    const starts = (doc: { _id: string }) => doc._id === 'first';
    cache.apply([msg('other', 'c9', '1-a')], starts); // not a start: nothing cached
    expect(cache.get('c9')).toBeUndefined();
    cache.apply([msg('first', 'c1', '1-a'), msg('second', 'c1', '1-b')], starts);
    cache.apply([msg('first:reply', 'c1', '1-c')]);
    expect(cache.get('c1')?.map((d) => d._id)).toEqual(['first', 'second', 'first:reply']);
  });

  it('hands out copies, forgets on request and drops the least recently used', async () => {
    const cache = createThreadCache({ maxThreads: 2 });
    await cache.load('c1', async () => [msg('a', 'c1', '1-x')]);
    cache.get('c1')![0]!.text = 'changed by a caller';
    expect(cache.get('c1')![0]!.text).toBe('a');
    await cache.load('c2', async () => [msg('b', 'c2', '1-x')]);
    cache.get('c1'); // c2 is now the least recently used
    await cache.load('c3', async () => [msg('c', 'c3', '1-x')]);
    expect(cache.get('c2')).toBeUndefined();
    expect(cache.size).toBe(2);
    cache.forget('c1');
    expect(cache.get('c1')).toBeUndefined();
    // A thread too long for a store read (undefined) is not cached.
    expect(await cache.load('c4', async () => undefined)).toBeUndefined();
    expect(cache.get('c4')).toBeUndefined();

    // Bounded in messages too: a thread that brings the total over drops the least recently used.
    const small = createThreadCache({ maxTotal: 3 });
    await small.load('c1', async () => [msg('a', 'c1', '1-x'), msg('b', 'c1', '1-x')]);
    await small.load('c2', async () => [msg('c', 'c2', '1-x')]);
    small.apply([msg('d', 'c2', '1-x')]);
    expect(small.get('c1')).toBeUndefined();
    expect(small.get('c2')?.map((d) => d._id)).toEqual(['c', 'd']);
  });

  it('knows the messages this process wrote, until their thread is dropped', async () => {
    const cache = createThreadCache();
    // Not cached: a write is not kept, so nothing is known as written here.
    cache.wrote([msg('early', 'c1', '1-a')]);
    expect(cache.wroteHere('c1', ['early'])).toBeUndefined();
    await cache.load('c1', async () => [msg('early', 'c1', '1-a'), msg('theirs', 'c1', '1-b')]);
    cache.wrote([msg('mine', 'c1', '1-c')]);
    expect(cache.wroteHere('c1', ['mine'])?.map((d) => d._id)).toEqual(['early', 'theirs', 'mine']);
    // Every id must be written here, in this conversation.
    expect(cache.wroteHere('c1', ['mine', 'theirs'])).toBeUndefined();
    expect(cache.wroteHere('c2', ['mine'])).toBeUndefined();
    cache.apply([msg('theirs', 'c1', '2-d')]);
    expect(cache.wroteHere('c1', ['theirs'])).toBeUndefined();
    cache.forget('c1');
    expect(cache.wroteHere('c1', ['mine'])).toBeUndefined();
    await cache.load('c1', async () => [msg('mine', 'c1', '1-c')]);
    expect(cache.wroteHere('c1', ['mine'])).toBeUndefined();
  });

  it('knows the writes under way: settled() waits for them, failed or not, and answers at once for others', async () => {
    const cache = createThreadCache();
    await cache.load('c1', async () => []);
    let answer!: () => void;
    const write = new Promise<void>((resolve) => (answer = resolve));
    cache.writing(['reply'], write);
    // The feed brought the reply before the store's answer: not yet known as written here.
    expect(cache.wroteHere('c1', ['reply'])).toBeUndefined();
    let waited = false;
    const wait = cache.settled(['reply', 'other']).then(() => (waited = true));
    await Promise.resolve();
    expect(waited).toBe(false);
    cache.wrote([msg('reply', 'c1', '1-a')]);
    answer();
    await wait;
    expect(cache.wroteHere('c1', ['reply'])?.map((d) => d._id)).toEqual(['reply']);
    // A failed write settles too, and a settled one is no longer waited for.
    cache.writing(['lost'], Promise.reject(new Error('store down')));
    await cache.settled(['lost']);
    await cache.settled(['reply', 'lost', 'never-written']);
  });
});
