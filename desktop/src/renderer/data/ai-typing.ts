// Whether the agents are writing an answer in a conversation right now (GET /api/v1/conversations/
// :id/typing: the same drafts the web chat widget shows as they grow), for "AI is typing…" in the
// conversation view. Asked every 1.5 s only while it may be (the AI has the conversation and the last
// message is the customer's); offline or on an error it is simply not shown.
import { useEffect, useState } from 'react';
import { useWorkspace } from './hooks';

const POLL_MS = 1_500;

export function useAiTyping(conversationId: string, waiting: boolean): boolean {
  const ws = useWorkspace();
  const [typing, setTyping] = useState(false);
  useEffect(() => {
    setTyping(false);
    if (!waiting) return;
    let live = true;
    const ask = () =>
      ws.api.get<{ typing: boolean }>(`/conversations/${encodeURIComponent(conversationId)}/typing`).then(
        (r) => live && setTyping(r.typing === true),
        () => live && setTyping(false),
      );
    void ask();
    const timer = setInterval(() => void ask(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [ws, conversationId, waiting]);
  return typing;
}
