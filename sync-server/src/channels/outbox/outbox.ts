// The outbox of every channel: takes a team's outbound messages of one channel to its transport
// (transport.ts: Telegram's Bot API, e-mail's SMTP pool, VK's messages.send), each exactly once and
// each conversation's in the order written. What is to send comes from the messages feed (startOutbox
// below: only what is due now, so a follow-up planned for later costs the store nothing until it comes
// due) and from sweeps. A full sweep (at start, then every `fullSweepMs`) reads every unsettled message
// of the channel; between them, a due sweep (every `sweepMs`) reads only the claims left `sending`
// (by a process that died) and, by id, the pending messages that came due since: the outbox keeps
// when each pending message it saw (in the feed or a full sweep) comes due, so the planned
// follow-ups, as many as the team's quiet leads, are not read again every few seconds. A feed batch
// is read again with every message of its conversations not yet settled (a sharded CouchDB's feed
// interleaves its shards: the store, not the feed, says what goes before, asked once a write of
// several messages has had `settleMs` to land on every shard, as a sweep that finds work reads again
// after it); one another process is sending holds what follows it, as one waiting for its retry.
// Each message is claimed by compare-and-swap (claim.ts) right before it is sent; its delivery steps
// are written through channels/delivery.ts on the revision the claim wrote. A `retry-later` writes
// the message pending with its next attempt's time (backoff.ts), waits, claims it again and tries
// again, the conversation's later messages waiting behind it; `failed`, or too many attempts, marks
// it failed. A message delivered is told to the after-delivery hook (an agent's answer gets its
// follow-up planned then). The parts: what is to send and what goes before it (pending.ts), sending
// one message (deliver.ts); this file runs each conversation's messages in order, conversations side
// by side, and answers the feed and the sweeps.
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Store } from '../../context';
import { outboxHealth } from '../../ops/pipeline-health';
import type { Change } from '../../store/feeds/change-follower';
import type { PortMirrors } from '../../agents/couch-store-port';
import { createClaimedMessages, type ClaimedMessages } from '../delivery';
import { asMessage, isDue, type StoredMessage } from './claim';
import { CLAIM_WINDOW_MS, claimWindows, type WindowClock } from './claim-window';
import { teamMessages, type OutboxContext } from './context';
import { createDeliverer } from './deliver';
import { createPendingReads } from './pending';
import type { OutboxTransport } from './transport';

export type Outbox = {
  /** Changes-feed handler for the team's messages: hands what is due to the transport (not awaited). */
  handle(changes: Change<StoredMessage>[]): Promise<void>;
  /** Sends every due message still pending in the store; answers how many were claimed. */
  sweep(): Promise<number>;
  /**
   * Sends what came due since it was seen (planned follow-ups, retries) and what a dead sender left
   * `sending`, without reading the rest; answers how many were claimed.
   */
  sweepDue(): Promise<number>;
  /** Messages claimed here and not yet settled. */
  readonly inFlight: number;
  /** Resolves when nothing is queued or in flight here. */
  idle(): Promise<void>;
  /**
   * Tells the operator's gauge how many conversations wait here (ops/pipeline-health.ts): an outbox
   * that has not moved while some wait is stalled. startOutbox calls it with each sweep.
   */
  checkHealth(): void;
  /** Waits end now, nothing new is claimed; resolves when the sends in flight are settled. */
  stop(): Promise<void>;
};

export type OutboxOptions = {
  store: Store;
  teamId: string;
  transport: OutboxTransport;
  log: Logger;
  now?: () => Date;
  /** A `sending` claim older than this belongs to a sender that died: the message is sent again. */
  staleClaimMs?: number;
  /**
   * The team's agent settings in memory and its cached threads: planning a delivered answer's
   * follow-up reads them.
   */
  mirrors?: PortMirrors;
  random?: () => number;
  claimed?: ClaimedMessages;
  /**
   * How long a write of several messages may take to land on every shard: waited before the store is
   * asked what goes before another writer's message, and before a sweep that found work reads again.
   */
  settleMs?: number;
  /**
   * How long a `sent` mark may wait for those of the other messages being sent here, to be written
   * with them (default GATHER_SENT_MS; 0: each at once).
   */
  gatherSentMs?: number;
  /** The claim windows' length (default CLAIM_WINDOW_MS; 0: each claim at its turn) and time. */
  claimWindowMs?: number;
  windowClock?: WindowClock;
};

/**
 * The longest a `sent` mark waits for company: a claim window (claim-window.ts), whose messages a
 * paced channel sends one after another (Telegram: past 30 in a second), so a window's marks go
 * as one write.
 */
export const GATHER_SENT_MS = 250;

/** The settle window, the same the feed's follower waits between batches (start.ts). */
export const SETTLE_MS = 20;

