// English strings of the screens loaded on first use: their placeholder and load failure (part of en.ts).
export const splitEn = {
  'split.loading': 'Opening the screen…',
  'split.failed': 'This screen could not be loaded.',
  'split.failedHint': 'Reload the app to get its current version.',
  'split.reload': 'Reload',
};
