// English strings of the Inbox: the flag on a waiting customer's row and its filter, and the side
// panel about the customer (part of en.ts).
export const inboxEn = {
  'inbox.waiting': 'Wants a human · {time}',
  'inbox.waitingFilter': 'Waiting for a rep',
  'panel.title': 'About the customer',
  'panel.noContact': 'Unknown customer',
  'panel.deal': 'Deal',
  'panel.noDeal': 'No deal yet',
  'panel.score': 'score {score}',
};
