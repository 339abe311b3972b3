// Russian strings of the web app's update notice (part of ru.ts).
import type { pwaEn } from './pwa-en';

export const pwaRu: Record<keyof typeof pwaEn, string> = {
  'pwa.updateReady': 'Готова новая версия приложения.',
  'pwa.reload': 'Перезагрузить и обновить',
  'pwa.later': 'Позже',
};
