// English strings of the customer's mood (issue 62): the badge of an angry or abusive customer, the
// team's mood hand-off setting and the analytics' share of negative conversations (part of en.ts).
export const moodEn = {
  'mood.angry': 'Angry',
  'mood.abusive': 'Abusive',
  'mood.angry.title':
    'The customer is angry ({count, plural, one {# angry message} other {# angry messages}}): {reasons}',
  'mood.abusive.title': 'The customer is abusive ({severity})',
  'mood.severity.none': 'none',
  'mood.severity.mild': 'rude',
  'mood.severity.severe': 'obscenity, slurs or threats',
  'mood.setting.title': 'Upset customers',
  'mood.setting.onAbuse': 'Hand an abusive customer to a human',
  'mood.setting.onAngry': 'Hand an angry customer to a human',
  'mood.setting.angryMessages': 'after this many angry messages (1–5)',
  'mood.analytics.title': 'Negative conversations',
  'mood.analytics.share': '{share, number, percent} of conversations had an angry or abusive customer',
  'mood.analytics.channel': 'Channel',
  'mood.analytics.negative': 'Negative',
  'mood.analytics.total': 'Conversations',
};
