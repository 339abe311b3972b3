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
  'webchat.preview': 'Preview of the chat on your site',
  'webchat.previewHint':
    'How the chat will look on your site with the settings above, saved or not. What you type in the preview is not sent to anyone.',
  'csv.needsConnection': 'The import needs a connection to the server: connect and try again.',
  'csv.previewTitle': 'Import preview (nothing is written yet)',
  'csv.previewCounts':
    '{rows, plural, one {# row} other {# rows}}: {created, plural, one {# new contact} other {# new contacts}}, {updated, number} updated, {skipped, number} unchanged, {leadsCreated, plural, one {# new deal} other {# new deals}}, {failed, number} with errors',
  'csv.importAll': 'Import',
  'csv.importValid': '{n, plural, one {Import the valid row} other {Import the # valid rows}}',
  'csv.col.id': 'ID',
  'csv.col.name': 'Name',
  'csv.col.company': 'Company',
  'csv.col.email': 'E-mail',
  'csv.col.phone': 'Phone',
  'csv.col.telegram': 'Telegram',
  'csv.col.deal': 'Deal',
  'csv.col.pipeline': 'Pipeline',
  'csv.col.stage': 'Stage',
  'csv.col.amount': 'Amount',
  'csv.col.currency': 'Currency',
  'csv.col.tags': 'Tags',
  'delivery.stalled':
    '{channel} replies are not going out: the server has not sent them for a while (no process runs the bot, or its sending is stuck). They go as soon as it moves again; your administrator sees it in the server’s status.',
  'delivery.notConnected': '{channel} is not connected — connect it in Settings. The reply waits until then.',
};
