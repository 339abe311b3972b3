// The outbound half of the channel port (its type, DeliveryStatusPort, lives here) over the messages database, for the channels
// outbox (outbox/) and web chat's fetch: every step of a delivery is written on the message doc, so reps see
// it and a restarted server knows where each message stands. Each step is written on the revision
// this process wrote last (the outbox's claim, then the previous step), without reading the doc
// first; only when someone else changed it meanwhile (409) is it read and the step applied to what
// is there. A step that would change nothing is not written: the outbox's claim already records
// the attempt as `sending`.
import type { MessageDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { createCouchStorePort, type PortMirrors } from '../agents/couch-store-port';
import { deliveryEngine, type DeliveryEngine } from '../agents/delivery-engine';
import { fromCouch, type Stored } from '../store/couch-docs';
import { teamStored } from '../store/data';

/**
 * Outbound: each delivery step of an outbound doc, reported by the channels' outbox and written on the
 * doc here. Steps are retried when they throw, so they are idempotent; `attempts` counts the
 * sends of the doc so far.
 */
export type DeliveryStatusPort = {
  /** About to send (status `sending`): after a crash, such a doc may have been sent. */
  markSending(id: string, info: { attempts: number; at: string }): Promise<void>;
  /** Delivered: `externalMessageId` is the first part's id at the channel (every part's in `externalMessageIds`). */
  markSent(
    id: string,
    info: { attempts: number; sentAt: string; externalMessageId: string; externalMessageIds: number[] },
  ): Promise<void>;
  /** A failure worth retrying (rate limit, 5xx, network): back to `pending` until `nextAttemptAt`. */
  markRetrying(
    id: string,
    info: { attempts: number; lastError: string; nextAttemptAt: string },
  ): Promise<void>;
  /** Cannot be delivered (refused, blocked, a bad request, or attempts exhausted). */
  markFailed(
    id: string,
    info: { attempts: number; lastError: string; at: string; code?: number; externalMessageIds: number[] },
  ): Promise<void>;
};

type Raw = Stored<Record<string, unknown>>;

/** The outbound messages this process claimed and is delivering, as it last wrote them. */
export type ClaimedMessages = {
  get(id: string): Raw | undefined;
  set(id: string, doc: Raw): void;
  delete(id: string): void;
};

export function createClaimedMessages(max = 10_000): ClaimedMessages {
  const docs = new Map<string, Raw>();
  return {
    get: (id) => docs.get(id),
    set(id, doc) {
      docs.delete(id);
      if (docs.size >= max) docs.delete(docs.keys().next().value!);
      docs.set(id, doc);
    },
    delete: (id) => void docs.delete(id),
  };
}

type Delivery = {
  status: string;
  attempts?: number;
  lastError?: string;
  externalMessageId?: string;
  sentAt?: string;
  nextAttemptAt?: string;
};

/** Delivery states are flat records of strings and numbers. */
function sameDelivery(a: Delivery | undefined, b: Delivery): boolean {
  if (!a) return false;
  const ka = Object.keys(a).filter((k) => a[k as keyof Delivery] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k as keyof Delivery] !== undefined);
  return ka.length === kb.length && kb.every((k) => a[k as keyof Delivery] === b[k as keyof Delivery]);
}

