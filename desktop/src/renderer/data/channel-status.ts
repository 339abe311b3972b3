// Which of the team's channels are connected (GET /api/v1/channels/status), so that a reply in a
// conversation whose channel is not says so instead of "waiting to send" for ever. Kept on the device
// (per server) so it still shows offline; asked again every minute while a conversation is open.
import { useEffect, useState } from 'react';
import type { MessageDoc } from '@app/shared/schemas';
import { useWorkspace } from './hooks';

type Status = Partial<Record<MessageDoc['channel'], { connected: boolean }>>;
const keyOf = (serverUrl: string) => `sw.channelStatus:${serverUrl}`;
const REFRESH_MS = 60_000;

function cached(serverUrl: string): Status {
  try {
    return JSON.parse(localStorage.getItem(keyOf(serverUrl)) ?? '{}') as Status;
  } catch {
    return {};
  }
}

/** Whether `channel` is connected: true, false, or undefined while nobody knows yet. */
export function useChannelConnected(channel: MessageDoc['channel'] | undefined): boolean | undefined {
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
  return channel ? status[channel]?.connected : undefined;
}
