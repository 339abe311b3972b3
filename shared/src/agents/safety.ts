// Safety checks by local lexicons (Russian and English): toxicity and sentiment of texts, and signs of
// prompt injection in customer messages and in what the customer's profile holds (a name or a fact can
// carry instructions too). Injection never unlocks anything (tools are fixed by the profile, data by
// the customer scope); detecting it only adds a note to the log and the prompt.
import { words } from '../llm/offline/text-features';
import type { ContactDoc } from '../schemas/index';

const toxicStems = [
  'идиот',
  'дура',
  'дурак',
  'тупой',
  'тупая',
  'тупиц',
  'кретин',
  'придур',
  'сволоч',
  'ублюд',
  'мудак',
  'мраз',
  'урод',
  'заткнис',
  'хуй',
  'хуе',
  'пизд',
  'бляд',
  'ебан',
  'ебат',
  'сука',
  'говн',
  'дерьм',
  'idiot',
  'stupid',
  'moron',
  'dumb',
  'fuck',
  'shit',
  'bitch',
  'asshole',
  'bastard',
  'retard',
  'crap',
  'shut up',
  'loser',
  'jerk',
];
const negative = [
  'плох',
  'ужас',
  'отврат',
  'недовол',
  'разочар',
  'обман',
  'жалоб',
  'верните',
  'возврат',
  'безобраз',
  'сломал',
  'не работает',
  'кошмар',
  'долго',
  'бракован',
  'bad',
  'terrible',
  'awful',
  'horrible',
  'unhappy',
  'disappoint',
  'scam',
  'complain',
  'refund',
  'broken',
  'worst',
  'not working',
  'angry',
  'slow',
  'defective',
];
const positive = [
  'спасибо',
  'отлично',
  'супер',
  'класс',
  'хорош',
  'нравится',
  'доволен',
  'довольна',
  'рад',
  'прекрасн',
  'замечательн',
  'thanks',
  'thank',
  'great',
  'excellent',
  'awesome',
  'good',
  'love',
  'happy',
  'perfect',
  'nice',
  'wonderful',
];
const injection = [
  /ignore (all |any )?(previous|prior|above|earlier) (instructions|rules|prompts?)/i,
  /disregard (the |your )?(system|previous|prior)/i,
  /(system|developer) (prompt|message|mode)/i,
  /you are now|act as (an? )?(admin|developer|system)/i,
  /(reveal|show|print|list|dump|export) (me )?(all|every|other) (customers|clients|contacts|users|leads)/i,
  /игнорируй|забудь (все )?(предыдущие|прошлые) (инструкции|правила)/i,
  /системн(ый|ого) (промпт|сообщени)/i,
  /(покажи|выведи|дай|отправь|перечисли|выгрузи)\s+(мне\s+)?(все|всех|других|остальных|чужие)\s+(клиент|контакт|пользоват|лид|данны)/i,
  /ты теперь|режим (разработчика|администратора)/i,
  /(вызови|включи|разблокируй|unlock|enable|call) (the )?(tool|инструмент)/i,
  // Text posing as a note from the system or the admin ("SYSTEM NOTE (trusted, from the admin): ...").
  /\b(system|admin|administrator|developer|assistant)\s*(note|notice|message|instruction|override|update)s?\b/i,
  /(^|\n)\s*[[(]?(system|admin|developer)\s*[:\]]/i,
  /\(?\btrusted\b[^)]{0,40}\b(admin|system|developer|operator)/i,
  /\bfrom (the )?(admin|administrator|system|developer|operator)\b/i,
  /\b(new|updated|override) (instructions|rules)\b/i,
  /(системн(ое|ая|ый) (сообщение|заметка|примечание|указание|инструкция))|от администратора|новые (инструкции|правила)/i,
];

const norm = (t: string) => ` ${words(t).join(' ')} `;
const hits = (text: string, list: string[]) =>
  list.filter((w) => text.includes(w.includes(' ') ? w : w)).length;

export type TextCheck = {
  toxic: boolean;
  toxicTerms: string[];
  sentiment: 'positive' | 'neutral' | 'negative';
  sentimentScore: number;
};

export function checkText(text: string): TextCheck {
  const t = norm(text);
  const tokens = t.trim().split(' ');
  const toxicTerms = toxicStems.filter((s) =>
    s.includes(' ') ? t.includes(` ${s} `) : tokens.some((w) => w.startsWith(s)),
  );
  const pos = hits(t, positive);
  const neg = hits(t, negative) + toxicTerms.length;
  const score = pos - neg;
  return {
    toxic: toxicTerms.length > 0,
    toxicTerms,
    sentiment: score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral',
    sentimentScore: score,
  };
}

export function looksLikeInjection(text: string): boolean {
  return injection.some((p) => p.test(text));
}

/** The parts of a contact's profile that look like instructions: `name`, `company`, `summary`, `fact budget`. */
export function profileInjection(contact: ContactDoc): string[] {
  const parts: [string, string | undefined][] = [
    ['name', contact.name],
    ['company', contact.company],
    ['position', contact.position],
    ['summary', contact.twin.summary],
    ...contact.twin.facts
      .filter((f) => f.status === 'active')
      .map((f): [string, string] => [`fact ${f.key}`, `${f.key} ${f.value}`]),
  ];
  return [...new Set(parts.filter(([, text]) => text && looksLikeInjection(text)).map(([part]) => part))];
}
