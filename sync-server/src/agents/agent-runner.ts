// Runs the agents on a team's inbound messages. Every server process follows the messages feed; for
// each inbound message it takes the conversation's lease (so one process at a time works on a
// conversation, in order) and runs the engine. The engine's reply has an id derived from the message
// and the engine skips a message whose reply exists, so a message handled twice — after a crash,
// or by two processes in turn — is answered once. A message whose conversation is busy elsewhere is
// retried until some process has handled it.
//
// Two processes cost CouchDB no more per message than one (issue 65): a message runs in the process
// that took it in (`takenHere`: its channel intake wrote it), whose caches know it (the ingest's notes:
// a new contact has no leads, a new conversation no earlier messages; its recent contacts and threads).
// Run by another process, it cost that one a query of the thread and of the leads, and the outbox of the
// process holding the bot a query of the thread to send the reply. So once this process knows another
// is at work (a reply through the feed to a message this process did not run, a conversation's lease
// lost to another holder, or any live lease of another holder read here, such as the team's bot's), a
// message another process took in waits here while that process shows it is alive: it is taken over
// only `deferMs` after the later of its arrival and the last sign of another process at work (the
// other process is gone or stuck), or `maxDeferMs` after its arrival whatever the others do (they fall
// far behind). Its reply coming through the feed takes it out here.
// Under a burst the process that took the messages in answers them all, however long its queue: a
// second process shares the work of the customers it takes in itself (webhooks, web chat).
// A lease lost to another holder is tried again after `retryMs`, doubled up to `maxRetryMs` while the
// holder keeps it: the holder runs every message of the conversation it has seen, and each reply
// through the feed takes the message out here.
import type { AgentEngine, StorePort } from '@app/shared/agents';
import type { MessageDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import { dropTrace, traceStage } from '../ops/message-trace';
import type { IntakeLoad } from '../store/intake-load';
import type { Change } from '../store/feeds/change-follower';
import { fromCouch, type Stored } from '../store/couch-docs';
import type { Lease, Leases } from '../store/leases';
import type { ReplyDrafts } from './reply-drafts';
import type { ThreadCache } from './thread-cache';

export type AgentRunner = {
  handle(changes: Change<Stored<MessageDoc>>[]): Promise<void>;
  /** Messages waiting for their conversation's lease. */
  readonly waiting: number;
  stop(): Promise<void>;
};

export type AgentRunnerOptions = {
  teamId: string;
  leases: Leases;
  /** A fresh engine over a fresh store port for each run (the port keeps per-run snapshots). */
  engineFor: () => {
    engine: AgentEngine;
    store: StorePort & {
      flush?: () => Promise<void>;
      /** The inbound message as the feed gave it (with `_rev`), so the run need not read it again. */
      prime?: (
        collection: 'messages',
        raw: Stored<Record<string, unknown>>,
        opts?: { alone?: boolean },
      ) => void;
    };
  };
  log: Logger;
  /**
   * Runs at once (across conversations; one conversation is always handled in order). Many, so that
   * under a burst their store requests meet and go in batches (store/coalescing-scope.ts).
   */
  concurrency?: number;
  /**
   * While this process takes in a backlog of customer messages (a mail burst), at most
   * `busyConcurrency` runs at once, so that the burst is stored first instead of sharing the CPU
   * with its own answers; runs under way go on, and full concurrency is back once intake is idle.
   */
  intakeLoad?: Pick<IntakeLoad, 'busy' | 'onIdle'>;
  busyConcurrency?: number;
  retryMs?: number;
  /** A lease lost to another holder is tried again after `retryMs`, doubled up to this (default 8 × retryMs). */
  maxRetryMs?: number;
  /**
   * Whether this process's channel intake took the message in (channels/intake.ts); without it every
   * message counts as taken in here (nothing waits).
   */
  takenHere?: (messageId: string) => boolean;
  /**
   * Once other processes are seen, a message another process took in waits here until the others have
   * shown no sign of work for this long (default retryMs), and at most `maxDeferMs` after it came
   * (default 6 × deferMs).
   */
  deferMs?: number;
  maxDeferMs?: number;
  /** Renew the lease this often while a run takes long (a slow model). */
  renewMs?: number;
  /** Runs wait for this first (e.g. the knowledge index loaded after a start). */
  ready?: Promise<void>;
  /** Cached threads: dropped when another process worked on the conversation meanwhile, or a run failed. */
  threads?: Pick<ThreadCache, 'forget'>;
  /** Answers being written, for channels that show them (web chat); ended once the reply is stored. */
  drafts?: Pick<ReplyDrafts, 'begin'>;
};

/** Adds to a set kept to its last 10 000 entries. */
function remember<T>(set: Set<T>, value: T): void {
  if (set.size >= 10_000) set.delete(set.values().next().value!);
  set.add(value);
}

/**
 * The runner's queues: per conversation, the messages to handle in feed order, each with when it came
 * here, the doc as the feed gave it, and its batch's settle (the feed's checkpoint moves only past
 * handled messages); and the inbound messages whose reply the feed showed (bounded): answered, by this
 * process or another. A process that lost a conversation's lease to another waited to take it and ran
 * the message again (the engine then found it answered): a lease taken, a run's reads and a release per
 * message that another process answered, what made two processes cost CouchDB more per message than
 * one (issue 65). Now such a message leaves the queue when its reply comes through the feed; one whose
 * run wrote no reply (a hand-off) is still waited for as before.
 */
function createRunQueues() {
  const queues = new Map<string, MessageDoc[]>();
  /** When each queued message came here (a message another process took in waits from then). */
  const arrivedAt = new Map<string, number>();
  const raws = new Map<string, Stored<Record<string, unknown>>>();
  const settle = new Map<string, () => void>();
  const answered = new Set<string>();
  /** The message is handled (or answered elsewhere): its batch may settle. */
  const done = (id: string) => {
    raws.delete(id);
    arrivedAt.delete(id);
    settle.get(id)?.();
    settle.delete(id);
  };
  return {
    queues,
    answered,
    arrivedAt: (id: string) => arrivedAt.get(id),
    raw: (id: string) => raws.get(id),
    done,
    /** Queues the message; answers when it is handled, or nothing when it was queued already. */
    add(message: MessageDoc, raw: Stored<Record<string, unknown>>): Promise<void> | undefined {
      const queue = queues.get(message.conversationId) ?? [];
      queues.set(message.conversationId, queue);
      if (queue.some((m) => m.id === message.id)) return undefined;
      arrivedAt.set(message.id, Date.now());
      queue.push(message);
      raws.set(message.id, raw);
      return new Promise<void>((resolve) => settle.set(message.id, resolve));
    },
    /** Takes the conversation's answered messages out of its queue, settled; true when none is left. */
    dropAnswered(conversationId: string): boolean {
      const queue = queues.get(conversationId);
      if (!queue) return true;
      for (let i = queue.length - 1; i >= 0; i--) {
        const id = queue[i]!.id;
        if (!answered.has(id)) continue;
        queue.splice(i, 1);
        done(id);
      }
      if (queue.length > 0) return false;
      queues.delete(conversationId);
      return true;
    },
    get size() {
      let n = 0;
      for (const q of queues.values()) n += q.length;
      return n;
    },
    /** Stopping: every batch settles, unhandled (the checkpoint stays before them). */
    clear() {
      for (const resolve of settle.values()) resolve();
      settle.clear();
      raws.clear();
      arrivedAt.clear();
    },
  };
}

/**
 * Whether other processes are at work on the team's conversations, and how long a message another
 * process took in is still left to it (the top of this file): seen within the last ten minutes, or a
 * lease of another live process read here (the team's bot another process runs: known from the start).
 */
function othersWatch(opts: AgentRunnerOptions, deferMs: number, maxDeferMs: number) {
  /** When another process was last seen at work on the team's conversations (0: never). */
  let othersAt = 0;
  const atWork = () =>
    (othersAt > 0 && Date.now() - othersAt < 600_000) || (opts.leases.othersLive?.() ?? false);
  return {
    seen: () => void (othersAt = Date.now()),
    /** How long the message is still left to the process that took it in (0: run it here now). */
    deferral(m: MessageDoc, arrivedAt: number | undefined): number {
      if (!opts.takenHere || !atWork() || opts.takenHere(m.id)) return 0;
      const now = Date.now();
      const arrived = arrivedAt ?? now;
      return Math.max(0, Math.min(Math.max(arrived, othersAt) + deferMs, arrived + maxDeferMs) - now);
    },
  };
}

/**
 * A conversation's lease for its runs. Busy in another process (or the store is down): tried again
 * later; it may be done by then (and its replies, come through the feed meanwhile, take the messages
 * out). Held elsewhere, each try waits twice as long as the one before, up to maxRetryMs.
 */
function conversationLeases(
  opts: AgentRunnerOptions,
  timing: { retryMs: number; maxRetryMs: number },
  othersSeen: () => void,
) {
  /** Leases of a conversation lost in a row to another holder: the next try waits longer. */
  const lost = new Map<string, number>();
  return async (conversationId: string): Promise<{ lease: Lease } | { retryInMs: number }> => {
    const key = `${opts.teamId}:${conversationId}`;
    let lease: Lease | null = null;
    try {
      lease = await opts.leases.acquire(key);
    } catch (err) {
      opts.log.warn({ err, conversationId }, 'lease store unavailable; retrying');
    }
    if (lease) {
      lost.delete(conversationId);
      return { lease };
    }
    const elsewhere = opts.leases.heldElsewhere?.(key) ?? false;
    const times = elsewhere ? (lost.get(conversationId) ?? 0) : 0;
    if (elsewhere) {
      othersSeen();
      if (lost.size >= 10_000) lost.delete(lost.keys().next().value!);
      lost.set(conversationId, times + 1);
    }
    return { retryInMs: Math.min(timing.maxRetryMs, timing.retryMs * 2 ** Math.min(times, 16)) };
  };
}

/**
 * One agent run on an inbound message, over a fresh engine and port. The port writes what the run
 * wrote when it ends (flush), also after a failure: a run that could not store its work failed, and
 * is run again (it throws). The draft ends once the reply is stored.
 */
async function runMessage(
  opts: AgentRunnerOptions,
  message: MessageDoc,
  raw: Stored<Record<string, unknown>> | undefined,
  unbroken: boolean,
): Promise<void> {
  const conversationId = message.conversationId;
  const { engine, store: port } = opts.engineFor();
  // Another process held the conversation meanwhile: it may have run this very message, so
  // what the ingest here noted about it (a conversation with nothing before) is not trusted.
  if (raw) port.prime?.('messages', raw, { alone: unbroken });
  const t0 = performance.now();
  const draft = opts.drafts?.begin(opts.teamId, message);
  try {
    const result = await engine
      .handleInbound(message, draft ? { onDraft: (text) => draft.update(text) } : undefined)
      .finally(() => port.flush?.())
      .finally(() => draft?.end());
    if (result.replies.length > 0) traceStage(message.id, 'written');
    else dropTrace(message.id);
    opts.log.info(
      {
        messageId: message.id,
        conversationId,
        runId: result.runId,
        skipped: result.skipped,
        replies: result.replies.length,
        handoff: result.handoff?.reason,
        ms: Math.round(performance.now() - t0),
        ...('stats' in port ? { store: port.stats } : {}),
      },
      'agent run',
    );
  } catch (err) {
    // Not dropped: it stays first in the queue and is tried again after a pause.
    opts.log.error({ err, messageId: message.id, conversationId }, 'agent run failed; will retry');
    throw err;
  }
}

export function createAgentRunner(opts: AgentRunnerOptions): AgentRunner {
  const retryMs = opts.retryMs ?? 1_000;
  const maxRetryMs = Math.max(retryMs, opts.maxRetryMs ?? 8 * retryMs);
  const deferMs = opts.deferMs ?? retryMs;
  const startedAt = Date.now();
  const renewMs = opts.renewMs ?? 5_000;
  const limit = concurrencyLimit(opts);
  const runs = createRunQueues();
  const { queues, answered } = runs;
  const others = othersWatch(opts, deferMs, Math.max(deferMs, opts.maxDeferMs ?? 6 * deferMs));
  const takeLease = conversationLeases(opts, { retryMs, maxRetryMs }, others.seen);
  const active = new Set<string>();
  const waiting = new Map<string, ReturnType<typeof setTimeout>>();
  let stopped = false;
  const running = new Set<Promise<void>>();
  // Intake idle again: the runs held back start at once.
  const unsubscribe = opts.intakeLoad?.onIdle(() => schedule());
  /** Inbound messages this process has run (bounded): a reply to any other is another process's. */
  const ranHere = new Set<string>();

  function answeredElsewhere(inboundId: string, writtenAt: number): void {
    remember(answered, inboundId);
    // Another process answered it lately (not a reply the feed brings again after a restart here).
    if (!ranHere.has(inboundId) && writtenAt >= startedAt) others.seen();
    for (const [conversationId, queue] of queues)
      // A conversation being drained here drops it when it comes to it (drain). One not being drained
      // here that held the message: another process answered it.
      if (!active.has(conversationId)) {
        if (queue.some((m) => m.id === inboundId)) others.seen();
        dropAnswered(conversationId);
      }
  }

  /** Takes the conversation's answered messages out (runs.dropAnswered); an empty one waits no more. */
  function dropAnswered(conversationId: string): boolean {
    if (!runs.dropAnswered(conversationId)) return false;
    clearTimeout(waiting.get(conversationId));
    waiting.delete(conversationId);
    return true;
  }

  function schedule(): void {
    for (const conversationId of queues.keys()) {
      if (stopped || active.size >= limit()) return;
      if (active.has(conversationId) || waiting.has(conversationId)) continue;
      active.add(conversationId);
      const p = drain(conversationId).finally(() => {
        active.delete(conversationId);
        running.delete(p);
        schedule();
      });
      running.add(p);
    }
  }

  /** Leaves the conversation alone for `ms`, then schedules it again. */
  function retryLater(conversationId: string, ms: number): void {
    waiting.set(
      conversationId,
      setTimeout(() => {
        waiting.delete(conversationId);
        schedule();
      }, ms),
    );
  }

  async function drain(conversationId: string): Promise<void> {
    await opts.ready;
    // The first message waiting was taken in by another process that is at work: left to it a while.
    const first = queues.get(conversationId)?.[0];
    const wait = first ? others.deferral(first, runs.arrivedAt(first.id)) : 0;
    if (wait > 0) return retryLater(conversationId, wait);
    const taken = await takeLease(conversationId);
    if (!('lease' in taken)) {
      if (!dropAnswered(conversationId)) retryLater(conversationId, taken.retryInMs);
      return;
    }
    const held = taken.lease;
    if (!held.unbroken) opts.threads?.forget(conversationId);
    const renewal = renewing(opts, held, conversationId, renewMs);
    try {
      dropAnswered(conversationId);
      const queue = queues.get(conversationId) ?? [];
      while (queue.length > 0 && !stopped) {
        const message = queue[0]!;
        // Before the run: its reply may come through the feed before the run's end is seen here.
        remember(ranHere, message.id);
        await runMessage(opts, message, runs.raw(message.id), held.unbroken);
        queue.shift();
        runs.done(message.id);
      }
      if (queue.length === 0) queues.delete(conversationId);
    } catch {
      // What the failed run wrote is not known for sure (a write may have landed unanswered): the
      // next try reads the conversation from the store.
      opts.threads?.forget(conversationId);
      retryLater(conversationId, retryMs * 5);
    } finally {
      clearInterval(renewal);
      await opts.leases.release(held).catch(() => undefined);
    }
  }

  return {
    get waiting() {
      return runs.size;
    },
    async handle(changes) {
      // A batch the feed read as the runner stopped: nobody would settle it (the follower, stopping
      // too, would wait for it forever); unhandled, it stays after the checkpoint.
      if (stopped) throw new Error('agent runner stopped before the batch was handled');
      const done: Promise<void>[] = [];
      for (const c of changes) {
        if (!c.doc || c.deleted) continue;
        const message = fromCouch<MessageDoc>(c.doc);
        const repliedTo = agentReplyTo(message);
        if (repliedTo) answeredElsewhere(repliedTo, Date.parse(message.createdAt));
        if (!wanted(message) || answered.has(message.id)) continue;
        const handled = runs.add(message, c.doc);
        if (handled) {
          traceStage(message.id, 'picked');
          done.push(handled);
        }
      }
      schedule();
      // Resolves when every message of the batch has been handled here (or on stop, unhandled: the
      // checkpoint then stays before them and they are handled after the restart).
      await Promise.all(done);
      if (stopped) throw new Error('agent runner stopped before the batch was handled');
    },
    async stop() {
      stopped = true;
      unsubscribe?.();
      for (const t of waiting.values()) clearTimeout(t);
      waiting.clear();
      await Promise.allSettled([...running]);
      runs.clear();
    },
  };
}

/** How many runs at once now: `concurrency`, or `busyConcurrency` while intake takes a backlog in. */
function concurrencyLimit(opts: AgentRunnerOptions): () => number {
  const concurrency = opts.concurrency ?? 32;
  const busyConcurrency = Math.min(concurrency, Math.max(1, opts.busyConcurrency ?? 2));
  return () => (opts.intakeLoad?.busy ? busyConcurrency : concurrency);
}

/** Renews the conversation's lease every `renewMs` while a run takes long (a slow model); clearInterval ends it. */
function renewing(opts: AgentRunnerOptions, held: Lease, conversationId: string, renewMs: number) {
  return setInterval(() => {
    opts.leases
      .renew(held)
      .catch((err: unknown) => opts.log.warn({ err, conversationId }, 'lease renewal failed'));
  }, renewMs);
}

/** The message an agents' reply answers (shared/src/agents/roles/respond.ts): that message is answered. */
function agentReplyTo(m: MessageDoc): string | undefined {
  return m.direction === 'outbound' && m.author?.kind === 'agent' ? m.replyToId : undefined;
}

/** An inbound message the agents have not yet handled. */
function wanted(m: MessageDoc): boolean {
  return m.direction === 'inbound' && !m.signals?.handledByBot;
}
