// Reply drafts per conversation, autosaved (every 5 s while typing) to localStorage so a crash or a
// reload restores them. Pure apart from the storage it is given.

export const draftAutosaveMs = 5000;
const prefix = 'sw.draft.';

export type DraftStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
export type Draft = { text: string; savedAt: string };

export function loadDraft(storage: DraftStore, conversationId: string): Draft | null {
  try {
    const raw = storage.getItem(prefix + conversationId);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<Draft>;
    return typeof d.text === 'string' && typeof d.savedAt === 'string'
      ? { text: d.text, savedAt: d.savedAt }
      : null;
  } catch {
    return null;
  }
}

export function saveDraft(
  storage: DraftStore,
  conversationId: string,
  text: string,
  now = new Date(),
): Draft | null {
  if (!text.trim()) {
    storage.removeItem(prefix + conversationId);
    return null;
  }
  const draft = { text, savedAt: now.toISOString() };
  storage.setItem(prefix + conversationId, JSON.stringify(draft));
  return draft;
}

export function clearDraft(storage: DraftStore, conversationId: string) {
  storage.removeItem(prefix + conversationId);
}

/**
 * Saves the latest text at most every `intervalMs` while it changes, and once more on `flush`.
 * Returns the functions the reply box calls.
 */
export function createAutosaver(
  save: (text: string) => void,
  intervalMs = draftAutosaveMs,
  // Wrapped, not passed as `{ set: setTimeout }`: a browser's timers throw "Illegal invocation" when
  // called as a method of another object (`timers.set(...)` has `this === timers`).
  timers: { set: typeof setTimeout; clear: typeof clearTimeout } = {
    set: ((fn: () => void, ms?: number) => setTimeout(fn, ms)) as typeof setTimeout,
    clear: (id) => clearTimeout(id),
  },
) {
  let latest: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    if (latest !== null) save(latest);
    latest = null;
  };
  return {
    change(text: string) {
      latest = text;
      timer ??= timers.set(run, intervalMs);
    },
    flush() {
      if (timer) timers.clear(timer);
      run();
    },
    cancel() {
      if (timer) timers.clear(timer);
      timer = null;
      latest = null;
    },
  };
}