export function createDeliveryPort(
  store: Store,
  teamId: string,
  claimed: ClaimedMessages = createClaimedMessages(),
  /**
   * Told of every message marked sent, with the doc as written (the agents plan an answer's follow-up
   * then, not before).
   */
  onSent?: (doc: MessageDoc, written: Raw) => void,
): DeliveryStatusPort {
  const messages = teamStored(store, teamId, 'messages');
  const apply = (doc: Record<string, unknown>, at: string, next: (d: Delivery) => Delivery) => ({
    ...doc,
    delivery: next((doc.delivery ?? { status: 'pending' }) as Delivery),
    updatedAt: at,
  });
  /**
   * Writes a step; `last`: the delivery ends here (sent or failed), nothing more to remember. A doc
   * already `sent` takes no other step (two writers of one delivery: the hook hears of it once).
   */
  async function write(id: string, at: string, next: (d: Delivery) => Delivery, last = false) {
    const known = claimed.get(id);
    // A step that changes nothing (the first attempt's `sending`, which the claim wrote) is not written.
    if (known && !last && sameDelivery(known.delivery as Delivery, next(known.delivery as Delivery))) return;
    claimed.delete(id);
    let written: Raw | undefined;
    if (known) {
      const body: Raw = { ...apply(known, at, next), _id: known._id, _rev: known._rev };
      const rev = await messages.put(body);
      if (rev) written = { ...body, _rev: rev };
    }
    written ??= (await messages.update(id, (doc) =>
      (doc.delivery as Delivery | undefined)?.status === 'sent' ? undefined : apply(doc, at, next),
    )) as Raw | undefined;
    if (written && !last) claimed.set(id, written);
    return written;
  }
  const set = async (...args: Parameters<typeof write>) => void (await write(...args));
  const clip = (s: string) => s.slice(0, 1000);
  const capped = (n: number) => Math.min(1000, n);

  return {
    markSending: (id, info) =>
      set(id, info.at, (d) => {
        const { nextAttemptAt: _n, ...rest } = d;
        return { ...rest, status: 'sending', attempts: capped(info.attempts) };
      }),
    markSent: async (id, info) => {
      const written = await write(
        id,
        info.sentAt,
        (d) => {
          const { nextAttemptAt: _n, lastError: _e, ...rest } = d;
          return {
            ...rest,
            status: 'sent',
            attempts: capped(info.attempts),
            sentAt: info.sentAt,
            // None for a pulled message (web chat): the visitor's fetch is its delivery.
            ...(info.externalMessageId ? { externalMessageId: info.externalMessageId } : {}),
          };
        },
        true,
      );
      if (written && onSent) onSent(fromCouch<MessageDoc>(written), written);
    },
    markRetrying: (id, info) =>
      set(id, new Date().toISOString(), (d) => ({
        ...d,
        status: 'pending',
        attempts: capped(info.attempts),
        lastError: clip(info.lastError),
        nextAttemptAt: info.nextAttemptAt,
      })),
    markFailed: (id, info) =>
      set(
        id,
        info.at,
        (d) => {
          const { nextAttemptAt: _n, ...rest } = d;
          return {
            ...rest,
            status: 'failed',
            attempts: capped(info.attempts),
            lastError: clip(info.lastError),
          };
        },
        true,
      ),
  };
}

/**
 * What every channel does when a message reaches the customer: the outbox hands it back to the agent
 * engine (`engine.afterDelivery`), which plans an agent answer's follow-up now, from the delivery time
 * (none is planned while the answer is in flight). `mirrors`: the team's agent settings in memory
 * (headless.ts), so planning reads no profile from the store, and the team's cached threads: the
 * answer as now written goes in first (a write of this process, as a run's own writes do), so planning
 * reads the conversation's messages from memory when its thread is cached. `engine`: the engine over
 * the delivery's store port (agents/delivery-engine.ts).
 */
export function onDelivered(
  store: Store,
  teamId: string,
  log: Pick<Logger, 'warn'>,
  mirrors: PortMirrors = {},
  engine: DeliveryEngine = deliveryEngine,
) {
  return (doc: MessageDoc, at: Date = new Date(), written?: Raw): void => {
    if (written) mirrors.threads?.wrote([written]);
    if (doc.author.kind !== 'agent' || doc.scheduledFor) return;
    // The port keeps writes until flush(): without it the planned follow-up was never stored.
    const port = createCouchStorePort(store, teamId, mirrors);
    engine(port)
      .afterDelivery(doc, at)
      .then(() => port.flush())
      .catch((err: unknown) => log.warn({ err, id: doc.id }, 'planning the follow-up failed'));
  };
}
