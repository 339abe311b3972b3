// English strings of the deal timeline and the stage notifications (spread into en.ts).
export const timelineEn = {
  'timeline.title': 'Timeline',
  'timeline.empty': 'Nothing has happened with this deal yet.',
  'timeline.more': 'Show {n, number} earlier',
  'timeline.created': 'Created in {to}',
  'timeline.moved': 'Moved from {from} to {to}',
  'timeline.by.rep': 'by {name}',
  'timeline.by.agent': 'by an AI agent',
  'timeline.by.system': 'by the system',
  'timeline.message.in': 'Customer wrote',
  'timeline.message.out': 'Reply sent',
  'timeline.message.notification': 'Customer notified of the stage',
  'timeline.task': 'Task: {title}',
  'timeline.task.done': 'Task done: {title}',
  'timeline.event': 'Meeting: {title}',
  'timeline.agent': 'Agent {role}: {name}',
  'notify.enabled': 'Message the customer when a deal enters this stage',
  'notify.en': 'Text in English',
  'notify.ru': 'Text in Russian',
  'notify.hint':
    "Sent once per move through the deal’s conversation, in the customer’s language (the other text if that one is empty). Placeholders: '{{name}}, {{deal}}, {{stage}}, {{company}}'.",
  'notify.noText': 'Write a text in at least one language, or nothing is sent.',
} as const;
