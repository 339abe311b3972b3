// Drafts of the agents' answers while the model writes them, for channels that can show them (web
// chat: the visitor's widget shows "typing…" and the growing text). In this process's memory only,
// never stored: the agent run writes its conversation's draft (the engine's `onDraft`, already checked
// for markup and the reply gate's rules: shared/src/agents/reply-draft.ts), the channel reads it and is
// told of changes. Bounded: at most `maxDrafts` conversations (the oldest dropped), `maxChars` each, and
// a draft not written for `ttlMs` is gone. With several server processes a visitor sees the draft only
// when their widget's request reaches the process running the answer; the reply itself reaches them
// either way, as before.
import type { MessageDoc } from '@app/shared/schemas';

export type Draft = { text: string; updatedAt: number };

/** One run's draft: `update` as the answer grows ('' = typing), `end` once its reply is stored. */
export type DraftRun = { update(text: string): void; end(): void };

export type ReplyDrafts = {
  /** A draft for the run answering `message`, when its channel shows drafts. */
  begin(teamId: string, message: MessageDoc): DraftRun | undefined;
  /** The conversation's draft now (none: no answer being written here). */
  read(teamId: string, conversationId: string): Draft | undefined;
  /** Told each time the conversation's draft changes or ends; answers the unsubscribe. */
  watch(teamId: string, conversationId: string, listener: () => void): () => void;
  readonly size: number;
};

export type ReplyDraftOptions = {
  /** The channels whose customers see drafts. */
  channels: readonly MessageDoc['channel'][];
  maxDrafts?: number;
  maxChars?: number;
  ttlMs?: number;
  now?: () => number;
};

export function createReplyDrafts(opts: ReplyDraftOptions): ReplyDrafts {
  const maxDrafts = opts.maxDrafts ?? 1_000;
  const maxChars = opts.maxChars ?? 2_000;
  const ttlMs = opts.ttlMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const channels = new Set(opts.channels);
  /** Keyed by team and conversation; Map order is the order they were last written. */
  const drafts = new Map<string, Draft>();
  const watchers = new Map<string, Set<() => void>>();
  const keyOf = (teamId: string, conversationId: string) => `${teamId}\u0000${conversationId}`;

  const tell = (key: string) => {
    for (const listener of [...(watchers.get(key) ?? [])]) listener();
  };

  function write(key: string, text: string): void {
    drafts.delete(key);
    drafts.set(key, { text: text.slice(0, maxChars), updatedAt: now() });
    while (drafts.size > maxDrafts) {
      const oldest = drafts.keys().next().value!;
      drafts.delete(oldest);
      tell(oldest);
    }
    tell(key);
  }

  return {
    begin(teamId, message) {
      if (!channels.has(message.channel)) return undefined;
      const key = keyOf(teamId, message.conversationId);
      let ended = false;
      return {
        update(text) {
          if (!ended) write(key, text);
        },
        end() {
          if (ended) return;
          ended = true;
          if (drafts.delete(key)) tell(key);
        },
      };
    },
    read(teamId, conversationId) {
      const key = keyOf(teamId, conversationId);
      const draft = drafts.get(key);
      if (!draft) return undefined;
      if (now() - draft.updatedAt <= ttlMs) return draft;
      drafts.delete(key);
      return undefined;
    },
    watch(teamId, conversationId, listener) {
      const key = keyOf(teamId, conversationId);
      const set = watchers.get(key) ?? new Set();
      set.add(listener);
      watchers.set(key, set);
      return () => {
        set.delete(listener);
        if (set.size === 0 && watchers.get(key) === set) watchers.delete(key);
      };
    },
    get size() {
      return drafts.size;
    },
  };
}
