// Russian strings of offered choices in the conversation (MessageChoices.tsx; part of inbox-ru.ts).
import type { choicesEn } from './choices-en';

export const choicesRu: Record<keyof typeof choicesEn, string> = {
  'choices.offered': 'Варианты, предложенные клиенту',
  'choices.picked': 'Выбрано из предложенных вариантов',
};
