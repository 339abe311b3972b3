import { describe, expect, it } from 'vitest';
import { createSharedPolls, pollKey, type PollAnswer } from './shared-polls';

/** An `ask` whose answer the test gives, recording each call and whether its signal was aborted. */
function asker() {
  const calls: { signal: AbortSignal; answer(a: PollAnswer): void; fail(e: unknown): void }[] = [];
  const ask = (signal: AbortSignal) =>
    new Promise<PollAnswer>((answer, fail) => calls.push({ signal, answer, fail }));
  return { calls, ask };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('shared long-polls', () => {
  it('asks once for every caller waiting on the same question, and each gets the answer', async () => {
    const polls = createSharedPolls();
    const { calls, ask } = asker();
    const waiting = [1, 2, 3].map(() => polls.wait('q', ask, new AbortController().signal));
    expect(calls).toHaveLength(1);
    expect(polls.open).toBe(1);
    calls[0]!.answer({ status: 200, text: 'changes' });
    expect(await Promise.all(waiting)).toEqual(Array(3).fill({ status: 200, text: 'changes' }));
    expect(polls.open).toBe(0);
  });

  it('asks anew once answered, and separately for another question', async () => {
    const polls = createSharedPolls();
    const { calls, ask } = asker();
    const first = polls.wait('q', ask, new AbortController().signal);
    void polls.wait('other', ask, new AbortController().signal);
    expect(calls).toHaveLength(2);
    calls[0]!.answer({ status: 200, text: 'a' });
    await first;
    void polls.wait('q', ask, new AbortController().signal);
    expect(calls).toHaveLength(3);
  });

  it('keeps the request while someone waits, and cancels it when the last caller leaves', async () => {
    const polls = createSharedPolls();
    const { calls, ask } = asker();
    const a = new AbortController();
    const b = new AbortController();
    const first = polls.wait('q', ask, a.signal);
    const second = polls.wait('q', ask, b.signal);
    a.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls[0]!.signal.aborted).toBe(false);
    b.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(polls.open).toBe(0);
    // The cancelled request's failure reaches nobody; a new caller sends a new one.
    calls[0]!.fail(new DOMException('aborted', 'AbortError'));
    void polls.wait('q', ask, new AbortController().signal);
    expect(calls).toHaveLength(2);
    await tick();
  });

  it('passes a failed request on to every caller', async () => {
    const polls = createSharedPolls();
    const { calls, ask } = asker();
    const waiting = [1, 2].map(() => polls.wait('q', ask, new AbortController().signal));
    calls[0]!.fail(new Error('store down'));
    for (const w of waiting) await expect(w).rejects.toThrow('store down');
    expect(polls.open).toBe(0);
  });

  it('refuses a caller that has already stopped, without asking', async () => {
    const polls = createSharedPolls();
    const { calls, ask } = asker();
    const gone = new AbortController();
    gone.abort();
    await expect(polls.wait('q', ask, gone.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(0);
  });

  it('keys a question by method, path, parameters in any order and body', () => {
    const a = new URLSearchParams('since=5&feed=longpoll&limit=10');
    const b = new URLSearchParams('limit=10&feed=longpoll&since=5');
    expect(pollKey('GET', '/t_a_leads/_changes', a, undefined)).toBe(
      pollKey('GET', '/t_a_leads/_changes', b, undefined),
    );
    expect(pollKey('GET', '/t_a_leads/_changes', a, undefined)).not.toBe(
      pollKey('GET', '/t_b_leads/_changes', a, undefined),
    );
    expect(pollKey('GET', '/t_a_leads/_changes', a, undefined)).not.toBe(
      pollKey('GET', '/t_a_leads/_changes', new URLSearchParams('since=6&feed=longpoll&limit=10'), undefined),
    );
    expect(pollKey('POST', '/t_a_leads/_changes', a, '{"doc_ids":["x"]}')).not.toBe(
      pollKey('POST', '/t_a_leads/_changes', a, '{"doc_ids":["y"]}'),
    );
  });
});
