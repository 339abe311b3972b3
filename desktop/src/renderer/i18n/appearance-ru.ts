// Русские тексты Настройки > Оформление (часть ru.ts; ключи appearance-en.ts).
import type { appearanceEn } from './appearance-en';

export const appearanceRu: Record<keyof typeof appearanceEn, string> = {
  'appearance.title': 'Оформление',
  'appearance.hint': 'Только на этом устройстве.',
  'appearance.theme': 'Тема',
  'appearance.theme.system': 'Как в системе',
  'appearance.theme.light': 'Светлая',
  'appearance.theme.dark': 'Тёмная',
  'appearance.density': 'Плотность',
  'appearance.density.comfortable': 'Свободно',
  'appearance.density.compact': 'Компактно',
};
