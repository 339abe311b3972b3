// Russian names that assistive technology reads for controls without visible text (part of ru.ts).
import type { a11yEn } from './a11y-en';

export const a11yRu: Record<keyof typeof a11yEn, string> = {
  'a11y.commandPalette': 'Командная палитра',
  'a11y.selectAll': 'Выбрать все',
  'a11y.paletteResults': 'Команды и результаты поиска',
};
