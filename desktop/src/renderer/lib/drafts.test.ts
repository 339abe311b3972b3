import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearDraft, createAutosaver, loadDraft, saveDraft } from './drafts';

const memory = () => {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
};

describe('drafts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves, restores and clears a draft per conversation', () => {
    const s = memory();
    saveDraft(s, 'c1', 'Hello', new Date('2026-03-01T00:00:00Z'));
    expect(loadDraft(s, 'c1')).toEqual({ text: 'Hello', savedAt: '2026-03-01T00:00:00.000Z' });
    expect(loadDraft(s, 'c2')).toBeNull();
    saveDraft(s, 'c1', '   ');
    expect(loadDraft(s, 'c1')).toBeNull();
    saveDraft(s, 'c1', 'x');
    clearDraft(s, 'c1');
    expect(loadDraft(s, 'c1')).toBeNull();
    s.setItem('sw.draft.c3', '{broken');
    expect(loadDraft(s, 'c3')).toBeNull();
  });

  it('autosaves the latest text every 5 seconds while typing, and on flush', () => {
    const save = vi.fn();
    const a = createAutosaver(save);
    a.change('H');
    a.change('He');
    vi.advanceTimersByTime(4999);
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledWith('He');
    a.change('Hel');
    a.flush();
    expect(save).toHaveBeenLastCalledWith('Hel');
    a.change('Hell');
    a.cancel();
    vi.advanceTimersByTime(10_000);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it("calls the browser's timers with the window as `this` (no 'Illegal invocation' per keystroke)", () => {
    // A browser's setTimeout throws "TypeError: Illegal invocation" when called as a method of another
    // object; Node's does not, so the check is made explicit here.
    const real = globalThis.setTimeout;
    const strict = function (this: unknown, fn: () => void, ms?: number) {
      if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
      return real(fn, ms);
    };
    vi.stubGlobal('setTimeout', strict);
    try {
      const save = vi.fn();
      const a = createAutosaver(save);
      expect(() => a.change('H')).not.toThrow();
      vi.advanceTimersByTime(5000);
      expect(save).toHaveBeenCalledWith('H');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
