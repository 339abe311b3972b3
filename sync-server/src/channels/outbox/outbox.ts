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
// follow-up planned then).
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDemoConversation } from '@app/shared/crm';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../../context';
import type { Change } from '../../runtime/change-follower';
import type { PortMirrors } from '../../runtime/couch-store-port';
import { getDoc, type Stored } from '../../store/couch-docs';
import { dueScheduled, isUnsettledOutbound, unsettledOutbound, writtenOrder } from '../../store/queries';
import { createClaimedMessages, createDeliveryPort, onDelivered, type ClaimedMessages } from '../delivery';
import { refuseDemoMessage } from '../demo-guard';
import { backoffMs, defaultRetryPolicy } from './backoff';
import { asMessage, claimMessage, holdsConversation, isCandidate, isDue, type StoredMessage } from './claim';
import { reasonOf, type OutboxTransport, type SendOutcome } from './transport';

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
};

/** The settle window, the same the feed's follower waits between batches (start.ts). */
export const SETTLE_MS = 20;

/** The pending messages one conversation's answer holds. */
const PENDING_LIMIT = 1000;
/** Pending messages not yet due whose time the outbox keeps; past it, only full sweeps find the rest. */
const PLANNED_LIMIT = 100_000;

/** When a pending message comes due: its planned time and its next attempt, whichever is later. */
function dueAt(m: MessageDoc): number {
  const at = (iso: string | undefined) => (iso ? Date.parse(iso) || 0 : 0);
  return Math.max(at(m.scheduledFor), at(m.delivery.nextAttemptAt));
}

type Step = 'sent' | 'skip' | 'stop';

