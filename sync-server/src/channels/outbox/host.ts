// The core's outboxes: one per wing and team this process sends for. A channel declares how it sends
// (a ChannelDelivery: its transport, transport.ts, and its claim settings and feed position); the
// runtime hands each wing's work an `outboxes` host (headless.ts, and headless-team.ts with the team's
// mirrors), which starts the outbox (start.ts) over the declaration when the wing's work takes the
// team's sending over (it holds the lease) and stops it when the work lets go. A delivered message goes
// back to the agents through `engine.afterDelivery` (delivery.ts, `onDelivered`, with the host's
// mirrors). What a wing still runs when the runtime or the team closes is stopped with it. No channel
// starts an outbox itself.
import type { Logger } from 'pino';
import type { PortMirrors } from '../../agents/couch-store-port';
import type { Store } from '../../context';
import { startOutbox, withStop, type RunningOutbox } from './start';
import type { OutboxTransport } from './transport';

/** How a channel sends one team's messages: what the core's outbox is started over. */
export type ChannelDelivery = {
  teamId: string;
  /** Sends one claimed message (the Bot API, SMTP, messages.send). */
  transport: OutboxTransport;
  /** The feed position's id in the store, kept as the channel always had it (a restart goes on from it). */
  checkpointId: string;
  /** A restored team's generation: the feed starts from here when it has no position. */
  initialSince?: string;
  /** A `sending` claim older than this belongs to a sender that died (default 60 s). */
  staleClaimMs?: number;
  /** The due sweep's period (default 5 s). */
  sweepMs?: number;
  now?: () => Date;
  log: Logger;
};

/** The core's outboxes, as a wing's work sees them. */
export type Outboxes = {
  /** Starts the team's outbox over the channel's transport; stop() ends it (the wing let its team go). */
  start(delivery: ChannelDelivery): RunningOutbox;
  /** Stops every outbox still running here. */
  close(): Promise<void>;
};

export function createOutboxes(deps: {
  store: Store;
  /** A team's agent settings and cached threads: planning a delivered answer's follow-up reads them. */
  mirrors?: PortMirrors;
}): Outboxes {
  const running = new Set<RunningOutbox>();
  return {
    start(delivery) {
      const outbox = startOutbox({
        store: deps.store,
        ...delivery,
        ...(deps.mirrors ? { mirrors: deps.mirrors } : {}),
      });
      const handle: RunningOutbox = withStop(outbox, async () => {
        running.delete(handle);
        await outbox.stop();
      });
      running.add(handle);
      return handle;
    },
    async close() {
      await Promise.all([...running].map((o) => o.stop()));
    },
  };
}
