// Sending one message of a conversation's run (outbox.ts runs each conversation's messages in order):
// read again when it waited behind another run, judged due, claimed by compare-and-swap once the
// transport may take it (claim.ts, the transport's `reserve`), sent, and its outcome written through
// channels/delivery.ts on the revision the claim wrote: `sent`, `failed`, or pending with its next
// attempt's time (backoff.ts), waited for and sent again, the conversation's later messages behind it.
// A `sent` mark waits while other messages are being sent here (up to `gatherSentMs`), and the marks
// then go together, as one write (`sentMarks`): under a burst the sends are paced by the channel's
// rate limit, and a mark each alone was a CouchDB commit per message (issue 36).
import { setTimeout as sleep } from 'node:timers/promises';
import { isDemoConversation } from '@app/shared/crm';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import { traceStage } from '../../ops/message-trace';
import { teamStored } from '../../store/data';
import { createDeliveryPort, onDelivered, type ClaimedMessages } from '../delivery';
import { refuseDemoMessage } from '../demo-guard';
import { backoffMs, defaultRetryPolicy } from './backoff';
import { asMessage, claimMessage, holdsConversation, isCandidate, isDue, type StoredMessage } from './claim';
import type { OutboxContext } from './context';
import { reasonOf, type SendOutcome } from './transport';

/** What one message of a run came to: sent here, not this outbox's to send now, or the run waits. */
type Step = 'sent' | 'skip' | 'stop';

export function createDeliverer(
  ctx: OutboxContext,
  opts: { claimed: ClaimedMessages; random?: () => number },
) {
  const { store, teamId, transport, channel, now, staleClaimMs, messages, signal } = ctx;
  const { claimed } = opts;
  const deps = { store, teamId, claimed };
  /** Messages claimed here and not yet settled. */
  const inFlight = new Set<string>();
  const conversationOf = conversationReader(ctx);
  const withSlot = slots(transport.concurrency ?? Infinity);
  const marks = sentMarks(inFlight, ctx.gatherSentMs, signal);
  const settle = settler(ctx, opts, marks.write);

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
    const current = await messages().get(raw._id);
    if (!current || current._rev === raw._rev || !isDue(asMessage(current), channel, now(), staleClaimMs))
      return current ? { current } : {};
    const again = await claimMessage(deps, current, now(), conv);
    return again ? { mine: again } : {};
  }

  /**
   * The claim, once the transport's turn for the message is near (reserve: its rate limit; the claim
   * window that holds the turn, claim-window.ts), so the claim marks it `sending` only while it is
   * sent; the turn is given back when the claim is lost.
   */
  async function claimInTurn(raw: StoredMessage, conv: ConversationDoc): ReturnType<typeof claimCurrent> {
    let turnAt: number | void;
    try {
      turnAt = await transport.reserve?.(conv, signal);
    } catch {
      return {}; // the outbox stops
    }
    if (typeof turnAt === 'number')
      try {
        await ctx.claimWindow(turnAt, signal);
      } catch {
        transport.release?.(conv);
        return {}; // the outbox stops
      }
    const outcome = await claimCurrent(raw, conv).catch((err: unknown) => {
      transport.release?.(conv);
      throw err;
    });
    ctx.moved();
    if (!outcome.mine) transport.release?.(conv);
    else traceStage(raw._id, 'claimed');
    return outcome;
  }

  async function sendOnce(doc: MessageDoc, conversation: ConversationDoc): Promise<SendOutcome> {
    try {
      return await withSlot(() => transport.send({ doc, conversation }, signal));
    } catch (err) {
      return { kind: 'retry-later', reason: reasonOf(err) };
    }
  }

  /** Sends a claimed message until it is sent or failed (or the outbox stops: it stays pending). */
  async function sendClaimed(mine: StoredMessage, conversation: ConversationDoc): Promise<void> {
    for (let raw: StoredMessage | undefined = mine; raw && !signal.aborted;) {
      const doc = asMessage(raw);
      const { retryAfterMs } = await settle(doc, await sendOnce(doc, conversation));
      if (retryAfterMs === undefined) return;
      await sleep(retryAfterMs, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return;
      // Taken again on the revision written last here (a sweep elsewhere may have taken it meanwhile).
      const known = (claimed.get(doc.id) as StoredMessage | undefined) ?? (await messages().get(doc.id));
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
      const current = await messages().get(raw._id);
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
      marks.check();
    }
  }

  return { deliverOne, inFlight: inFlight as ReadonlySet<string> };
}

