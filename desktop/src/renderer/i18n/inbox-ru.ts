// Russian strings of the Inbox: the flag on a waiting customer's row and its filter, the side panel
// about the customer, and in the conversation the AI's steps and each message's delivery (part of ru.ts).
import { agentStepsRu } from './agent-steps-ru';
import { aiTypingRu } from './ai-typing-ru';
import { choicesRu } from './choices-ru';
import { deliveryRu } from './delivery-ru';
import type { inboxEn } from './inbox-en';

export const inboxRu: Record<keyof typeof inboxEn, string> = {
  ...agentStepsRu,
  ...aiTypingRu,
  ...choicesRu,
  ...deliveryRu,
  'inbox.waiting': 'Ждёт менеджера · {time}',
  'inbox.waitingFilter': 'Ждут менеджера',
  'panel.title': 'О клиенте',
  'panel.noContact': 'Неизвестный клиент',
  'panel.deal': 'Сделка',
  'panel.noDeal': 'Сделки пока нет',
  'panel.score': 'оценка {score}',
  'inbox.tabs': 'Чьи диалоги',
  'inbox.tab.mine': 'Мои',
  'inbox.tab.unassigned': 'Неназначенные',
  'inbox.tab.all': 'Все',
  'inbox.filters': 'Фильтры',
  'inbox.clearFilters': 'Сбросить фильтры',
  'inbox.empty.mine':
    'Вам пока не назначено ни одного диалога. Возьмите диалог из вкладки «Неназначенные» или перехватите разговор.',
  'inbox.empty.unassigned': 'У каждого открытого диалога есть ответственный.',
};
