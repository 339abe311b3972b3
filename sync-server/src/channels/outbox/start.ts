// A running outbox (outbox.ts) for one team and channel, started by the core (host.ts) over the
// channel's declared transport: the messages feed (new and retried outbound
// messages of the channel, pending) and sweeps for what the feed cannot show (follow-ups and retries
// that came due, claims a dead process left `sending`): a full one at start and every `fullSweepMs`,
// and one of what came due every `sweepMs` (outbox.ts). The feed's
// checkpoint is the channel's own position, kept by the store (store/feeds/follow.ts; its id kept as each channel had it, so a
// restart goes on from where the sender was and sends nothing again: what was sent is `sent` on the
// doc, and the claim refuses it anyway).
import { followTeam } from '../../store/feeds/follow';
import { createOutbox, SETTLE_MS, type Outbox, type OutboxOptions } from './outbox';
import type { StoredMessage } from './claim';

export type RunningOutbox = Outbox;

export function startOutbox(
  opts: OutboxOptions & {
    /** The feed's checkpoint doc id in `app_runtime`. */
    checkpointId: string;
    /** A restored team's generation: the feed starts from here when it has no checkpoint. */
    initialSince?: string;
    sweepMs?: number;
    /** Every unsettled message is read again this often (what the due sweeps could not know of). */
    fullSweepMs?: number;
  },
): RunningOutbox {
  const { store, teamId, log } = opts;
  const channel = opts.transport.channel;
  const outbox = createOutbox(opts);
  const follower = followTeam<StoredMessage>(store, teamId, 'messages', {
    checkpointId: opts.checkpointId,
    ...(opts.initialSince ? { initialSince: opts.initialSince } : {}),
    log,
    selector: { direction: 'outbound', channel, 'delivery.status': 'pending' },
    settleMs: opts.settleMs ?? SETTLE_MS,
    handle: outbox.handle,
  });
  const sweepMs = opts.sweepMs ?? 5_000;
  const fullEvery = Math.max(1, Math.round((opts.fullSweepMs ?? 60_000) / sweepMs));
  let ticks = 0;
  const sweep = () => {
    outbox.checkHealth();
    const full = ticks++ % fullEvery === 0;
    (full ? outbox.sweep() : outbox.sweepDue()).catch((err: unknown) =>
      log.warn({ err }, `${channel} outbound sweep failed`),
    );
  };
  sweep();
  follower.start();
  const timer = setInterval(sweep, sweepMs);
  return withStop(outbox, async () => {
    clearInterval(timer);
    await follower.stop();
    await outbox.stop();
  });
}

/** The outbox as its holder sees it, but stopped by `stop` (which also ends what was started around it). */
export function withStop(outbox: Outbox, stop: () => Promise<void>): RunningOutbox {
  return {
    handle: outbox.handle,
    sweep: outbox.sweep,
    sweepDue: outbox.sweepDue,
    idle: outbox.idle,
    checkHealth: outbox.checkHealth,
    get inFlight() {
      return outbox.inFlight;
    },
    stop,
  };
}
