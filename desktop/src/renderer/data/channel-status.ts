// Which of the team's channels are connected (GET /api/v1/channels/status), so that a reply in a
// conversation whose channel is not says so instead of "waiting to send" for ever. Kept on the device
// (per server) so it still shows offline; asked again every half minute while a conversation is open
// (the server says stalled after 30 s, so a stalled channel shows within a minute).
// `stalled`: replies wait although the channel is connected (lib/channel-state.ts).
import { useEffect, useState } from 'react';
import type { MessageDoc } from '@app/shared/schemas';
import { channelProblem, type ChannelProblem, type ChannelStatus as Status } from '../lib/channel-state';
import { useWorkspace } from './hooks';
const keyOf = (serverUrl: string) => `sw.channelStatus:${serverUrl}`;
const REFRESH_MS = 30_000;

function cached(serverUrl: string): Status {
  try {
    return JSON.parse(localStorage.getItem(keyOf(serverUrl)) ?? '{}') as Status;
  } catch {
    return {};
  }
}

/** What is wrong with `channel` (not connected, stalled), or undefined (fine, or not known yet). */
export function useChannelProblem(channel: MessageDoc['channel'] | undefined, demo: boolean): ChannelProblem {
  const ws = useWorkspace();
  const serverUrl = ws.session.serverUrl;
  const [status, setStatus] = useState<Status>(() => cached(serverUrl));
  useEffect(() => {
    let live = true;
    const ask = () =>
      ws.api.get<Status>('/channels/status').then(
        (s) => {
          localStorage.setItem(keyOf(serverUrl), JSON.stringify(s));
          if (live) setStatus(s);
        },
        () => undefined, // offline: what was known stays
      );
    void ask();
    const timer = setInterval(() => void ask(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [ws, serverUrl]);
  return channelProblem(status, channel, demo);
}
