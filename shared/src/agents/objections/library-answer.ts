// The library's answer to a recognised objection: the approved answer in the conversation's language
// (the one for the deal's stage when there is one, else the one for any stage), a comparison with a
// competitor the customer named, one of the objection's success stories in that language (which one
// follows the customer's words, so customers do not all hear the same), and a closing line that names
// the script it comes from. No answer in that language: none (the run goes on as without the library).
import type { ObjectionDoc } from '../../schemas/index';
import { objectionWords } from './recognise';

export type LibraryAnswer = { text: string; title: string };

/** What the closing line calls the script, per language. */
const sourceLine = {
  ru: (name: string) => `Источник: библиотека возражений, «${name}»`,
  en: (name: string) => `Source: objection library, “${name}”`,
} as const;

/** The objection's name in a language (the other one, or its type, when it has none). */
export function objectionName(objection: ObjectionDoc, language: 'ru' | 'en'): string {
  return objection.name[language] ?? objection.name[language === 'ru' ? 'en' : 'ru'] ?? objection.type;
}

/** The comparisons whose competitor the message names (as words: "amoCRM", "Битрикс24"). */
function namedComparisons(objection: ObjectionDoc, text: string, language: 'ru' | 'en'): string[] {
  const words = objectionWords(text).join(' ');
  return (objection.comparisons ?? [])
    .filter((c) => c.language === language)
    .filter((c) => ` ${words} `.includes(` ${objectionWords(c.competitor).join(' ')} `))
    .map((c) => c.text);
}

/** One success story in the language, picked by a hash of the message (the same message, the same story). */
function successStory(objection: ObjectionDoc, text: string, language: 'ru' | 'en'): string[] {
  const stories = (objection.successStories ?? []).filter((s) => s.language === language);
  if (!stories.length) return [];
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return [stories[h % stories.length]!.text.trim()];
}

export function libraryAnswer(
  objection: ObjectionDoc,
  input: { language: 'ru' | 'en'; stage?: string; text: string },
): LibraryAnswer | undefined {
  const inLanguage = objection.answers.filter((a) => a.language === input.language);
  const answer =
    inLanguage.find((a) => a.stage !== undefined && a.stage === input.stage) ??
    inLanguage.find((a) => a.stage === undefined);
  if (!answer) return undefined;
  const title = objectionName(objection, input.language);
  const parts = [
    answer.text.trim(),
    ...namedComparisons(objection, input.text, input.language),
    ...successStory(objection, input.text, input.language),
  ];
  return { text: `${parts.join(' ')}\n\n${sourceLine[input.language](title)}`, title };
}
