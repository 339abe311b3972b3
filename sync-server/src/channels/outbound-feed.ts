// What a channel's sender is given to send: the outbound messages of its channel, from the messages
// feed as they are written (pending), and from a sweep at start and every `sweepMs` for what the feed
// cannot show (retries and follow-ups that came due, claims a dead process left `sending`). The
// sender decides what is due and claims it; this only hands the docs over.
import type { MessageDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { createChangeFollower, type CheckpointDoc } from '../runtime/change-follower';
import type { Stored } from '../store/couch-docs';

type StoredMessage = Stored<MessageDoc>;

export type OutboundFeed = {
  /** Hands every pending or sending message of the channel over now. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
};

export function followOutbound(opts: {
  store: Store;
  teamId: string;
  channel: MessageDoc['channel'];
  /** The feed's checkpoint doc id in `app_runtime`. */
  checkpointId: string;
  log: Logger;
  sweepMs?: number;
  /** Takes the docs (answers how many it sent). */
  enqueue(docs: StoredMessage[]): Promise<number>;
}): OutboundFeed {
  const { store, teamId, channel, log } = opts;
  const messages = () => store.teamDb<StoredMessage>(teamId, 'messages');

  async function sweep(): Promise<number> {
    // One query per status, each answered by the delivery-status index.
    const found = await Promise.all(
      (['pending', 'sending'] as const).map((status) =>
        messages().find({
          selector: { 'delivery.status': status, direction: 'outbound', channel },
          limit: 1000,
        }),
      ),
    );
    return opts.enqueue(found.flatMap((f) => f.docs));
  }

  const follower = createChangeFollower<StoredMessage>({
    server: store.server,
    dbName: store.dbName(teamId, 'messages'),
    checkpoints: store.systemDb<CheckpointDoc>('app_runtime'),
    checkpointId: opts.checkpointId,
    log,
    selector: { direction: 'outbound', channel, 'delivery.status': 'pending' },
    settleMs: 20,
    handle: async (changes) => {
      const docs = changes.flatMap((c) => (c.doc && !c.deleted ? [c.doc] : []));
      if (docs.length) await opts.enqueue(docs);
    },
  });
  void sweep().catch((err: unknown) => log.warn({ err }, `${channel} sweep failed`));
  follower.start();
  const timer = setInterval(() => {
    sweep().catch((err: unknown) => log.warn({ err }, `${channel} sweep failed`));
  }, opts.sweepMs ?? 5_000);

  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await follower.stop();
    },
  };
}
