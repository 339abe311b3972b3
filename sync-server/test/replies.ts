// What the fake Bot API was sent, per customer, for the crash and cluster tests: how many customers
// were answered, and how many answers came twice.
import type { FakeTelegram } from '@app/bot/testing';

/** Replies sent to the chats `firstChat` … `firstChat + customers - 1`. */
export function countReplies(
  fake: FakeTelegram,
  firstChat: number,
  customers: number,
): { answered: number; duplicates: number; max: number } {
  const perChat = new Map<string, number>();
  for (const s of fake.sent)
    if (s.method === 'sendMessage') perChat.set(String(s.chatId), (perChat.get(String(s.chatId)) ?? 0) + 1);
  let answered = 0;
  let duplicates = 0;
  let max = 0;
  for (let i = 0; i < customers; i++) {
    const n = perChat.get(String(firstChat + i)) ?? 0;
    if (n > 0) answered++;
    if (n > 1) duplicates += n - 1;
    max = Math.max(max, n);
  }
  return { answered, duplicates, max };
}

/** Waits until `cond` holds or `timeoutMs` passed (no error: the assertion after it tells). */
export async function waitUntil(cond: () => boolean, timeoutMs: number, everyMs = 250): Promise<void> {
  const t0 = Date.now();
  while (!cond() && Date.now() - t0 < timeoutMs) await new Promise((r) => setTimeout(r, everyMs));
}
