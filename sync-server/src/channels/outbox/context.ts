// What the outbox's parts share (outbox.ts builds it once per team and channel): the team's messages,
// the transport, the clock and the stop. The parts: what is to send and what goes before it
// (pending.ts), and sending one message of a conversation (deliver.ts).
import type { MessageDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../../context';
import { teamStored } from '../../store/data';
import type { PortMirrors } from '../../agents/couch-store-port';
import type { StoredMessage } from './claim';
import type { OutboxTransport } from './transport';

export type OutboxContext = {
  store: Store;
  teamId: string;
  channel: MessageDoc['channel'];
  transport: OutboxTransport;
  log: Logger;
  now: () => Date;
  /** A `sending` claim older than this belongs to a sender that died. */
  staleClaimMs: number;
  /** How long a write of several messages may take to land on every shard. */
  settleMs: number;
  /**
   * A `sent` mark waits up to this long while other messages are being sent here, and the marks go
   * together (deliver.ts, `sentMarks`); 0: each at once.
   */
  gatherSentMs: number;
  /** Waits for the start of the claim window that holds a transport's turn (claim-window.ts). */
  claimWindow: (turnAt: number, signal: AbortSignal) => Promise<void>;
  /** The team's agent settings and cached threads in memory. */
  mirrors?: PortMirrors;
  messages: () => ReturnType<typeof teamMessages>;
  /** Aborted when the outbox stops: waits end, nothing new is claimed. */
  signal: AbortSignal;
  /** The outbox moved (a claim answered, a send settled): ops/pipeline-health.ts. */
  moved: () => void;
};

/** The team's messages as stored (with their revisions: claims are made on them), typed as the outbox reads them. */
export function teamMessages(store: Store, teamId: string) {
  return teamStored<StoredMessage>(store, teamId, 'messages');
}