export function createOutbox(opts: OutboxOptions): Outbox {
  const { store, teamId, transport } = opts;
  const channel = transport.channel;
  const log = opts.log.child({ component: `${channel}-outbox` });
  const now = opts.now ?? (() => new Date());
  const staleClaimMs = opts.staleClaimMs ?? 60_000;
  const settleMs = opts.settleMs ?? SETTLE_MS;
  const retry = { ...defaultRetryPolicy, ...transport.retry };
  const concurrency = transport.concurrency ?? Infinity;
  const claimed = opts.claimed ?? createClaimedMessages();
  const delivered = onDelivered(store, teamId, log, opts.mirrors);
  const delivery = createDeliveryPort(store, teamId, claimed, (doc, written) =>
    delivered(doc, now(), written),
  );
  const deps = { store, teamId, claimed };
  const messages = () => store.teamDb<StoredMessage>(teamId, 'messages');
  const stopper = new AbortController();
  // Every send waiting for the transport's rate limit listens for the stop: in a burst, hundreds at
  // once (Node warns of a leak past ten; each listener goes when its wait ends).
  setMaxListeners(0, stopper.signal);
  const inFlight = new Set<string>();
  /** The last queued run of each conversation: the next waits for it. */
  const chains = new Map<string, Promise<number>>();
  const conversations = new Map<string, ConversationDoc>();
  let active = 0;
  const waiting: Array<() => void> = [];
  /** Pending messages of the channel seen before they were due, by id: when each comes due. */
  const planned = new Map<string, number>();

  /** Keeps when a pending message not yet due comes due (and forgets one that is due or settled). */
  function note(raw: StoredMessage, t: Date): void {
    const m = asMessage(raw);
    const due = isCandidate(m, channel) && m.delivery.status === 'pending' ? dueAt(m) : 0;
    if (due <= t.getTime()) planned.delete(raw._id);
    else if (planned.size < PLANNED_LIMIT || planned.has(raw._id)) planned.set(raw._id, due);
  }

  /** The conversation (its channel, chat and bot never change once written); none yet: not cached. */
  async function conversationOf(id: string): Promise<ConversationDoc | undefined> {
    const known = conversations.get(id);
    if (known) return known;
    // Through the team's recent conversations (the ingest's and the runs' writes), which spare a read.
    const recent = opts.mirrors?.recent?.conversations;
    const read = () => getDoc<Stored<Record<string, unknown>>>(store.teamDb(teamId, 'conversations'), id);
    const conv = (await (recent ? recent.load(id, read) : read())) as ConversationDoc | undefined;
    if (conversations.size > 10_000) conversations.clear();
    if (conv) conversations.set(id, conv);
    return conv;
  }

  /** Runs `fn` when fewer than `concurrency` sends are out. */
  async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
    while (active >= concurrency) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  }

  /** Delivery records are retried briefly: losing a `sent` one would mean sending twice later. */
  async function record(what: string, id: string, call: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        if (attempt >= 5) return log.error({ err, id, what }, 'recording the delivery failed');
        await sleep(100 * 2 ** attempt);
      }
    }
  }

  /**
   * Claims the message: `mine` when won. A claim lost to an old copy (the feed's or the sweep's, or
   * one a run waiting behind another holds) is tried once more on the stored doc; `current` is that
   * doc when it is not to send now, so the caller can tell a retry that holds the conversation.
   */
  async function claimCurrent(
    raw: StoredMessage,
    conv: ConversationDoc,
  ): Promise<{ mine?: StoredMessage; current?: StoredMessage }> {
    const mine = await claimMessage(deps, raw, now(), conv);
    if (mine) return { mine };
    const current = await getDoc(messages(), raw._id);
    if (!current || current._rev === raw._rev || !isDue(asMessage(current), channel, now(), staleClaimMs))
      return current ? { current } : {};
    const again = await claimMessage(deps, current, now(), conv);
    return again ? { mine: again } : {};
  }

  /**
   * The claim, once the transport may take the message (reserve: its rate limit), so the claim marks
   * it `sending` only while it is sent; the turn is given back when the claim is lost.
   */
  async function claimInTurn(raw: StoredMessage, conv: ConversationDoc): ReturnType<typeof claimCurrent> {
    try {
      await transport.reserve?.(conv, stopper.signal);
    } catch {
      return {}; // the outbox stops
    }
    const outcome = await claimCurrent(raw, conv).catch((err: unknown) => {
      transport.release?.(conv);
      throw err;
    });
    if (!outcome.mine) transport.release?.(conv);
    return outcome;
  }

  async function sendOnce(doc: MessageDoc, conversation: ConversationDoc): Promise<SendOutcome> {
    try {
      return await withSlot(() => transport.send({ doc, conversation }, stopper.signal));
    } catch (err) {
      return { kind: 'retry-later', reason: reasonOf(err) };
    }
  }

  /** Sends a claimed message until it is sent or failed (or the outbox stops: it stays pending). */
  async function sendClaimed(mine: StoredMessage, conversation: ConversationDoc): Promise<void> {
    for (let raw: StoredMessage | undefined = mine; raw && !stopper.signal.aborted;) {
      const doc = asMessage(raw);
      const id = doc.id;
      const attempts = doc.delivery.attempts ?? 1;
      const outcome = await sendOnce(doc, conversation);
      if (outcome.kind === 'sent') {
        const info = {
          attempts,
          sentAt: now().toISOString(),
          externalMessageId: outcome.externalId.slice(0, 128),
          externalMessageIds: outcome.externalIds ?? [],
        };
        await record('sent', id, () => delivery.markSent(id, info));
        return log.info({ id, externalId: outcome.externalId }, `${channel} message sent`);
      }
      const lastError = outcome.reason.slice(0, 1000);
      if (outcome.kind === 'failed' || attempts >= retry.maxAttempts) {
        log.warn({ id, attempts, lastError }, `${channel} message not delivered`);
        const code = outcome.kind === 'failed' ? outcome.code : undefined;
        const info = { attempts, lastError, at: now().toISOString(), externalMessageIds: [] };
        await record('failed', id, () =>
          delivery.markFailed(id, code === undefined ? info : { ...info, code }),
        );
        return;
      }
      const delay = outcome.afterMs ?? backoffMs(attempts, retry, opts.random);
      const nextAttemptAt = new Date(now().getTime() + delay).toISOString();
      log.warn({ id, attempts, delay, lastError }, `${channel} send failed; will retry`);
      await record('retrying', id, () => delivery.markRetrying(id, { attempts, lastError, nextAttemptAt }));
      await sleep(delay, undefined, { signal: stopper.signal }).catch(() => undefined);
      if (stopper.signal.aborted) return;
      // Taken again on the revision written last here (a sweep elsewhere may have taken it meanwhile).
      const known = (claimed.get(id) as StoredMessage | undefined) ?? (await getDoc(messages(), id));
      raw =
        known && isDue(asMessage(known), channel, now(), staleClaimMs)
          ? (await claimInTurn(known, conversation)).mine
          : undefined;
    }
  }

  /**
   * One message of a conversation's run: `sent` (claimed and settled here), `skip` (not this outbox's
   * to send now), `stop` (it waits for its retry: what follows it in the conversation waits too).
   * `queued`: the run waited behind another, so the copy in hand may be old and is read again.
   */
  async function deliverOne(seen: StoredMessage, queued: boolean): Promise<Step> {
    let raw = seen;
    let doc = asMessage(raw);
    if (!isCandidate(doc, channel) || inFlight.has(doc.id)) return 'skip';
    const conversation = await conversationOf(doc.conversationId);
    if (!conversation) return 'skip';
    if (isDemoConversation(conversation)) {
      // A demo sample (the seed's): never sent; the rep sees why (channels/demo-guard.ts).
      await refuseDemoMessage(store, teamId, doc.id, now());
      return 'skip';
    }
    if (transport.accepts && !transport.accepts(conversation)) return 'skip';
    if (queued) {
      const current = await getDoc(messages(), raw._id);
      if (!current) return 'skip';
      raw = current;
      doc = asMessage(raw);
    }
    const t = now();
    if (!isDue(doc, channel, t, staleClaimMs))
      return holdsConversation(doc, t, staleClaimMs) ? 'stop' : 'skip';
    if (inFlight.has(doc.id)) return 'skip';
    inFlight.add(doc.id);
    try {
      const { mine, current } = await claimInTurn(raw, conversation);
      // Lost to a newer revision that waits for its retry, or to another sender now sending it: the
      // conversation's later messages wait too (that sender's run goes on with them).
      if (!mine)
        return current && holdsConversation(asMessage(current), now(), staleClaimMs) ? 'stop' : 'skip';
      await sendClaimed(mine, conversation);
      return 'sent';
    } finally {
      inFlight.delete(doc.id);
    }
  }

  async function runChain(list: StoredMessage[], queued: boolean): Promise<number> {
    let n = 0;
    for (const raw of list) {
      if (stopper.signal.aborted) break;
      const step = await deliverOne(raw, queued);
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
          const t = now().getTime();
          for (const d of list) if (planned.size < PLANNED_LIMIT) planned.set(d._id, t);
          return 0;
        });
      chains.set(conversationId, run);
      void run.then(() => {
        if (chains.get(conversationId) === run) chains.delete(conversationId);
      });
      return run;
    });
    return Promise.all(runs).then((ns) => ns.reduce((a, b) => a + b, 0));
  }

  /**
   * The team's cached thread of a conversation whose feed messages this process wrote, all of them
   * (the runs and deliveries here write through the thread cache): what this process wrote before
   * them is in it (thread-cache.ts), so no store query is needed. Undefined otherwise.
   */
  function writtenHereThread(conversationId: string, docs: StoredMessage[]): StoredMessage[] | undefined {
    const ids = docs.filter((d) => d.conversationId === conversationId).map((d) => d._id);
    return opts.mirrors?.threads?.wroteHere(conversationId, ids) as StoredMessage[] | undefined;
  }

  /**
   * The feed's messages with every message of their conversations not yet settled (pending, or being
   * sent by another outbox: what follows waits for it), each conversation's
   * in the order written (`createdAt`, then id). One query per conversation, each read from the
   * conversation index (queries.ts): a query for several at once (`$in`) reads every pending message
   * of the team instead.
   */
  async function withUnsettledBefore(docs: StoredMessage[]): Promise<StoredMessage[]> {
    const ids = [...new Set(docs.map((d) => d.conversationId))];
    // A message the feed brought while this process was still writing it is judged once the write is answered.
    await opts.mirrors?.threads?.settled(docs.map((d) => d._id));
    const cached = new Map(ids.map((id) => [id, writtenHereThread(id, docs)]));
    // What another writer wrote may be half landed (a bulk write lands shard by shard, and the feed
    // shows each shard's part as it lands): the store is asked once such a write has landed.
    if (ids.some((id) => !cached.get(id)))
      await sleep(settleMs, undefined, { signal: stopper.signal }).catch(() => undefined);
    const found = await Promise.all(
      ids.map(async (id) => {
        const thread = cached.get(id);
        if (thread) return thread.filter((d) => isUnsettledOutbound(d, id, channel));
        const res = await messages().find({ selector: unsettledOutbound(id, channel), limit: PENDING_LIMIT });
        return res.docs;
      }),
    );
    const byId = new Map<string, StoredMessage>();
    for (const d of found.flat()) byId.set(d._id, d);
    // The feed's copy when both are there: the claim is a compare-and-swap on the revision seen.
    for (const d of docs) byId.set(d._id, d);
    return [...byId.values()].sort(writtenOrder);
  }

  /** The channel's outbound messages in one delivery status (delivery-status index). */
  async function inStatus(status: 'pending' | 'sending'): Promise<StoredMessage[]> {
    const found = await messages().find({
      selector: { 'delivery.status': status, direction: 'outbound', channel },
      limit: 1000,
    });
    return found.docs;
  }

  /**
   * Every unsettled message of the channel, oldest first; what is not yet due is noted for later. The
   * first 1000 of each status, and the planned ones that came due read on their own (due index): with
   * more than 1000 follow-ups planned, those of the later conversations are found when due too.
   */
  async function unsettled(): Promise<StoredMessage[]> {
    const t = now();
    const due = messages().find({ selector: dueScheduled(channel, t.toISOString()), limit: 1000 });
    const lists = await Promise.all([inStatus('pending'), inStatus('sending'), due.then((f) => f.docs)]);
    const byId = new Map(lists.flat().map((d) => [d._id, d]));
    for (const d of byId.values()) note(d, t);
    return [...byId.values()].sort(writtenOrder);
  }

  /** The noted messages that came due, as stored now (they leave the notes: seen again, noted again). */
  async function cameDue(): Promise<StoredMessage[]> {
    const t = now().getTime();
    const ids = [...planned].flatMap(([id, at]) => (at <= t ? [id] : []));
    for (const id of ids) planned.delete(id);
    try {
      // One `_all_docs` for them all (the database's coalescing scope).
      const docs = await Promise.all(ids.map((id) => getDoc(messages(), id)));
      return docs.filter((d): d is StoredMessage => d !== undefined);
    } catch (err) {
      // Still due: the next due sweep asks again.
      for (const id of ids) if (!planned.has(id)) planned.set(id, t);
      throw err;
    }
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
        note(c.doc, t);
        return !inFlight.has(c.doc._id) && isDue(asMessage(c.doc), channel, t, staleClaimMs) ? [c.doc] : [];
      });
      if (docs.length) void dispatch(await withUnsettledBefore(docs));
    },
    async sweep() {
      if (!(await unsettled()).length) return 0;
      // A read made while a write of several messages lands shard by shard can hold a conversation's
      // later message without the one before it. What it found is read again once such a write has
      // landed, and that read is what is sent (a sweep that finds nothing costs nothing more).
      await sleep(settleMs, undefined, { signal: stopper.signal }).catch(() => undefined);
      if (stopper.signal.aborted) return 0;
      return dispatch(await unsettled());
    },
    async sweepDue() {
      const [stale, due] = await Promise.all([inStatus('sending'), cameDue()]);
      const t = now();
      const docs = [...stale, ...due].filter(
        (d) => !inFlight.has(d._id) && isDue(asMessage(d), channel, t, staleClaimMs),
      );
      if (docs.length === 0) return 0;
      // Each with what goes before it in its conversation (read once a write of several has landed).
      return dispatch(await withUnsettledBefore(docs));
    },
    async idle() {
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
    async stop() {
      stopper.abort();
      while (chains.size > 0) await Promise.all([...chains.values()]);
      await transport.close?.();
    },
  };
}
