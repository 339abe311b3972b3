// English texts that were written into components or modules before issue 17's scan
// (hardcoded-text.test.ts) and moved here (part of en.ts).
export const uiEn = {
  'knowledge.engineName.orama': 'Orama full text (shared search)',
  'knowledge.engineName.placeholder': 'simple BM25 (Orama did not load)',
  // The UI kit (components/ui): the toast region, the keyboard shortcut sheet, confirmations.
  'ui.toast.region': 'Notifications',
  'ui.shortcuts.title': 'Keyboard shortcuts',
  'ui.shortcuts.palette': 'Commands and search',
  'ui.shortcuts.search': 'Search',
  'ui.shortcuts.goTo': 'Go to {screen}',
  'ui.shortcuts.help': 'This list of shortcuts',
  'ui.shortcuts.close': 'Close a dialog, menu or notification',
  'ui.shortcuts.toasts': 'Go to the notifications',
  'ui.shortcuts.then': 'then',
  'ui.shortcuts.note': 'Letter shortcuts work when no text field has the focus.',
  'pipelines.deleteConfirm': 'Delete the pipeline “{name}”?',
  'pipelines.deleteConfirm.body':
    'Its stages and settings go; deals still in it need another pipeline. This cannot be undone.',
  'pipelines.deleted': 'Pipeline “{name}” deleted',
  'tasks.savedToast': 'Task saved',
  'tasks.addedToast': 'Task added',
  'ui.undo': 'Undo',
  'tasks.completedToast': 'Done: {title}',
  // Date and time fields (components/ui/DateField.tsx).
  'ui.date.label': 'Date',
  'ui.date.open': 'Choose a date in the calendar',
  'ui.date.invalid': 'Type a date like {example}',
  'ui.time.label': 'Time',
  'ui.time.zone': 'Time in your time zone ({zone})',
  'ui.time.invalid': 'Type a time like {example}',
};
