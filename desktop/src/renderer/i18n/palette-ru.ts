// Русские строки групп результатов палитры команд (входят в ru.ts).
import type { paletteEn } from './palette-en';

export const paletteRu: Record<keyof typeof paletteEn, string> = {
  'palette.group.contact': 'Контакты',
  'palette.group.lead': 'Сделки',
  'palette.group.conversation': 'Диалоги',
  'palette.group.knowledge': 'База знаний',
  'palette.group.commands': 'Действия',
  'palette.conversation': 'Диалог',
};
