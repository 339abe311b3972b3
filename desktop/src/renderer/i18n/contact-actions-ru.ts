// Русские тексты меню действий на странице контакта (часть ru.ts; ключи contact-actions-en.ts).
import type { contactActionsEn } from './contact-actions-en';

export const contactActionsRu: Record<keyof typeof contactActionsEn, string> = {
  'contact.actions': 'Действия',
  'contact.openConversation': 'Открыть переписку',
  'contact.openDeal': 'Открыть сделку',
};
