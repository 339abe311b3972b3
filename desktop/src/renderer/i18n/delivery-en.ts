// English strings of an outgoing message's delivery: why it is not delivered, in people's words, and
// its Retry button (lib/delivery-reason.ts; part of inbox-en.ts).
export const deliveryEn = {
  'delivery.offline': 'waiting to send',
  'delivery.retry': 'Retry',
  'delivery.retryLabel': 'Send this message again',
  'delivery.retried': 'Queued to send again',
  'delivery.gaveUp': '{why} (gave up after {n, plural, one {# attempt} other {# attempts}})',
  'delivery.willRetry': '{why} — will try again',
  'delivery.why.offline': 'No connection to the server — will send when online',
  'delivery.why.demo': 'A sample conversation of the demo: nothing is sent',
  'delivery.why.blocked': '{channel} refused: the customer blocked the bot',
  'delivery.why.deactivated': '{channel} refused: the customer’s account is deleted',
  'delivery.why.chat-not-found': '{channel} refused: the chat no longer exists',
  'delivery.why.bad-token': '{channel} refused: the bot’s token is not valid — check it in Settings',
  'delivery.why.no-rights': '{channel} refused: the bot may not write in this chat',
  'delivery.why.refused': '{channel} refused the message (error {code})',
  'delivery.why.rate-limited': '{channel} asked to slow down',
  'delivery.why.channel-error': '{channel} had an error on its side',
  'delivery.why.network': 'No connection to {channel}',
  'delivery.why.unknown': '{channel} could not deliver it',
};
