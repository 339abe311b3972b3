// Safety checks by local lexicons (Russian and English): toxicity and sentiment of texts, and signs of
// prompt injection in customer messages and in what the customer's profile holds (a name or a fact can
// carry instructions too). Injection never unlocks anything (tools are fixed by the profile, data by
// the customer scope); detecting it only adds a note to the log and the prompt.
import { readCustomerMood } from './mood/read-mood';
import type { ContactDoc } from '../schemas/index';

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

export type TextCheck = {
  toxic: boolean;
  toxicTerms: string[];
  sentiment: 'positive' | 'neutral' | 'negative';
  sentimentScore: number;
};

/** Abuse and mood of a text by the whole-word checks of ./mood (issue 62), in the old shape. */
export function checkText(text: string): TextCheck {
  const m = readCustomerMood(text);
  return {
    toxic: m.abuse.severity !== 'none',
    toxicTerms: m.abuse.terms,
    sentiment: m.mood.label,
    sentimentScore: m.mood.score,
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
