// English strings of the Inbox's waiting customers: the flag on a row and its filter (part of en.ts).
export const inboxEn = {
  'inbox.waiting': 'Wants a human · {time}',
  'inbox.waitingFilter': 'Waiting for a rep',
};
