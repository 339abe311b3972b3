// Russian strings of the Inbox's waiting customers: the flag on a row and its filter (part of ru.ts).
import type { inboxEn } from './inbox-en';

export const inboxRu: Record<keyof typeof inboxEn, string> = {
  'inbox.waiting': 'Ждёт менеджера · {time}',
  'inbox.waitingFilter': 'Ждут менеджера',
};
