// Conversations and messages dated in the past, for the tests of a plan's history (the API's in
// billing-e2e.test.ts, the sync gateway's in gateway-history.test.ts), written straight to the store.

/** The time `days` ago, as an ISO string. */
export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** A web chat conversation begun 400 days ago whose last message was at `lastAt`. */
export const conversation = (id: string, lastAt: string) => ({
  _id: id,
  contactId: 'contact-h',
  channel: 'webchat',
  status: 'open',
  mode: 'ai',
  createdAt: daysAgo(400),
  updatedAt: lastAt,
  lastMessageAt: lastAt,
});

/** A customer's message of `conversationId` written at `at`. */
export const message = (id: string, conversationId: string, at: string) => ({
  _id: id,
  conversationId,
  contactId: 'contact-h',
  channel: 'webchat',
  direction: 'inbound',
  text: `said ${id}`,
  createdAt: at,
});