/** The conversation (its channel, chat and bot never change once written, so it is kept); none yet: not kept. */
function conversationReader(ctx: OutboxContext): (id: string) => Promise<ConversationDoc | undefined> {
  const { store, teamId } = ctx;
  const conversations = new Map<string, ConversationDoc>();
  return async (id) => {
    const known = conversations.get(id);
    if (known) return known;
    // Through the team's recent conversations (the ingest's and the runs' writes), which spare a read.
    const recent = ctx.mirrors?.recent?.conversations;
    const read = () => teamStored(store, teamId, 'conversations').get(id);
    const conv = (await (recent ? recent.load(id, read) : read())) as ConversationDoc | undefined;
    if (conversations.size > 10_000) conversations.clear();
    if (conv) conversations.set(id, conv);
    return conv;
  };
}

/** Runs each `fn` when fewer than `concurrency` are running. */
function slots(concurrency: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (fn) => {
    while (active >= concurrency) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/**
 * `sent` marks that wait for each other: a mark waits while another message of `inFlight` is still
 * being sent (claimed, not yet settled) for at most `maxWaitMs`, then every waiting mark is written in
 * one turn of the event loop, which the messages database's coalescing scope sends as one
 * `_bulk_docs`. A lone message's mark goes at once. The stop writes what waits.
 */
function sentMarks(inFlight: ReadonlySet<string>, maxWaitMs: number, signal: AbortSignal) {
  let waiting = new Map<string, { write: () => Promise<void>; done: (p: Promise<void>) => void }>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = new Map();
    for (const w of batch.values()) w.done(w.write());
  }
  /** Nothing is being sent here but what waits to be marked. */
  const allWaiting = () => [...inFlight].every((id) => waiting.has(id));
  signal.addEventListener('abort', flush, { once: true });
  return {
    write(id: string, write: () => Promise<void>): Promise<void> {
      if (maxWaitMs <= 0 || signal.aborted) return write();
      return new Promise<void>((resolve, reject) => {
        waiting.get(id)?.done(Promise.resolve()); // a second mark of one message: the first is moot
        waiting.set(id, { write, done: (p) => p.then(resolve, reject) });
        if (allWaiting()) flush();
        else timer ??= setTimeout(flush, maxWaitMs);
      });
    },
    /** A message left `inFlight` (settled otherwise, or lost): the marks may go now. */
    check(): void {
      if (waiting.size > 0 && allWaiting()) flush();
    },
  };
}

/** Delivery records are retried briefly: losing a `sent` one would mean sending twice later. */
async function record(
  log: OutboxContext['log'],
  what: string,
  id: string,
  call: () => Promise<void>,
): Promise<void> {
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
 * Writes what a send came to (channels/delivery.ts, on the revision the claim wrote): `sent` (and the
 * after-delivery hook), `failed`, or pending with its next attempt's time; `retryAfterMs` then.
 */
function settler(
  ctx: OutboxContext,
  opts: { claimed: ClaimedMessages; random?: () => number },
  /** Writes a `sent` mark, with others (sentMarks). */
  markTogether: (id: string, write: () => Promise<void>) => Promise<void>,
) {
  const { store, teamId, transport, channel, log, now } = ctx;
  const retry = { ...defaultRetryPolicy, ...transport.retry };
  const delivered = onDelivered(store, teamId, log, ctx.mirrors);
  const delivery = createDeliveryPort(store, teamId, opts.claimed, (doc, written) =>
    delivered(doc, now(), written),
  );
  return async (doc: MessageDoc, outcome: SendOutcome): Promise<{ retryAfterMs?: number }> => {
    const id = doc.id;
    const attempts = doc.delivery.attempts ?? 1;
    if (outcome.kind === 'sent') {
      const info = {
        attempts,
        sentAt: now().toISOString(),
        externalMessageId: outcome.externalId.slice(0, 128),
        externalMessageIds: outcome.externalIds ?? [],
      };
      traceStage(id, 'sent');
      ctx.moved();
      await record(log, 'sent', id, () => markTogether(id, () => delivery.markSent(id, info)));
      log.info({ id, externalId: outcome.externalId }, `${channel} message sent`);
      return {};
    }
    ctx.moved();
    const lastError = outcome.reason.slice(0, 1000);
    if (outcome.kind === 'failed' || attempts >= retry.maxAttempts) {
      log.warn({ id, attempts, lastError }, `${channel} message not delivered`);
      const code = outcome.kind === 'failed' ? outcome.code : undefined;
      const info = { attempts, lastError, at: now().toISOString(), externalMessageIds: [] };
      await record(log, 'failed', id, () =>
        delivery.markFailed(id, code === undefined ? info : { ...info, code }),
      );
      return {};
    }
    const delay = outcome.afterMs ?? backoffMs(attempts, retry, opts.random);
    const nextAttemptAt = new Date(now().getTime() + delay).toISOString();
    log.warn({ id, attempts, delay, lastError }, `${channel} send failed; will retry`);
    await record(log, 'retrying', id, () =>
      delivery.markRetrying(id, { attempts, lastError, nextAttemptAt }),
    );
    return { retryAfterMs: delay };
  };
}
