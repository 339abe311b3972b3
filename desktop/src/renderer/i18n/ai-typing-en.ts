// English text of the conversation view's "the AI is writing an answer" line (data/ai-typing.ts; part
// of inbox-en.ts).
export const aiTypingEn = {
  'inbox.aiTyping': 'AI is typing…',
};