export function createOutbox(opts: OutboxOptions): Outbox {
  const stopper = new AbortController();
  // Every send waiting for the transport's rate limit listens for the stop: in a burst, hundreds at
  // once (Node warns of a leak past ten; each listener goes when its wait ends).
  setMaxListeners(0, stopper.signal);
  const { store, teamId, transport } = opts;
  const channel = transport.channel;
  const health = outboxHealth(teamId, channel, opts.log);
  const ctx: OutboxContext = {
    store,
    teamId,
    channel,
    transport,
    log: opts.log.child({ component: `${channel}-outbox` }),
    now: opts.now ?? (() => new Date()),
    staleClaimMs: opts.staleClaimMs ?? 60_000,
    settleMs: opts.settleMs ?? SETTLE_MS,
    gatherSentMs: opts.gatherSentMs ?? GATHER_SENT_MS,
    claimWindow: claimWindows(opts.claimWindowMs ?? CLAIM_WINDOW_MS, opts.windowClock),
    ...(opts.mirrors ? { mirrors: opts.mirrors } : {}),
    messages: () => teamMessages(store, teamId),
    signal: stopper.signal,
    moved: () => health.moved(),
  };
  const { log, now, staleClaimMs, settleMs } = ctx;
  const pending = createPendingReads(ctx);
  const deliverer = createDeliverer(ctx, {
    claimed: opts.claimed ?? createClaimedMessages(),
    ...(opts.random ? { random: opts.random } : {}),
  });
  const { inFlight } = deliverer;
  /** The last queued run of each conversation: the next waits for it. */
  const chains = new Map<string, Promise<number>>();

  async function runChain(list: StoredMessage[], queued: boolean): Promise<number> {
    let n = 0;
    for (const raw of list) {
      if (stopper.signal.aborted) break;
      const step = await deliverer.deliverOne(raw, queued);
      if (step === 'stop') break;
      if (step === 'sent') n++;
    }
    return n;
  }

  /** Each conversation's messages in the order given, behind what is queued for it; conversations side by side. */
  function dispatch(docs: StoredMessage[]): Promise<number> {
    const byConversation = new Map<string, StoredMessage[]>();
    for (const d of docs) {
      const list = byConversation.get(d.conversationId);
      if (list) list.push(d);
      else byConversation.set(d.conversationId, [d]);
    }
    const runs = [...byConversation].map(([conversationId, list]) => {
      const before = chains.get(conversationId);
      const run = (before ?? Promise.resolve(0))
        .then(() => runChain(list, before !== undefined))
        .catch((err: unknown) => {
          log.error({ err, conversationId }, `${channel} delivery failed; the messages stay pending`);
          // Due now: the next due sweep reads them again.
          pending.dueAgain(
            list.map((d) => d._id),
            now().getTime(),
          );
          return 0;
        });
      chains.set(conversationId, run);
      void run.then(() => {
        if (chains.get(conversationId) === run) chains.delete(conversationId);
        health.waiting(chains.size);
      });
      return run;
    });
    health.waiting(chains.size);
    return Promise.all(runs).then((ns) => ns.reduce((a, b) => a + b, 0));
  }

  return {
    get inFlight() {
      return inFlight.size;
    },
    async handle(changes) {
      // Only what is to send now: a follow-up planned for later, or a message waiting for its retry
      // (written pending by this outbox), is the sweep's when it comes due.
      const t = now();
      const docs = changes.flatMap((c) => {
        if (!c.doc || c.deleted) return [];
        pending.note(c.doc, t);
        return !inFlight.has(c.doc._id) && isDue(asMessage(c.doc), channel, t, staleClaimMs) ? [c.doc] : [];
      });
      if (docs.length) void dispatch(await pending.withUnsettledBefore(docs));
    },
    async sweep() {
      if (!(await pending.unsettled()).length) return 0;
      // A read made while a write of several messages lands shard by shard can hold a conversation's
      // later message without the one before it. What it found is read again once such a write has
      // landed, and that read is what is sent (a sweep that finds nothing costs nothing more).
      await sleep(settleMs, undefined, { signal: stopper.signal }).catch(() => undefined);
      if (stopper.signal.aborted) return 0;
      return dispatch(await pending.unsettled());
    },
    async sweepDue() {
      const [stale, due] = await Promise.all([pending.inStatus('sending'), pending.cameDue()]);
      const t = now();
      const docs = [...stale, ...due].filter(
        (d) => !inFlight.has(d._id) && isDue(asMessage(d), channel, t, staleClaimMs),
      );
      if (docs.length === 0) return 0;
      // Each with what goes before it in its conversation (read once a write of several has landed).
      return dispatch(await pending.withUnsettledBefore(docs));
    },
    async idle() {
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
    checkHealth: () => health.waiting(chains.size),
    async stop() {
      stopper.abort();
      while (chains.size > 0) await Promise.all([...chains.values()]);
      health.close();
      await transport.close?.();
    },
  };
}
