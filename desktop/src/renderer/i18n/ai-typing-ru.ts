// Russian text of the conversation view's "the AI is writing an answer" line (part of inbox-ru.ts).
import type { aiTypingEn } from './ai-typing-en';

export const aiTypingRu: Record<keyof typeof aiTypingEn, string> = {
  'inbox.aiTyping': 'ИИ печатает…',
};
