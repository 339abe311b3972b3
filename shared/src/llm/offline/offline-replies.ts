// The offline provider's reply texts, in Russian and English. Short, honest templates: they never
// pretend to know what the knowledge base does not say.
import type { KnowledgeHit } from '../types';
import { bestPassage, splitSentences } from './best-passage';
import { toWallClock } from '../../time/zoned-time';

type Lang = 'ru' | 'en';

export const replies = {
  greeting: { ru: 'Здравствуйте! Чем могу помочь?', en: 'Hello! How can I help you?' },
  thanks: { ru: 'Спасибо, записал ваши данные.', en: 'Thank you, I have noted your details.' },
  proposalSent: {
    ru: 'Отправил вам коммерческое предложение в PDF. Если появятся вопросы, пишите.',
    en: 'I have sent you our commercial proposal as a PDF. Let me know if you have any questions.',
  },
  handoff: {
    ru: 'Передаю ваш вопрос менеджеру.',
    en: 'I am passing your question to a manager.',
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
  /** The lead-in of a passage quoted in the other language (the knowledge base has it only in that one). */
  quotedFrom: {
    ru: 'В нашей базе знаний об этом сказано (на английском):',
    en: 'Our knowledge base says this (in Russian):',
  },
  unknown: {
    ru: 'Не нашёл точного ответа в базе знаний. Если нужно, позову менеджера — просто напишите об этом.',
    en: 'I could not find an exact answer in our knowledge base. If you like, I can bring in a manager: just ask.',
  },
  offTopic: {
    ru: 'Я помогаю с вопросами о наших продуктах, ценах, доставке и заказах. Что вас интересует?',
    en: 'I can help with questions about our products, prices, delivery and orders. What would you like to know?',
  },
} as const;

const quote = (lang: Lang, text: string) => (lang === 'ru' ? `«${text}»` : `“${text}”`);

/**
 * The answer from knowledge: the best passage of each answering hit in whole sentences (best-passage.ts),
 * each followed by its `[n]` marker (n: its place in `hits`, the numbering the citations use; the reply
 * is finished by agents/citations.ts, which names the sources and removes the markers). A passage in
 * the customer's language is the answer itself; when the knowledge base has it only in the other
 * language, the answer says so in the customer's language and quotes it. Hits in the other language
 * are left out when one in the customer's language answers.
 */
export function knowledgeReply(input: {
  answering: KnowledgeHit[];
  hits: KnowledgeHit[];
  question: string;
  language: Lang;
}): string {
  const { answering, hits, question, language: lang } = input;
  const passages = answering.map((h) => ({ ...bestPassage(h.text, question, lang), n: hits.indexOf(h) + 1 }));
  const own = passages.filter((p) => p.language === lang);
  if (own.length > 0) return own.map((p) => `${p.text} [${p.n}]`).join('\n\n');
  const quoted = passages.map((p) => `${quote(lang, p.text)} [${p.n}]`);
  return `${replies.quotedFrom[lang]}${quoted.length === 1 ? ' ' : '\n'}${quoted.join('\n')}`;
}

/**
 * Hits of close scores (at least `within` of the best one's) in the customer's language first, in
 * their order otherwise: of two passages on the same topic in a bilingual knowledge base, the one the
 * customer reads is the one to answer from. Run it before the hits are numbered for citations.
 */
export function preferLanguage<T extends Pick<KnowledgeHit, 'text' | 'score'>>(
  hits: T[],
  language: Lang,
  within = 0.5,
): T[] {
  const top = Math.max(0, ...hits.map((h) => h.score));
  const close = (h: T) => h.score >= within * top;
  const inLanguage = (h: T) => splitSentences(h.text).some((s) => s.language === language);
  const head = hits.filter(close);
  return [
    ...head.filter(inLanguage),
    ...head.filter((h) => !inLanguage(h)),
    ...hits.filter((h) => !close(h)),
  ];
}

/** A date and time on the time zone's wall clock, with the zone named: "2026-03-03 в 15:00 (Europe/Moscow)". */
export function formatWhen(iso: string, lang: Lang, timeZone = 'UTC'): string {
  const d = toWallClock(new Date(iso), timeZone).toISOString();
  const [date, time] = [d.slice(0, 10), d.slice(11, 16)];
  return `${date} ${lang === 'ru' ? 'в' : 'at'} ${time} (${timeZone})`;
}
