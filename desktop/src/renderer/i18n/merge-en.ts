// English strings of merging two contacts that are one person (issue 14): the contact page's
// "Merge with…" dialog (search, preview of what moves, confirm), the banner of a merge the server
// proposed and "Merged from X — Split" (part of en.ts through twin-en.ts).
export const mergeEn = {
  'merge.open': 'Merge with…',
  'merge.title': 'Merge another contact into {name}',
  'merge.search': 'Find a contact by name, e-mail or phone',
  'merge.noMatches': 'No other contact matches.',
  'merge.pick': 'Choose',
  'merge.preview':
    '{name} will be merged into this contact. These move here: {conversations, plural, one {# conversation} other {# conversations}}, {leads, plural, one {# deal} other {# deals}}, {tasks, plural, one {# task} other {# tasks}}, {events, plural, one {# meeting} other {# meetings}}, {facts, plural, one {# fact} other {# facts}}. Their e-mails, phones and channels are added; this contact keeps its name. {name} stays only as a link to this contact.',
  'merge.previewLoading': 'Counting what would move…',
  'merge.confirm': 'Merge',
  'merge.back': 'Back',
  'merge.done': 'Merged {name} into this contact.',
  'merge.needsServer':
    'Merging needs the server: it moves conversations and deals of the whole team. Connect and try again.',
  'merge.banner': 'This may be the same person as {name} ({address}).',
  'merge.bannerMerge': 'Merge',
  'merge.notSame': 'Not the same',
  'merge.unnamed': 'a contact without a name',
  'fact.mergedFrom': 'Merged from',
  'split.mergedFrom': 'Merged from {name} —',
  'split.action': 'Split',
  'split.confirm': 'Split {name} from this contact?',
  'split.confirmBody':
    '{name} gets back its own conversations, deals, tasks, meetings, messages, e-mails, phones, channels and twin facts. What was added here after the merge stays here. The two will not be proposed as the same person again.',
  'split.done': '{name} is a contact of its own again.',
  'split.needsServer':
    'Splitting needs the server: it moves conversations and deals of the whole team. Connect and try again.',
} as const;
