// Russian texts moved out of components and modules (part of ru.ts; the keys of ui-en.ts).
import type { uiEn } from './ui-en';

export const uiRu: Record<keyof typeof uiEn, string> = {
  'knowledge.engineName.orama': 'полнотекстовый поиск Orama (общий)',
  'knowledge.engineName.placeholder': 'простой BM25 (Orama не загрузилась)',
};
