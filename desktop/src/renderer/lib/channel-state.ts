// What the server said of a conversation's channel (GET /api/v1/channels/status, data/channel-status.ts)
// as the conversation shows it: not connected (a reply waits until the channel is set up), stalled
// (connected, but no server process runs its bot, or its outbox has not moved while replies wait, for
// 30 s or more: sync-server ops/pipeline-health.ts, issue 65), or fine. A demo conversation is never
// sent, so neither is said of it.
import type { MessageDoc } from '@app/shared/schemas';

export type ChannelStatus = Partial<Record<MessageDoc['channel'], { connected: boolean; stalled?: boolean }>>;

/** `undefined` while nothing is known of the channel, or when all is well. */
export type ChannelProblem = 'not-connected' | 'stalled' | undefined;

export function channelProblem(
  status: ChannelStatus,
  channel: MessageDoc['channel'] | undefined,
  demo: boolean,
): ChannelProblem {
  const s = channel ? status[channel] : undefined;
  if (!s || demo) return undefined;
  if (s.connected === false) return 'not-connected';
  return s.stalled === true ? 'stalled' : undefined;
}
