// Russian strings of the screens loaded on first use: their placeholder and load failure (part of ru.ts).
import type { splitEn } from './split-en';

export const splitRu: Record<keyof typeof splitEn, string> = {
  'split.loading': 'Открываем экран…',
  'split.failed': 'Не удалось загрузить этот экран.',
  'split.failedHint': 'Перезагрузите приложение, чтобы получить его текущую версию.',
  'split.reload': 'Перезагрузить',
};
