// English strings of who speaks to customers and how: the rep's display name, deals without a
// contact, a reply waiting on a channel that is not connected, the server-side CSV import (part of en.ts).
export const peopleEn = {
  'deal.noContact': 'No contact',
  'deal.contactNameRequired': 'Type the new contact’s name, or choose “No contact”.',
  'profile.title': 'Your profile',
  'profile.displayName': 'Display name (signs your messages to customers)',
  'profile.displayNameHint': 'Customers see this name, never your login e-mail.',
  'members.displayName': 'Display name',
  'delivery.waitsForChannel': 'not sent: {channel} is not connected',
  'webchat.language': 'Language of the widget',
  'webchat.language.auto': 'Automatic (the conversation’s, else the browser’s)',
  'delivery.notConnected': '{channel} is not connected — connect it in Settings. The reply waits until then.',
};
