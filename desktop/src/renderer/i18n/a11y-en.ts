// English names that assistive technology reads for controls without visible text: dialogs, icon
// buttons, fields labelled only by their place on screen (part of en.ts; checked by the screens
// walk's axe run, e2e/screens.e2e.test.ts).
export const a11yEn = {
  'a11y.commandPalette': 'Command palette',
  'a11y.selectAll': 'Select all',
  'a11y.paletteResults': 'Commands and search results',
};
