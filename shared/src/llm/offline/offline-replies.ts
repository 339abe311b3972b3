// The offline provider's reply texts, in Russian and English. Short, honest templates: they never
// pretend to know what the knowledge base does not say.
import type { KnowledgeHit } from '../types';
import { words } from './text-features';
import { toWallClock } from '../../time/zoned-time';

type Lang = 'ru' | 'en';

export const replies = {
  greeting: { ru: 'Здравствуйте! Чем могу помочь?', en: 'Hello! How can I help you?' },
  thanks: { ru: 'Спасибо, записал ваши данные.', en: 'Thank you, I have noted your details.' },
  handoff: {
    ru: 'Передаю ваш вопрос менеджеру, он скоро ответит.',
    en: 'I am passing your question to a manager, who will reply shortly.',
  },
  complaint: {
    ru: 'Мне очень жаль, что так вышло. Передаю обращение менеджеру, он свяжется с вами.',
    en: 'I am sorry about this. I am passing your message to a manager who will contact you.',
  },
  optOut: {
    ru: 'Хорошо, больше не будем вам писать. Если понадобится помощь, просто напишите.',
    en: 'Understood, we will not message you again. If you need help, just write to us.',
  },
  meeting: {
    ru: (when?: string) =>
      when
        ? `Записал встречу на ${when}. Менеджер подтвердит время.`
        : 'С удовольствием организуем встречу. Подскажите удобные дату и время?',
    en: (when?: string) =>
      when
        ? `I have booked a meeting for ${when}. A manager will confirm the time.`
        : 'Happy to set up a meeting. Which date and time suit you?',
  },
  fromKnowledge: { ru: 'Вот что есть в нашей базе знаний:', en: 'Here is what our knowledge base says:' },
  unknown: {
    ru: 'Не нашёл точного ответа в базе знаний. Если нужно, позову менеджера — просто напишите об этом.',
    en: 'I could not find an exact answer in our knowledge base. If you like, I can bring in a manager: just ask.',
  },
  offTopic: {
    ru: 'Я помогаю с вопросами о наших продуктах, ценах, доставке и заказах. Что вас интересует?',
    en: 'I can help with questions about our products, prices, delivery and orders. What would you like to know?',
  },
} as const;

/** The sentences of a hit that share the most words with the question, at most ~400 characters. */
export function bestSnippet(hit: KnowledgeHit, question: string): string {
  const q = new Set(words(question).filter((w) => w.length > 2));
  const sentences = hit.text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !/^#+\s/.test(s));
  if (sentences.length === 0) return hit.text.slice(0, 400);
  const scored = sentences.map((s, i) => {
    const ws = words(s);
    const overlap = ws.filter((w) => [...q].some((t) => w.startsWith(t.slice(0, 5)))).length;
    return { s, i, overlap };
  });
  const best = [...scored].sort((a, b) => b.overlap - a.overlap || a.i - b.i)[0]!;
  let out = best.s;
  const next = sentences[best.i + 1];
  if (next && out.length + next.length < 400) out += ' ' + next;
  return out.length > 400 ? out.slice(0, 397) + '...' : out;
}

/**
 * The answer from knowledge: the best passage of each answering hit, each followed by its `[n]` marker
 * (n: its place in `hits`, the numbering the citations use), and the sources.
 */
export function knowledgeReply(input: {
  answering: KnowledgeHit[];
  hits: KnowledgeHit[];
  question: string;
  language: Lang;
}): string {
  const { answering, hits, question, language: lang } = input;
  const parts = answering.map((h) => `${bestSnippet(h, question)} [${hits.indexOf(h) + 1}]`);
  const sources = answering.map((h) => `[${hits.indexOf(h) + 1}] ${h.title}`).join('; ');
  return `${replies.fromKnowledge[lang]} ${parts.join(' ')}\n${lang === 'ru' ? 'Источник' : 'Source'}: ${sources}`;
}

/** A date and time on the time zone's wall clock, with the zone named: "2026-03-03 в 15:00 (Europe/Moscow)". */
export function formatWhen(iso: string, lang: Lang, timeZone = 'UTC'): string {
  const d = toWallClock(new Date(iso), timeZone).toISOString();
  const [date, time] = [d.slice(0, 10), d.slice(11, 16)];
  return `${date} ${lang === 'ru' ? 'в' : 'at'} ${time} (${timeZone})`;
}
