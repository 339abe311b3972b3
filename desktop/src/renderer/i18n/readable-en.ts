// English texts that stand where a screen showed machine data (issue 37): a contact's summary in
// sentences, a fact whose message is not on the device, a provider picked from the team's, a
// first-response figure without its unit in the header (part of en.ts).
export const readableEn = {
  'summary.roleAt': '{position} at {company}.',
  'summary.role': 'Position: {position}.',
  'summary.company': 'Works at {company}.',
  'summary.budget': 'Budget: {budget}.',
  'summary.need': 'Needs: {need}.',
  'summary.teamSize': 'Team size: {size}.',
  'summary.timeline': 'Timing: {timeline}.',
  'summary.meeting': 'Meeting planned for {when}.',
  'summary.interest': 'Interested in: {interest}.',
  'summary.reach': 'Can be reached by {points}.',
  'summary.more': '{n, plural, one {# more fact} other {# more facts}} below.',
  'contact.messageNotHere': 'a message not on this device yet',
  'models.provider.first': "The team's first provider",
  'models.provider.missing': '{id} (not in Settings)',
  'models.fallbacks.pick':
    'Fallback chain: providers tried in turn when one fails (none ticked: every provider)',
  'analytics.col.firstResponseShown': 'First response (median)',
};
