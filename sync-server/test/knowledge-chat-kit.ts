// What the model and embeddings e2e tests share: a team's knowledge uploaded and waited for, and a
// customer's web chat message with the reply waited for, both through the real server's HTTP API.
import { expect } from 'vitest';
import { call, eventually } from './helpers';

/** Uploads `text` as the team's knowledge file `fileName` and waits until it is ready; its source id. */
export async function uploadKnowledge(
  base: string,
  token: string,
  fileName: string,
  text: string,
): Promise<string> {
  const res = await fetch(`${base}/api/v1/knowledge/sources?fileName=${fileName}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: text,
  });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await eventually(async () => {
    const source = await call(base, 'GET', `/api/v1/knowledge/sources/${encodeURIComponent(id)}`, { token });
    return source.body.status === 'ready' ? true : undefined;
  }, 60_000);
  return id;
}

/** A visitor writes `text` to the web chat `widgetKey`; the text of the first reply (waited for). */
export async function webchatReply(
  base: string,
  widgetKey: string,
  visitorId: string,
  clientMessageId: string,
  text: string,
): Promise<string> {
  const sent = await fetch(`${base}/webchat/v1/${widgetKey}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ visitorId, clientMessageId, text }),
  });
  expect(sent.status).toBe(202);
  return eventually(async () => {
    const res = await fetch(`${base}/webchat/v1/${widgetKey}/messages?visitorId=${visitorId}`);
    const body = (await res.json()) as { messages: Array<{ direction: string; text: string }> };
    return body.messages.find((m) => m.direction === 'outbound')?.text;
  }, 45_000);
}
