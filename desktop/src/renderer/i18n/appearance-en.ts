// English texts of Settings > Appearance (part of en.ts): theme and density of this device.
export const appearanceEn = {
  'appearance.title': 'Appearance',
  'appearance.hint': 'On this device only.',
  'appearance.theme': 'Theme',
  'appearance.theme.system': 'System',
  'appearance.theme.light': 'Light',
  'appearance.theme.dark': 'Dark',
  'appearance.density': 'Density',
  'appearance.density.comfortable': 'Comfortable',
  'appearance.density.compact': 'Compact',
};
