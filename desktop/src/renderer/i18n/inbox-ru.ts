// Russian strings of the Inbox: the flag on a waiting customer's row and its filter, and the side
// panel about the customer (part of ru.ts).
import type { inboxEn } from './inbox-en';

export const inboxRu: Record<keyof typeof inboxEn, string> = {
  'inbox.waiting': 'Ждёт менеджера · {time}',
  'inbox.waitingFilter': 'Ждут менеджера',
  'panel.title': 'О клиенте',
  'panel.noContact': 'Неизвестный клиент',
  'panel.deal': 'Сделка',
  'panel.noDeal': 'Сделки пока нет',
  'panel.score': 'оценка {score}',
};
